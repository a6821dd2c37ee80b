using System.Globalization;

namespace Fleetbook.Display;

/// <summary>Numbers, durations and times as displays write them: invariant culture, UTC.</summary>
internal static class Formats
{
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Duration(TimeSpan elapsed) => elapsed.TotalSeconds switch
    {
        < 10 => elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s",
        < 120 => elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s",
        < 7200 => string.Create(CultureInfo.InvariantCulture, $"{(int)elapsed.TotalMinutes} min {elapsed.Seconds:00} s"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{(int)elapsed.TotalHours} h {elapsed.Minutes:00} min"),
    };

    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";

    public static string Rate(long count, TimeSpan elapsed) =>
        elapsed > TimeSpan.Zero ? (count / elapsed.TotalSeconds).ToString("0.0", CultureInfo.InvariantCulture) + " jobs/s" : "—";

    public static string Plural(long count, string one, string many) => Count(count) + " " + (count == 1 ? one : many);
}

using System.Globalization;

namespace Fleetbook.Charts.Svg;

/// <summary>
/// Ticks on a time axis (UTC, positions in Unix milliseconds), from milliseconds to centuries: the finest step whose
/// labels fit, aligned to whole units ("10:00:05", "10:05", "Mar 1", "Mar", "2026"), with the date or the year as
/// a second line under the first tick and wherever it changes.
/// </summary>
internal static class DateTicks
{
    private const double Second = 1000;
    private const double Minute = 60 * Second;
    private const double Hour = 60 * Minute;
    private const double Day = 24 * Hour;

    private static readonly double Earliest = (DateTime.MinValue.AddYears(1) - DateTime.UnixEpoch).TotalMilliseconds;
    private static readonly double Latest = (DateTime.MaxValue.AddYears(-1) - DateTime.UnixEpoch).TotalMilliseconds;

    // 1970-01-01 was a Thursday: weeks start four days later, on a Monday.
    private const double FirstMonday = 4 * Day;

    private enum Unit
    {
        Millisecond,
        Second,
        Minute,
        Hour,
        Day,
        Month,
        Year,
    }

    private static readonly (Unit Unit, int Count)[] Steps =
    [
        (Unit.Millisecond, 1), (Unit.Millisecond, 2), (Unit.Millisecond, 5), (Unit.Millisecond, 10), (Unit.Millisecond, 20), (Unit.Millisecond, 50),
        (Unit.Millisecond, 100), (Unit.Millisecond, 200), (Unit.Millisecond, 500),
        (Unit.Second, 1), (Unit.Second, 2), (Unit.Second, 5), (Unit.Second, 10), (Unit.Second, 15), (Unit.Second, 30),
        (Unit.Minute, 1), (Unit.Minute, 2), (Unit.Minute, 5), (Unit.Minute, 10), (Unit.Minute, 15), (Unit.Minute, 30),
        (Unit.Hour, 1), (Unit.Hour, 2), (Unit.Hour, 3), (Unit.Hour, 6), (Unit.Hour, 12),
        (Unit.Day, 1), (Unit.Day, 2), (Unit.Day, 7), (Unit.Day, 14),
        (Unit.Month, 1), (Unit.Month, 2), (Unit.Month, 3), (Unit.Month, 6),
        (Unit.Year, 1), (Unit.Year, 2), (Unit.Year, 5), (Unit.Year, 10), (Unit.Year, 20), (Unit.Year, 50), (Unit.Year, 100), (Unit.Year, 1000),
    ];

    public static IReadOnlyList<Tick> Choose(double min, double max, double length)
    {
        (min, max) = (Math.Max(min, Earliest), Math.Min(max, Latest));
        IReadOnlyList<Tick> ticks = [];
        foreach (var step in Steps)
        {
            var spacing = Approximate(step) / (max - min) * length;
            if (spacing < AxisTicks.LabelGap * 2)
            {
                continue;
            }

            var candidate = Generate(step, min, max);
            if (candidate.Count == 0)
            {
                break;
            }

            ticks = candidate;
            var widest = ticks.Max(t => Math.Max(TextMetrics.Width(t.Label, AxisScale.FontSize), TextMetrics.Width(t.Below ?? "", AxisScale.FontSize)));
            if (spacing >= widest + AxisTicks.LabelGap)
            {
                break;
            }
        }

        return ticks;
    }

    private static double Approximate((Unit Unit, int Count) step) => step.Count * step.Unit switch
    {
        Unit.Millisecond => 1,
        Unit.Second => Second,
        Unit.Minute => Minute,
        Unit.Hour => Hour,
        Unit.Day => Day,
        Unit.Month => 30.44 * Day,
        _ => 365.25 * Day,
    };

    private static List<Tick> Generate((Unit Unit, int Count) step, double min, double max)
    {
        var instants = new List<DateTime>();
        if (step.Unit <= Unit.Day)
        {
            var size = Approximate(step);
            var offset = step.Unit == Unit.Day && step.Count % 7 == 0 ? FirstMonday : 0;
            var first = Math.Ceiling((min - offset) / size);
            for (var i = 0; (first + i) * size + offset <= max && instants.Count < 1000; i++)
            {
                instants.Add(DateTime.UnixEpoch.AddMilliseconds(((first + i) * size) + offset));
            }
        }
        else
        {
            var start = DateTime.UnixEpoch.AddMilliseconds(min);
            var months = step.Unit == Unit.Month ? step.Count : 12 * step.Count;
            var index = (int)Math.Ceiling(((start.Year * 12.0) + start.Month - 1) / months) * months;
            for (; instants.Count < 1000; index += months)
            {
                var at = new DateTime(index / 12, (index % 12) + 1, 1, 0, 0, 0, DateTimeKind.Utc);
                if ((at - DateTime.UnixEpoch).TotalMilliseconds > max)
                {
                    break;
                }

                if ((at - DateTime.UnixEpoch).TotalMilliseconds >= min)
                {
                    instants.Add(at);
                }
            }
        }

        var ticks = new List<Tick>(instants.Count);
        for (var i = 0; i < instants.Count; i++)
        {
            var (label, below) = Labels(step, instants[i]);
            var previous = i > 0 ? Labels(step, instants[i - 1]).Below : null;
            ticks.Add(new Tick((instants[i] - DateTime.UnixEpoch).TotalMilliseconds, label, below != previous ? below : null));
        }

        return ticks;
    }

    private static (string Label, string? Below) Labels((Unit Unit, int Count) step, DateTime at)
    {
        string Format(string format) => at.ToString(format, CultureInfo.InvariantCulture);
        return step.Unit switch
        {
            Unit.Millisecond => (Format(step.Count >= 100 ? "HH:mm:ss.f" : step.Count >= 10 ? "HH:mm:ss.ff" : "HH:mm:ss.fff"), Format("MMM d, yyyy")),
            Unit.Second => (Format("HH:mm:ss"), Format("MMM d, yyyy")),
            Unit.Minute or Unit.Hour => (Format("HH:mm"), Format("MMM d, yyyy")),
            Unit.Day => (Format("MMM d"), Format("yyyy")),
            Unit.Month => (Format("MMM"), Format("yyyy")),
            _ => (Format("yyyy"), null),
        };
    }
}

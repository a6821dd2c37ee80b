using System.Globalization;
using System.Text.RegularExpressions;

namespace Fleetbook.Charts.Svg;

/// <summary>
/// plotly's hover and text templates (<c>"%{text}: %{z:.1f} objects&lt;extra&gt;&lt;/extra&gt;"</c>) filled in for a
/// static chart: fields with the d3 number formats charts use (<c>,</c> <c>.1f</c> <c>d</c> <c>%</c> <c>e</c> <c>s</c>),
/// plotly's markup reduced to plain text (<c>&lt;extra&gt;</c> dropped, <c>&lt;br&gt;</c> a new line).
/// </summary>
internal static partial class PlotTemplate
{
    public static string Format(string template, Func<string, object?> field)
    {
        var filled = Field().Replace(template, match =>
            Value(field(match.Groups["name"].Value), match.Groups["format"].Success ? match.Groups["format"].Value : ""));
        filled = Extra().Replace(filled, "");
        filled = LineBreak().Replace(filled, "\n");
        return Tag().Replace(filled, "");
    }

    /// <summary>A value as a template shows it without a format: numbers to at most six decimals, instants in UTC.</summary>
    public static string Value(object? value, string format = "") => value switch
    {
        null => "",
        double number => FormatNumber(number, format),
        DateTimeOffset time => Time(time),
        _ => value.ToString() ?? "",
    };

    public static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString(time.Millisecond == 0 ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);

    private static string FormatNumber(double number, string format)
    {
        var spec = D3Format().Match(format);
        if (!spec.Success)
        {
            return number.ToString("0.######", CultureInfo.InvariantCulture);
        }

        var grouped = spec.Groups["comma"].Success;
        int? precision = spec.Groups["precision"].Success ? int.Parse(spec.Groups["precision"].Value, CultureInfo.InvariantCulture) : null;
        var decimals = precision ?? 6;
        // d3 rounds halves away from zero (JavaScript's toFixed); .NET's formatting would round them to even.
        string Fixed(double value, int places) =>
            Math.Round(value, Math.Min(places, 15), MidpointRounding.AwayFromZero).ToString((grouped ? "N" : "F") + places.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return spec.Groups["type"].Value switch
        {
            "f" => Fixed(number, decimals),
            "d" => Fixed(number, 0),
            "%" => Fixed(number * 100, precision ?? 0) + "%",
            "e" => number.ToString("0." + new string('0', decimals) + "e+0", CultureInfo.InvariantCulture),
            "s" => NumberFormat.Si(number, precision ?? 3),
            _ when precision is { } significant => number.ToString("G" + Math.Max(1, significant).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
            _ => number.ToString(grouped ? "#,0.######" : "0.######", CultureInfo.InvariantCulture),
        };
    }

    [GeneratedRegex(@"%\{(?<name>[^}:|]*)(?:[:|](?<format>[^}]*))?\}")]
    private static partial Regex Field();

    [GeneratedRegex(@"<extra>.*?</extra>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Extra();

    [GeneratedRegex(@"<br\s*/?>", RegexOptions.IgnoreCase)]
    private static partial Regex LineBreak();

    [GeneratedRegex(@"</?[a-zA-Z][^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"^(?<comma>,)?(?:\.(?<precision>\d{1,2}))?(?<type>[fde%sg]?)$")]
    private static partial Regex D3Format();
}

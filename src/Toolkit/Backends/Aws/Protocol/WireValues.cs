using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fleetbook.Backends.Aws.Protocol;

/// <summary>Conversions between the DOM's canonical value forms and the forms the protocols put on the wire.</summary>
internal static class WireValues
{
    public const string UnixTimestamp = "unixTimestamp";
    public const string Iso8601 = "iso8601";
    public const string Rfc822 = "rfc822";

    /// <summary>The DOM form of a timestamp: ISO-8601 round-trip text in UTC.</summary>
    public static JsonValue Timestamp(DateTimeOffset value) => JsonValue.Create(value.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));

    /// <summary>Reads a timestamp given in the DOM: ISO-8601 (or RFC 1123) text, or epoch seconds as a number.</summary>
    public static DateTimeOffset ReadTimestamp(JsonNode node, string path)
    {
        if (InputValues.Number(node) is { } seconds)
        {
            return FromEpochSeconds(seconds);
        }

        if (InputValues.Text(node) is { } text && TryParseTimestamp(text, out var value))
        {
            return value;
        }

        throw new ArgumentException($"{path} must be a timestamp (ISO-8601 text or epoch seconds), not {node.ToJsonString()}.");
    }

    /// <summary>Reads a timestamp from the wire in any of the three formats, whatever the model says (as the SDKs do).</summary>
    public static bool TryParseTimestamp(string text, out DateTimeOffset value)
    {
        text = text.Trim();
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            value = FromEpochSeconds(seconds);
            return true;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value)
            || DateTimeOffset.TryParseExact(text, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
    }

    public static string FormatIso8601(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        return utc.Millisecond == 0
            ? utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
    }

    public static string FormatRfc822(DateTimeOffset value) => value.ToUniversalTime().ToString("r", CultureInfo.InvariantCulture);

    /// <summary>Epoch seconds with millisecond precision, written without a fraction when there is none.</summary>
    public static decimal EpochSeconds(DateTimeOffset value) => value.ToUnixTimeMilliseconds() / 1000m;

    public static DateTimeOffset FromEpochSeconds(double seconds) =>
        DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000, MidpointRounding.AwayFromZero));

    public static bool IsNonFiniteName(string text) => text is "NaN" or "Infinity" or "-Infinity";

    /// <summary>A float or double read from the wire: a JSON number, or the text NaN/Infinity/-Infinity.</summary>
    public static JsonValue FloatingPoint(double value) =>
        double.IsNaN(value) ? JsonValue.Create("NaN")
        : double.IsPositiveInfinity(value) ? JsonValue.Create("Infinity")
        : double.IsNegativeInfinity(value) ? JsonValue.Create("-Infinity")
        : Number(value);

    /// <summary>
    /// A number node backed by a JSON element rather than a CLR value, so that readers may take it as any numeric
    /// type (<c>GetValue&lt;int&gt;()</c> on a node made from a long would throw).
    /// </summary>
    public static JsonValue Number(double value) => JsonValue.Create(JsonSerializer.SerializeToElement(value))!;

    public static JsonValue Number(long value) => JsonValue.Create(JsonSerializer.SerializeToElement(value))!;

    public static bool TryParseDouble(string text, out double value)
    {
        switch (text.Trim())
        {
            case "NaN":
                value = double.NaN;
                return true;
            case "Infinity":
                value = double.PositiveInfinity;
                return true;
            case "-Infinity":
                value = double.NegativeInfinity;
                return true;
            default:
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }
    }

    public static string RequireBase64(JsonNode node, string path)
    {
        var text = InputValues.Text(node);
        if (text is null || !IsBase64(text))
        {
            throw new ArgumentException($"{path} is a blob and must be base64 text.");
        }

        return text;
    }

    private static bool IsBase64(string text)
    {
        var buffer = new byte[(text.Length * 3 / 4) + 3];
        return Convert.TryFromBase64String(text, buffer, out _);
    }
}

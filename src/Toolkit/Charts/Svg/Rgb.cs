using System.Globalization;

namespace Fleetbook.Charts.Svg;

/// <summary>A colour read from a trace (<c>#rrggbb</c>, <c>#rgb</c> or <c>rgb(r, g, b)</c>), to mix colour scales and pick readable text on it.</summary>
internal readonly record struct Rgb(double R, double G, double B)
{
    /// <summary>Text that reads on this colour, by plotly's rule (perceived brightness above half): near-black or white.</summary>
    public string TextOn => ((R * 299) + (G * 587) + (B * 114)) / 1000 > 128 ? "#1b1b1b" : "#ffffff";

    public static Rgb? Parse(string? color)
    {
        if (color is null)
        {
            return null;
        }

        var text = color.Trim();
        if (text.StartsWith('#') && text.Length is 7 or 4 && int.TryParse(text.AsSpan(1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hex))
        {
            return text.Length == 7
                ? new Rgb((hex >> 16) & 0xff, (hex >> 8) & 0xff, hex & 0xff)
                : new Rgb(((hex >> 8) & 0xf) * 17, ((hex >> 4) & 0xf) * 17, (hex & 0xf) * 17);
        }

        if (text.StartsWith("rgb", StringComparison.OrdinalIgnoreCase) && text.IndexOf('(') is > 0 and var open && text.EndsWith(')'))
        {
            var parts = text[(open + 1)..^1].Split(',');
            if (parts.Length >= 3 && parts.Take(3).All(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
            {
                var channels = parts.Take(3).Select(p => Math.Clamp(double.Parse(p, CultureInfo.InvariantCulture), 0, 255)).ToArray();
                return new Rgb(channels[0], channels[1], channels[2]);
            }
        }

        return null;
    }

    public static Rgb Mix(Rgb from, Rgb to, double t) =>
        new(from.R + ((to.R - from.R) * t), from.G + ((to.G - from.G) * t), from.B + ((to.B - from.B) * t));

    public string ToHex() => string.Create(CultureInfo.InvariantCulture, $"#{Channel(R):x2}{Channel(G):x2}{Channel(B):x2}");

    private static int Channel(double value) => (int)Math.Round(Math.Clamp(value, 0, 255));
}

using System.Globalization;

namespace Fleetbook.Charts.Svg;

/// <summary>Numbers as plotly's ticks show them: no more decimals than the tick step needs, thousands grouped, millions and up as M, G, T.</summary>
internal static class NumberFormat
{
    private static readonly (double Scale, string Suffix)[] Large = [(1e12, "T"), (1e9, "G"), (1e6, "M")];

    /// <summary>How many decimals show multiples of <paramref name="step"/> exactly (2.5 → 1, 0.05 → 2, 10 → 0).</summary>
    public static int Decimals(double step)
    {
        for (var decimals = 0; decimals < 10; decimals++)
        {
            var scaled = step * Math.Pow(10, decimals);
            if (Math.Abs(scaled - Math.Round(scaled)) < 1e-6 * Math.Max(1, scaled))
            {
                return decimals;
            }
        }

        return 10;
    }

    /// <summary><paramref name="value"/> as a tick among others <paramref name="step"/> apart, the largest of which is <paramref name="largest"/> in size.</summary>
    public static string Tick(double value, double step, double largest)
    {
        foreach (var (scale, suffix) in Large)
        {
            if (largest >= scale)
            {
                return Grouped(value / scale, Decimals(step / scale)) + suffix;
            }
        }

        return Grouped(value, Decimals(step));
    }

    /// <summary>d3's <c>s</c> format: <paramref name="significant"/> digits with an SI suffix (1.5k, 20M, 3m).</summary>
    public static string Si(double value, int significant)
    {
        if (value == 0 || !double.IsFinite(value))
        {
            return value.ToString(CultureInfo.InvariantCulture);
        }

        var exponent = Math.Clamp((int)Math.Floor(Math.Log10(Math.Abs(value)) / 3) * 3, -12, 12);
        var prefix = exponent switch { 12 => "T", 9 => "G", 6 => "M", 3 => "k", -3 => "m", -6 => "µ", -9 => "n", -12 => "p", _ => "" };
        var scaled = value / Math.Pow(10, exponent);
        return scaled.ToString("G" + Math.Max(1, significant).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) + prefix;
    }

    private static string Grouped(double value, int decimals)
    {
        var rounded = Math.Round(value, decimals);
        return (rounded == 0 ? 0 : rounded).ToString(decimals == 0 ? "#,0" : "#,0." + new string('#', decimals), CultureInfo.InvariantCulture);
    }
}

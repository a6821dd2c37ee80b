namespace Fleetbook.Charts.Svg;

/// <summary>
/// Equal bins over numbers, chosen as plotly chooses them when a trace sets no bin size: about 2·σ/n^0.4 wide (never
/// narrower than the values are apart), rounded up to 1, 2 or 5 × 10ⁿ, integers centred in their bins.
/// </summary>
internal sealed record HistogramBins(double Start, double Size, int Count)
{
    private const int MostBins = 5000;

    public double Edge(int bin) => Start + (bin * Size);

    public int BinOf(double value) => Math.Clamp((int)Math.Floor(((value - Start) / Size) + 1e-9), 0, Count - 1);

    public static HistogramBins? For(IReadOnlyList<double> values, int? maxBins)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var (min, max) = (values.Min(), values.Max());
        var integers = values.All(v => v == Math.Round(v));
        var size = maxBins is > 0 and var bins
            ? (max - min) / bins
            : Math.Max(SmallestGap(values), 2 * StandardDeviation(values) / Math.Pow(values.Count, 0.4));
        size = size > 0 && double.IsFinite(size) ? NiceUp(size) : 1;
        if (integers)
        {
            size = Math.Max(1, Math.Round(size));
        }

        size = Math.Max(size, (max - min) / MostBins);
        var start = Math.Floor((min / size) + 1e-9) * size;
        if (integers)
        {
            start -= 0.5;
        }
        else if (values.Count(v => Math.Abs(((v - start) / size) - Math.Round((v - start) / size)) < 1e-6) > values.Count * 0.3)
        {
            // Many values on the edges and few in the middles: shift half a bin, so each value sits inside one.
            start -= size / 2;
        }

        var count = Math.Max(1, (int)Math.Floor(((max - start) / size) + 1e-9) + 1);
        return new HistogramBins(start, size, count);
    }

    /// <summary>1, 2 or 5 × 10ⁿ, the first not below <paramref name="size"/>.</summary>
    private static double NiceUp(double size)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(size)));
        var scaled = size / magnitude;
        return magnitude * (scaled <= 1 + 1e-9 ? 1 : scaled <= 2 + 1e-9 ? 2 : scaled <= 5 + 1e-9 ? 5 : 10);
    }

    /// <summary>The smallest distance between two different values, rounded down to 1, 2 or 5 × 10ⁿ; zero when all are equal.</summary>
    private static double SmallestGap(IReadOnlyList<double> values)
    {
        var sorted = values.Distinct().Order().ToArray();
        var gap = Enumerable.Range(1, Math.Max(0, sorted.Length - 1)).Select(i => sorted[i] - sorted[i - 1]).DefaultIfEmpty(0).Min();
        if (gap <= 0)
        {
            return 0;
        }

        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(gap)));
        var scaled = gap / magnitude;
        return magnitude * (scaled >= 5 ? 5 : scaled >= 2 ? 2 : 1);
    }

    private static double StandardDeviation(IReadOnlyList<double> values)
    {
        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Count);
    }
}

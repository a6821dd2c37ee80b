namespace Fleetbook.Charts.Svg;

/// <summary>Ticks for number, log and category axes: as many as fit without their labels touching, at 1, 2 or 5 × 10ⁿ (as plotly).</summary>
internal static class AxisTicks
{
    /// <summary>Pixels between two ticks' labels along a horizontal axis.</summary>
    public const double LabelGap = 18;

    private const double VerticalSpacing = 50;

    private const double TightestVerticalSpacing = 30;

    private const double HorizontalSpacing = 60;

    public static double NumberStep(double min, double max, double length, bool horizontal)
    {
        var most = Math.Max(2, (int)(length / (horizontal ? HorizontalSpacing : VerticalSpacing)));
        var step = NiceStep((max - min) / most);
        for (var target = most; horizontal && target >= 1; target--)
        {
            step = NiceStep((max - min) / target);
            var ticks = Numbers(min, max, step);
            var widest = ticks.Select(t => TextMetrics.Width(t.Label, AxisScale.FontSize)).DefaultIfEmpty(0).Max();
            if (step / (max - min) * length >= widest + LabelGap)
            {
                break;
            }
        }

        return step;
    }

    /// <summary>
    /// The step for a value axis that then widens to whole steps: of the steps that keep ticks apart, the one that
    /// widens the axis least and gives about one tick per <see cref="VerticalSpacing"/> pixels.
    /// </summary>
    public static double ValueStep(double min, double max, double length)
    {
        var most = Math.Max(2, (int)(length / TightestVerticalSpacing));
        var ideal = length / VerticalSpacing;
        var (best, bestScore) = (NiceStep((max - min) / 2), double.MaxValue);
        for (var target = 2; target <= most; target++)
        {
            var step = NiceStep((max - min) / target);
            var intervals = Math.Ceiling((max / step) - 1e-9) - Math.Floor((min / step) + 1e-9);
            if (intervals > most)
            {
                continue;
            }

            var score = (1 - ((max - min) / (intervals * step))) + (0.04 * Math.Abs(intervals - ideal));
            if (score < bestScore)
            {
                (best, bestScore) = (step, score);
            }
        }

        return best;
    }

    public static IReadOnlyList<Tick> Numbers(double min, double max, double step)
    {
        var largest = Math.Max(Math.Abs(min), Math.Abs(max));
        var first = Math.Ceiling((min / step) - 1e-9);
        var ticks = new List<Tick>();
        for (var i = 0; i < 1000; i++)
        {
            var value = (first + i) * step;
            if (value > max + (step * 1e-9))
            {
                break;
            }

            ticks.Add(new Tick(value, NumberFormat.Tick(value, step, largest)));
        }

        return ticks;
    }

    /// <summary>Every power of ten in the domain (with 2× and 5× when there are few), every other one and so on when they crowd.</summary>
    public static IReadOnlyList<Tick> Log(double min, double max, double length, bool horizontal)
    {
        var (low, high) = ((int)Math.Ceiling(Math.Log10(min) - 1e-9), (int)Math.Floor(Math.Log10(max) + 1e-9));
        var decades = Enumerable.Range(low, Math.Max(0, high - low + 1)).ToArray();
        var values = decades.Length < 3
            ? Enumerable.Range(low - 1, decades.Length + 2).SelectMany(d => new[] { 1.0, 2, 5 }.Select(m => m * Math.Pow(10, d))).Where(v => v >= min * (1 - 1e-9) && v <= max * (1 + 1e-9)).ToArray()
            : decades.Select(d => Math.Pow(10, d)).ToArray();
        var room = length / (horizontal ? HorizontalSpacing : VerticalSpacing);
        var every = Math.Max(1, (int)Math.Ceiling(values.Length / Math.Max(1, room)));
        return [.. values.Where((_, i) => i % every == 0).Select(v => new Tick(v, NumberFormat.Tick(v, v, v)))];
    }

    /// <summary>One tick per category, every second or third … when their labels would crowd; long labels cut short.</summary>
    public static IReadOnlyList<Tick> Categories(IReadOnlyList<string> categories, double length, bool horizontal)
    {
        var labels = categories.Select(c => TextMetrics.Fit(c, AxisScale.FontSize, horizontal ? 160 : 140)).ToArray();
        var slot = length / Math.Max(1, categories.Count);
        var needed = horizontal ? labels.Select(l => TextMetrics.Width(l, AxisScale.FontSize)).DefaultIfEmpty(0).Max() + (LabelGap / 2) : AxisScale.FontSize + 4;
        var every = Math.Max(1, (int)Math.Ceiling(needed / slot));
        return [.. labels.Select((label, i) => new Tick(i, label)).Where(t => (int)t.Position % every == 0)];
    }

    /// <summary>1, 2 or 5 × 10ⁿ, the first not below <paramref name="rough"/>.</summary>
    public static double NiceStep(double rough)
    {
        if (!(rough > 0) || !double.IsFinite(rough))
        {
            return 1;
        }

        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var scaled = rough / magnitude;
        return magnitude * (scaled <= 1 + 1e-9 ? 1 : scaled <= 2 + 1e-9 ? 2 : scaled <= 5 + 1e-9 ? 5 : 10);
    }
}

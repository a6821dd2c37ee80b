namespace Fleetbook.Charts.Svg;

/// <summary>A tick: where it is along the axis, its label, and an optional second line under it (the date under a time).</summary>
internal readonly record struct Tick(double Position, string Label, string? Below = null);

/// <summary>One axis laid along a run of pixels: its domain, where a position lands, and its ticks.</summary>
internal sealed record AxisScale(AxisPlan Plan, double Min, double Max, double PixelAtMin, double PixelAtMax, IReadOnlyList<Tick> Ticks)
{
    public const double FontSize = 12;

    private const double MarkerPadding = 0.05;

    public double Map(double position)
    {
        var (low, high, at) = Plan.Kind == ScaleKind.Log
            ? (Math.Log10(Min), Math.Log10(Max), Math.Log10(Math.Max(position, Min)))
            : (Min, Max, position);
        return PixelAtMin + ((at - low) / (high - low) * (PixelAtMax - PixelAtMin));
    }

    /// <summary>
    /// The axis over <paramref name="extent"/> between two pixels. The value axis (<paramref name="rounded"/>) widens
    /// to whole tick steps, so its top gridline closes the plot; the other ends where the data ends.
    /// </summary>
    public static AxisScale Build(AxisPlan plan, Extent extent, double from, double to, bool horizontal, bool rounded)
    {
        var (min, max) = Domain(plan, extent);
        var length = Math.Abs(to - from);
        IReadOnlyList<Tick> ticks;
        switch (plan.Kind)
        {
            case ScaleKind.Category:
                ticks = AxisTicks.Categories(plan.Categories, length, horizontal);
                break;
            case ScaleKind.Date:
                ticks = DateTicks.Choose(min, max, length);
                break;
            case ScaleKind.Log:
                if (rounded)
                {
                    (min, max) = (Math.Pow(10, Math.Floor(Math.Log10(min))), Math.Pow(10, Math.Ceiling(Math.Log10(max))));
                }

                ticks = AxisTicks.Log(min, max, length, horizontal);
                break;
            default:
                var step = rounded ? AxisTicks.ValueStep(min, max, length) : AxisTicks.NumberStep(min, max, length, horizontal);
                if (rounded)
                {
                    (min, max) = (Math.Floor((min / step) + 1e-9) * step, Math.Ceiling((max / step) - 1e-9) * step);
                }

                ticks = AxisTicks.Numbers(min, max, step);
                break;
        }

        var (atMin, atMax) = plan.Axis.Reversed ? (to, from) : (from, to);
        return new AxisScale(plan, min, max, atMin, atMax, ticks);
    }

    private static (double Min, double Max) Domain(AxisPlan plan, Extent extent)
    {
        if (plan.Kind == ScaleKind.Category)
        {
            return (-0.5, Math.Max(1, plan.Categories.Count) - 0.5);
        }

        var (min, max) = extent.IsEmpty ? (0.0, 1.0) : (extent.Min, extent.Max);
        if (plan.Kind == ScaleKind.Log)
        {
            (min, max) = double.IsFinite(extent.MinPositive) ? (extent.MinPositive, Math.Max(extent.MinPositive, max)) : (1, 10);
            return max > min ? (min, max) : (min / 10, max * 10);
        }

        if (plan.Axis.StartAtZero && plan.Kind == ScaleKind.Linear)
        {
            (min, max) = (Math.Min(min, 0), Math.Max(max, 0));
        }

        if (max <= min)
        {
            var half = plan.Kind == ScaleKind.Date ? 30_000 : Math.Max(1, Math.Abs(min) / 10);
            return plan.Axis.StartAtZero && min == 0 ? (0, 2 * half) : (min - half, max + half);
        }

        if (extent.Padded)
        {
            var pad = (max - min) * MarkerPadding;
            (min, max) = (plan.Axis.StartAtZero && min == 0 ? 0 : min - pad, max + pad);
        }

        return (min, max);
    }
}

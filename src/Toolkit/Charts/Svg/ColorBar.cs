namespace Fleetbook.Charts.Svg;

/// <summary>
/// A heatmap's colour key right of the plot: the scale from zmin (bottom) to zmax (top) as a column of bands (no
/// gradient: an SVG gradient needs an id, and ids clash between outputs that share one notebook page), ticked, titled.
/// </summary>
internal sealed record ColorBar(HeatmapSeries Heatmap, double Top, double Bottom, IReadOnlyList<Tick> Ticks, string? Title, double Width)
{
    public const double Gap = 24;

    private const double BarWidth = 14;
    private const double Bands = 64;
    private const double TitleRoom = 22;

    public static ColorBar For(HeatmapSeries heatmap, double plotTop, double plotBottom)
    {
        var title = heatmap.Heatmap.ColorBarTitle is { } text ? TextMetrics.Fit(text, AxisScale.FontSize, 160) : null;
        var top = plotTop + (title is null ? 0 : TitleRoom);
        var length = plotBottom - top;
        var step = AxisTicks.NumberStep(heatmap.ZMin, heatmap.ZMax, length, horizontal: false);
        var ticks = AxisTicks.Numbers(heatmap.ZMin, heatmap.ZMax, step);
        var labels = ticks.Select(t => TextMetrics.Width(t.Label, AxisScale.FontSize)).DefaultIfEmpty(0).Max();
        var width = Gap + Math.Max(BarWidth + ChartFrame.TickGap + labels, title is null ? 0 : TextMetrics.Width(title, AxisScale.FontSize));
        return new ColorBar(heatmap, top, plotBottom, ticks, title, width);
    }

    public void Write(SvgWriter svg, double plotRight)
    {
        var left = plotRight + Gap;
        svg.Start("g", ("class", "fbc-colorbar"));
        if (Title is not null)
        {
            svg.Element("text", Title, ("x", left), ("y", Top - 8));
        }

        var band = (Bottom - Top) / Bands;
        for (var i = 0; i < Bands; i++)
        {
            var color = Heatmap.Scale.At((i + 0.5) / Bands).ToHex();
            // Each band overlaps the next by half a pixel, so no hairline shows between them.
            svg.Empty("rect", ("x", left), ("y", Bottom - ((i + 1) * band)), ("width", BarWidth), ("height", band + 0.5), ("fill", color));
        }

        foreach (var tick in Ticks)
        {
            var y = Bottom - ((tick.Position - Heatmap.ZMin) / (Heatmap.ZMax - Heatmap.ZMin) * (Bottom - Top));
            svg.Element("text", tick.Label, ("x", left + BarWidth + ChartFrame.TickGap), ("y", y), ("dy", "0.35em"));
        }

        svg.End("g");
    }
}

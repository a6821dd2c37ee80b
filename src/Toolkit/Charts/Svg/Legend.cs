namespace Fleetbook.Charts.Svg;

internal enum LegendMark
{
    Line,
    LineAndMarker,
    Marker,
    Area,
    Box,
}

internal readonly record struct LegendEntry(string Name, string Color, LegendMark Mark, double Opacity, double X, int Row);

/// <summary>
/// The legend: one entry per named trace (heatmaps have their colour bar instead), laid out in rows above the plot
/// like the interactive chart's horizontal legend, so it never covers data. Shown when the layout allows it and more
/// than one trace is named. Stacked traces are listed top of the stack first, as plotly lists them.
/// </summary>
internal sealed record Legend(IReadOnlyList<LegendEntry> Entries, int Rows)
{
    public const double RowHeight = 20;

    private const double FontSize = 12;
    private const double Swatch = 18;
    private const double SwatchGap = 6;
    private const double EntryGap = 20;
    private const double LongestName = 260;

    public double Height => Rows * RowHeight;

    public static Legend? For(Layout layout, PlotData data, double width)
    {
        var named = data.Series
            .Where(s => s is not HeatmapSeries && !string.IsNullOrWhiteSpace(s.Trace.Name))
            .Select(s => (Name: TextMetrics.Fit(s.Trace.Name!, FontSize, LongestName), Look: Look(s)))
            .ToList();
        if (!layout.ShowLegend || named.Count < 2)
        {
            return null;
        }

        if (data.Series.Count(s => s is LineSeries { Below: not null }) > 1 || (layout.BarMode == BarMode.Stack && data.Series.Count(s => s is BarSeries) > 1))
        {
            named.Reverse();
        }

        var entries = new List<LegendEntry>();
        var (x, row) = (0.0, 0);
        foreach (var (name, (color, mark, opacity)) in named)
        {
            var entryWidth = Swatch + SwatchGap + TextMetrics.Width(name, FontSize);
            if (x > 0 && x + entryWidth > width)
            {
                (x, row) = (0, row + 1);
            }

            entries.Add(new LegendEntry(name, color, mark, opacity, x, row));
            x += entryWidth + EntryGap;
        }

        return new Legend(entries, row + 1);
    }

    public void Write(SvgWriter svg, double left, double top)
    {
        svg.Start("g", ("class", "fbc-legend"));
        foreach (var entry in Entries)
        {
            var (x, middle) = (left + entry.X, top + (entry.Row * RowHeight) + (RowHeight / 2));
            var opacity = entry.Opacity < 1 ? SvgWriter.Fraction(entry.Opacity) : null;
            switch (entry.Mark)
            {
                case LegendMark.Area or LegendMark.Box:
                    svg.Empty("rect", ("x", x + 3), ("y", middle - 6), ("width", 12.0), ("height", 12.0), ("rx", 2.0), ("fill", entry.Color), ("fill-opacity", opacity));
                    break;
                case LegendMark.Marker:
                    svg.Empty("circle", ("cx", x + (Swatch / 2)), ("cy", middle), ("r", 4.0), ("fill", entry.Color));
                    break;
                default:
                    svg.Empty("path", ("d", $"M{SvgWriter.Number(x)} {SvgWriter.Number(middle)}h{SvgWriter.Number(Swatch)}"), ("stroke", entry.Color), ("stroke-width", 2.0), ("fill", "none"));
                    if (entry.Mark == LegendMark.LineAndMarker)
                    {
                        svg.Empty("circle", ("cx", x + (Swatch / 2)), ("cy", middle), ("r", 3.0), ("fill", entry.Color));
                    }

                    break;
            }

            svg.Element("text", entry.Name, ("x", x + Swatch + SwatchGap), ("y", middle), ("dy", "0.35em"));
        }

        svg.End("g");
    }

    private static (string Color, LegendMark Mark, double Opacity) Look(Series series) => series switch
    {
        LineSeries { Below: not null } line => (line.Color, LegendMark.Area, 1),
        LineSeries { Scatter.Mode: ScatterMode.Markers } line => (line.Color, LegendMark.Marker, 1),
        LineSeries { Scatter.Mode: ScatterMode.LinesAndMarkers } line => (line.Color, LegendMark.LineAndMarker, 1),
        LineSeries line => (line.Color, LegendMark.Line, 1),
        BarSeries bars => (bars.Color, LegendMark.Box, bars.Opacity),
        _ => ("currentColor", LegendMark.Box, 1),
    };
}

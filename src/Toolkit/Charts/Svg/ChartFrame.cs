namespace Fleetbook.Charts.Svg;

/// <summary>
/// Where everything goes: the title on top, the legend under it, the plot with room left for the y tick labels,
/// below for the x tick labels (two lines on a time axis), right for a heatmap's colour bar, and both axis titles.
/// Margins follow from the labels' estimated widths, so long labels push the plot in rather than overlap it.
/// </summary>
internal sealed record ChartFrame(double Width, double Height, double Left, double Top, double Right, double Bottom, AxisScale X, AxisScale Y, Legend? Legend, ColorBar? ColorBar)
{
    public const double Pad = 10;
    public const double TitleSize = 16;
    public const double TitleHeight = 30;
    public const double AxisTitleSize = 13;
    public const double TickGap = 6;
    public const double TickLine = 15;

    private const double LegendReserve = 80;

    // Charts shown one above the other (jobs, then capacity) line up while their y labels have up to three digits.
    private const double LeastLeft = 64;
    private const double LowestPlot = 40;

    public double PlotWidth => Right - Left;

    public double PlotHeight => Bottom - Top;

    public static ChartFrame Plan(Figure figure, PlotData data, double width, double height)
    {
        var layout = figure.Layout;
        var (x, y) = (new Extent(), new Extent());
        foreach (var series in data.Series)
        {
            series.Measure(x, y);
        }

        var legend = Legend.For(layout, data, width - (2 * Pad) - LegendReserve);
        var top = Pad + (layout.Title is null ? 0 : TitleHeight) + (legend is null ? 0 : legend.Height + 6) + 8;
        var tickLines = data.X.Kind == ScaleKind.Date ? 2 : 1;
        var bottom = height - Pad - (layout.XAxis.Title is null ? 0 : AxisTitleSize + 8) - (tickLines * TickLine) - TickGap;
        bottom = Math.Max(bottom, top + LowestPlot);

        var yScale = AxisScale.Build(data.Y, y, bottom, top, horizontal: false, rounded: data.Y.Kind != ScaleKind.Category);
        var yLabels = yScale.Ticks.Select(t => TextMetrics.Width(t.Label, AxisScale.FontSize)).DefaultIfEmpty(0).Max();
        var left = Math.Max(LeastLeft, Pad + (layout.YAxis.Title is null ? 0 : AxisTitleSize + 10) + yLabels + TickGap + 2);

        var colorBar = data.Series.OfType<HeatmapSeries>().FirstOrDefault(s => !s.IsEmpty) is { } heatmap ? ColorBar.For(heatmap, top, bottom) : null;
        var right = width - Pad - (colorBar?.Width ?? 0);
        var xScale = AxisScale.Build(data.X, x, left, right, horizontal: true, rounded: false);
        // Labels are centred on their ticks: where the first or last reaches past the chart, move the plot in by as much.
        var reach = xScale.Ticks.Select(t => (Centre: xScale.Map(t.Position), Half: LabelWidth(t) / 2)).ToList();
        var overLeft = reach.Select(r => Pad - (r.Centre - r.Half)).DefaultIfEmpty(0).Max();
        var overRight = reach.Select(r => r.Centre + r.Half - (colorBar is null ? width - Pad : right + (ColorBar.Gap / 2))).DefaultIfEmpty(0).Max();
        if (overLeft > 0 || overRight > 0)
        {
            (left, right) = (left + Math.Max(0, overLeft), right - Math.Max(0, overRight));
            xScale = AxisScale.Build(data.X, x, left, right, horizontal: true, rounded: false);
        }

        return new ChartFrame(width, height, left, top, right, bottom, xScale, yScale, legend, colorBar);
    }

    private static double LabelWidth(Tick tick) =>
        Math.Max(TextMetrics.Width(tick.Label, AxisScale.FontSize), TextMetrics.Width(tick.Below ?? "", AxisScale.FontSize));
}

namespace Fleetbook.Charts.Svg;

/// <summary>Gridlines under the data; the x baseline, tick labels and axis titles over it.</summary>
internal static class AxesSvg
{
    private const string Faint = "0.14";
    private const string Firm = "0.45";

    public static void WriteGrid(SvgWriter svg, ChartFrame frame)
    {
        svg.Start("g", ("class", "fbc-grid"), ("stroke", "currentColor"), ("stroke-opacity", Faint), ("stroke-width", 1.0), ("fill", "none"));
        if (frame.Y.Plan.Kind != ScaleKind.Category)
        {
            foreach (var tick in frame.Y.Ticks)
            {
                var y = frame.Y.Map(tick.Position);
                svg.Empty("path", ("d", $"M{SvgWriter.Number(frame.Left)} {SvgWriter.Number(y)}H{SvgWriter.Number(frame.Right)}"));
            }
        }

        if (frame.X.Plan.Kind != ScaleKind.Category)
        {
            foreach (var tick in frame.X.Ticks)
            {
                var x = frame.X.Map(tick.Position);
                svg.Empty("path", ("d", $"M{SvgWriter.Number(x)} {SvgWriter.Number(frame.Top)}V{SvgWriter.Number(frame.Bottom)}"));
            }
        }

        svg.End("g");
    }

    public static void WriteAxes(SvgWriter svg, ChartFrame frame, bool baseline)
    {
        svg.Start("g", ("class", "fbc-axes"));
        if (baseline)
        {
            // Where zero falls inside the plot (values below it), the zero line; else the plot's bottom edge.
            var zero = frame.Y.Plan.Kind == ScaleKind.Linear && frame.Y.Min < 0 && frame.Y.Max > 0 ? frame.Y.Map(0) : frame.Bottom;
            svg.Empty("path", ("d", $"M{SvgWriter.Number(frame.Left)} {SvgWriter.Number(zero)}H{SvgWriter.Number(frame.Right)}"),
                ("stroke", "currentColor"), ("stroke-opacity", Firm), ("fill", "none"));
        }

        svg.Start("g", ("class", "fbc-xticks"), ("text-anchor", "middle"));
        var labelY = frame.Bottom + ChartFrame.TickGap + AxisScale.FontSize;
        foreach (var tick in frame.X.Ticks)
        {
            var x = frame.X.Map(tick.Position);
            svg.Element("text", tick.Label, ("x", x), ("y", labelY));
            if (tick.Below is not null)
            {
                svg.Element("text", tick.Below, ("x", x), ("y", labelY + ChartFrame.TickLine));
            }
        }

        svg.End("g");
        svg.Start("g", ("class", "fbc-yticks"), ("text-anchor", "end"));
        foreach (var tick in frame.Y.Ticks)
        {
            svg.Element("text", tick.Label, ("x", frame.Left - ChartFrame.TickGap), ("y", frame.Y.Map(tick.Position)), ("dy", "0.35em"));
        }

        svg.End("g");
        WriteTitles(svg, frame);
        svg.End("g");
    }

    private static void WriteTitles(SvgWriter svg, ChartFrame frame)
    {
        if (frame.X.Plan.Axis.Title is { } xTitle)
        {
            svg.Element("text", TextMetrics.Fit(xTitle, ChartFrame.AxisTitleSize, frame.PlotWidth), ("class", "fbc-axis-title"),
                ("x", (frame.Left + frame.Right) / 2), ("y", frame.Height - ChartFrame.Pad - 2), ("text-anchor", "middle"), ("font-size", ChartFrame.AxisTitleSize));
        }

        if (frame.Y.Plan.Axis.Title is { } yTitle)
        {
            var (x, y) = (ChartFrame.Pad + ChartFrame.AxisTitleSize - 2, (frame.Top + frame.Bottom) / 2);
            svg.Element("text", TextMetrics.Fit(yTitle, ChartFrame.AxisTitleSize, frame.PlotHeight), ("class", "fbc-axis-title"),
                ("x", x), ("y", y), ("text-anchor", "middle"), ("font-size", ChartFrame.AxisTitleSize),
                ("transform", $"rotate(-90 {SvgWriter.Number(x)} {SvgWriter.Number(y)})"));
        }
    }
}

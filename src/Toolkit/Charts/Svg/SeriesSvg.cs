namespace Fleetbook.Charts.Svg;

/// <summary>
/// The traces in plotly's layers: heatmap cells, then bars, then stacked-area fills, then lines, then markers, each in
/// trace order. Every mark carries a class (<c>fbc-cell</c>, <c>fbc-bar</c>, <c>fbc-area</c>, <c>fbc-line</c>,
/// <c>fbc-marker</c>) and a hover note.
/// </summary>
internal static class SeriesSvg
{
    private const double LineWidth = 2;
    private const double MarkerRadius = 3;
    private const double LabelSize = 12;
    private const double SmallestCellLabel = 7;

    public static void Write(SvgWriter svg, ChartFrame frame, IReadOnlyList<Series> series)
    {
        svg.Start("g", ("class", "fbc-traces"));
        foreach (var heatmap in series.OfType<HeatmapSeries>())
        {
            WriteCells(svg, frame, heatmap);
        }

        foreach (var bars in series.OfType<BarSeries>())
        {
            WriteBars(svg, frame, bars);
        }

        var lines = series.OfType<LineSeries>().ToList();
        foreach (var area in lines.Where(l => l.Below is not null))
        {
            WriteArea(svg, frame, area);
        }

        foreach (var line in lines.Where(l => l.HasLine))
        {
            var points = Enumerable.Range(0, line.X.Count)
                .Select(i => line.X[i] is { } x && line.Y[i] is { } y ? new Point(frame.X.Map(x), frame.Y.Map(y)) : (Point?)null)
                .ToList();
            svg.Start("path", ("class", "fbc-line"), ("d", PathData.Line(points, line.Scatter.Shape)), ("fill", "none"), ("stroke", line.Color),
                ("stroke-width", LineWidth), ("stroke-linejoin", "round"));
            Tooltip(svg, line.Trace.Name);
            svg.End("path");
        }

        foreach (var line in lines.Where(l => l.HasMarkers))
        {
            WriteMarkers(svg, frame, line);
        }

        svg.End("g");
    }

    private static void WriteArea(SvgWriter svg, ChartFrame frame, LineSeries area)
    {
        var top = Enumerable.Range(0, area.X.Count).Select(i => new Point(frame.X.Map(area.X[i]!.Value), frame.Y.Map(area.Y[i]!.Value))).ToList();
        var bottom = Enumerable.Range(0, area.X.Count).Select(i => new Point(frame.X.Map(area.X[i]!.Value), frame.Y.Map(area.Below![i]))).ToList();
        if (top.Count == 0)
        {
            return;
        }

        svg.Start("path", ("class", "fbc-area"), ("d", PathData.Area(top, bottom, area.Scatter.Shape)), ("fill", area.Color),
            ("fill-opacity", area.Scatter.Color is null ? "0.5" : null));
        Tooltip(svg, area.Trace.Name);
        svg.End("path");
    }

    private static void WriteMarkers(SvgWriter svg, ChartFrame frame, LineSeries line)
    {
        svg.Start("g", ("class", "fbc-markers"), ("fill", line.Color));
        for (var i = 0; i < line.X.Count; i++)
        {
            if (line.X[i] is not { } x || line.Y[i] is not { } y)
            {
                continue;
            }

            svg.Start("circle", ("class", "fbc-marker"), ("cx", frame.X.Map(x)), ("cy", frame.Y.Map(y)), ("r", MarkerRadius));
            var index = i;
            object? Field(string name) => name switch
            {
                "x" => PlotData.Field(line.Scatter.X, index),
                "y" => PlotData.Field(line.Scatter.Y, index),
                "name" => line.Trace.Name,
                _ => null,
            };
            svg.Tooltip(line.Trace.HoverTemplate is { } template
                ? PlotTemplate.Format(template, Field)
                : $"{(line.Trace.Name is { } name ? name + "\n" : "")}{PlotTemplate.Value(Field("x"))}: {PlotTemplate.Value(Field("y"))}");
            svg.End("circle");
        }

        svg.End("g");
    }

    private static void WriteBars(SvgWriter svg, ChartFrame frame, BarSeries series)
    {
        var textOnBar = Rgb.Parse(series.Color)?.TextOn ?? "#ffffff";
        // Histogram bins touch: half a pixel off each side keeps them apart.
        var inset = series.Trace is HistogramTrace ? 0.5 : 0;
        svg.Start("g", ("class", "fbc-bars"), ("fill", series.Color), ("fill-opacity", series.Opacity < 1 ? SvgWriter.Fraction(series.Opacity) : null));
        foreach (var bar in series.Bars)
        {
            var (x0, x1) = (frame.X.Map(bar.Box.X0), frame.X.Map(bar.Box.X1));
            var (y0, y1) = (frame.Y.Map(bar.Box.Y0), frame.Y.Map(bar.Box.Y1));
            var (left, width) = (Math.Min(x0, x1), Math.Abs(x1 - x0));
            if (width > 4 * inset)
            {
                (left, width) = (left + inset, width - (2 * inset));
            }

            svg.Start("rect", ("class", "fbc-bar"), ("x", left), ("y", Math.Min(y0, y1)), ("width", width), ("height", Math.Abs(y1 - y0)));
            svg.Tooltip(bar.Hover);
            svg.End("rect");
            if (bar.Label is { } label)
            {
                WriteBarLabel(svg, frame, label, left + (width / 2), y0, y1, width, textOnBar);
            }
        }

        svg.End("g");
    }

    /// <summary>The label inside the bar's end when it fits there (plotly's "auto"), else just beyond it.</summary>
    private static void WriteBarLabel(SvgWriter svg, ChartFrame frame, string label, double centre, double baseY, double endY, double width, string textOnBar)
    {
        var text = TextMetrics.Fit(label, LabelSize, Math.Max(width, 60));
        var upward = endY <= baseY;
        var fitsInside = Math.Abs(endY - baseY) >= LabelSize + 6 && TextMetrics.Width(text, LabelSize) <= width - 4;
        var roomBeyond = upward ? endY - frame.Top >= LabelSize + 4 : frame.Bottom - endY >= LabelSize + 4;
        var inside = fitsInside || !roomBeyond;
        var y = (upward, inside) switch
        {
            (true, true) => endY + LabelSize + 2,
            (true, false) => endY - 4,
            (false, true) => endY - 4,
            (false, false) => endY + LabelSize + 2,
        };
        svg.Element("text", text, ("class", "fbc-bar-label"), ("x", centre), ("y", y), ("text-anchor", "middle"), ("fill", inside ? textOnBar : "currentColor"),
            ("fill-opacity", "1"));
    }

    private static void WriteCells(SvgWriter svg, ChartFrame frame, HeatmapSeries heatmap)
    {
        var gap = Math.Max(0, heatmap.Heatmap.Gap);
        var cells = heatmap.Cells.Select(cell =>
        {
            var (x0, x1) = (frame.X.Map(cell.Box.X0), frame.X.Map(cell.Box.X1));
            var (y0, y1) = (frame.Y.Map(cell.Box.Y0), frame.Y.Map(cell.Box.Y1));
            var (width, height) = (Math.Max(0.5, Math.Abs(x1 - x0) - gap), Math.Max(0.5, Math.Abs(y1 - y0) - gap));
            return (Cell: cell, Left: Math.Min(x0, x1) + (gap / 2), Top: Math.Min(y0, y1) + (gap / 2), Width: width, Height: height);
        }).ToList();
        // One size for every cell's label, the largest at which all fit; none when that is too small to read.
        var labelSize = cells.Where(c => c.Cell.Label is not null)
            .Select(c => Math.Min(c.Height * 0.5, (c.Width - 4) / TextMetrics.Width(c.Cell.Label!, 1)))
            .DefaultIfEmpty(0).Min();
        labelSize = Math.Min(LabelSize, labelSize);

        svg.Start("g", ("class", "fbc-cells"));
        foreach (var (cell, left, top, width, height) in cells)
        {
            var color = heatmap.ColorOf(cell.Z);
            svg.Start("rect", ("class", "fbc-cell"), ("x", left), ("y", top), ("width", width), ("height", height), ("fill", color.ToHex()));
            svg.Tooltip(cell.Hover);
            svg.End("rect");
            if (cell.Label is { } label && labelSize >= SmallestCellLabel)
            {
                svg.Element("text", label, ("x", left + (width / 2)), ("y", top + (height / 2)), ("dy", "0.35em"), ("text-anchor", "middle"),
                    ("font-size", labelSize < LabelSize ? labelSize : null), ("fill", color.TextOn));
            }
        }

        svg.End("g");
    }

    private static void Tooltip(SvgWriter svg, string? name)
    {
        if (!string.IsNullOrEmpty(name))
        {
            svg.Tooltip(name);
        }
    }
}

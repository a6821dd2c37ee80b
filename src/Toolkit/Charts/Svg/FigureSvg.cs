namespace Fleetbook.Charts.Svg;

/// <summary>
/// A figure as a static SVG picture, for wherever plotly.js cannot draw it: offline notebooks, previews that run no
/// script, nbconvert's HTML. It scales to its container's width (viewBox, width 100%) up to the layout's width, and
/// is exactly the layout's height at that width. Text takes the page's colour, so it reads on dark themes too.
/// </summary>
internal static class FigureSvg
{
    /// <summary>The widest a display shows a chart (see the displays' stylesheet).</summary>
    public const int DefaultWidth = 1000;

    /// <summary>plotly's height when the layout names none.</summary>
    public const int DefaultHeight = 450;

    private const string Fonts = "system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif";

    public static string Render(Figure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        var layout = figure.Layout;
        var width = layout.Width is > 0 and var w ? w : DefaultWidth;
        var height = layout.Height is > 0 and var h ? h : DefaultHeight;
        var data = PlotData.From(figure);

        var svg = new SvgWriter();
        svg.Start("svg", ("class", "fbc-chart"), ("viewBox", $"0 0 {width} {height}"), ("width", "100%"), ("role", "img"),
            ("aria-label", layout.Title ?? "Chart"), ("font-family", Fonts), ("font-size", AxisScale.FontSize), ("fill", "currentColor"),
            ("style", $"display:block;max-width:{width}px;height:auto"));
        if (data.IsEmpty)
        {
            WriteNoData(svg, layout.Title, width, height);
            return svg.End("svg").ToString();
        }

        var frame = ChartFrame.Plan(figure, data, width, height);
        AxesSvg.WriteGrid(svg, frame);
        SeriesSvg.Write(svg, frame, data.Series);
        AxesSvg.WriteAxes(svg, frame, baseline: !data.Series.All(s => s is HeatmapSeries));
        WriteTitle(svg, layout.Title, width);
        frame.Legend?.Write(svg, frame.Left, ChartFrame.Pad + (layout.Title is null ? 0 : ChartFrame.TitleHeight));
        frame.ColorBar?.Write(svg, frame.Right);
        return svg.End("svg").ToString();
    }

    /// <summary>Centred over the whole chart, where plotly puts it.</summary>
    private static void WriteTitle(SvgWriter svg, string? title, double width)
    {
        if (title is not null)
        {
            svg.Element("text", TextMetrics.Fit(title, ChartFrame.TitleSize, width - (2 * ChartFrame.Pad)), ("class", "fbc-title"),
                ("x", width / 2), ("y", ChartFrame.Pad + ChartFrame.TitleSize), ("text-anchor", "middle"), ("font-size", ChartFrame.TitleSize), ("font-weight", "600"));
        }
    }

    /// <summary>The chart's place kept at its size, with its title and a plain "No data" in a dashed frame.</summary>
    private static void WriteNoData(SvgWriter svg, string? title, double width, double height)
    {
        var pad = ChartFrame.Pad;
        WriteTitle(svg, title, width);
        var top = pad + (title is null ? 0 : ChartFrame.TitleHeight);
        svg.Empty("rect", ("class", "fbc-no-data-frame"), ("x", pad), ("y", top), ("width", width - (2 * pad)), ("height", Math.Max(20, height - top - pad)),
            ("rx", 4.0), ("fill", "none"), ("stroke", "currentColor"), ("stroke-opacity", "0.3"), ("stroke-dasharray", "4 4"));
        svg.Element("text", "No data", ("class", "fbc-no-data"), ("x", width / 2), ("y", (top + height - pad) / 2), ("dy", "0.35em"),
            ("text-anchor", "middle"), ("font-size", 14.0), ("fill-opacity", "0.7"));
    }
}

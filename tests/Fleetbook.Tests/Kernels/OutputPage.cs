using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Fleetbook.Tests.Reports;
using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Kernels;

/// <summary>
/// An executed notebook's outputs on one page, as a front end without require.js shows them: each output's text/html
/// as it is, and each <c>application/vnd.plotly.v1+json</c> drawn with <c>Plotly.newPlot</c> into an element of its own,
/// as a front end's plotly renderer does; plotly.js inlined at the top (the page cannot reach the CDN).
/// </summary>
public static partial class OutputPage
{
    public const string PlotlyMimeType = "application/vnd.plotly.v1+json";

    /// <summary>
    /// The page, how many Fleetbook chart elements its HTML outputs hold, and how many plotly JSON outputs it draws.
    /// <paramref name="offline"/>: no plotly.js at all, as a notebook that cannot reach the CDN (plotly JSON outputs are
    /// then left out: a front end's plotly renderer brings its own copy).
    /// </summary>
    public static async Task<(string Html, int HtmlCharts, int PlotlyOutputs)> BuildAsync(ExecutedNotebook executed, bool offline = false)
    {
        var page = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>outputs</title>\n");
        if (!offline)
        {
            var plotly = await PlotlyCache.EnsureAsync();
            page.Append("<script>").Append(Fleetbook.Charts.FigureHtml.InlineLibrary(await File.ReadAllTextAsync(plotly))).Append("</script>");
        }

        page.Append("</head><body>\n");
        var plots = 0;
        foreach (var output in executed.AllOutputs)
        {
            if (output["data"]?["text/html"] is not null)
            {
                page.Append("<div class=\"output\">\n").Append(ExecutedNotebook.Text(output, "text/html")).Append("\n</div>\n");
            }

            if (!offline && output["data"]?[PlotlyMimeType] is { } figure)
            {
                // nbformat keeps JSON MIME types as JSON; a figure stored as a string is one no plotly renderer draws.
                Assert.True(figure is JsonObject drawn && drawn["data"] is JsonArray, $"a {PlotlyMimeType} output that is not a figure: {Shorten(figure.ToJsonString())}");
                var id = $"mime-plot-{plots++}";
                var json = figure.ToJsonString().Replace("</", "<\\/", StringComparison.Ordinal);
                page.Append($$"""
                    <div class="output"><div id="{{id}}" class="mime-plot"></div>
                    <script>(function () { var f = {{json}}; Plotly.newPlot("{{id}}", f.data || [], f.layout || {}, f.config || {}); })();</script></div>

                    """);
            }
        }

        var html = page.Append("</body></html>\n").ToString();
        return (html, DrawnCharts.PlotDiv().Matches(html).Count, plots);
    }

    /// <summary>Each plotly JSON output's element holds plotly's drawing.</summary>
    public static void AssertEachPlotlyOutputDrew(string dom, int expected)
    {
        var plots = MimePlotDiv().Matches(dom).Select(m => m.Index).Append(dom.Length).ToList();
        Assert.Equal(expected + 1, plots.Count);
        for (var i = 0; i < plots.Count - 1; i++)
        {
            var plot = dom[plots[i]..plots[i + 1]];
            plot = plot[..plot.IndexOf("<script", StringComparison.Ordinal)];
            Assert.Contains("js-plotly-plot", plot);
            Assert.Contains("class=\"main-svg\"", plot);
        }
    }

    private static string Shorten(string text) => text.Length > 200 ? text[..200] + "…" : text;

    [GeneratedRegex("<div id=\"mime-plot-[0-9]+\"")]
    private static partial Regex MimePlotDiv();
}

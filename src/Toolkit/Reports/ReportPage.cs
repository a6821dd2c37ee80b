using System.Net;
using System.Text;
using Fleetbook.Charts;
using Fleetbook.Display;

namespace Fleetbook.Reports;

/// <summary>
/// The report as a whole HTML page: plotly.js once in the head (inlined, or the pinned CDN with a visible note), the
/// display below it with every chart drawing into its own element.
/// </summary>
internal static class ReportPage
{
    private const string PageCss = "body{margin:2rem auto;max-width:1040px;padding:0 1rem;background:#fff;color:#1b1b1b}" +
                                   ".fleetbook-report>.fb-header .fb-title{font-size:1.6em}.fleetbook-report .fb-section>h4,.fleetbook-report .fb-section>summary{font-size:1.2em}";

    public static string Render(RunReport report, PlotlyScript? plotly)
    {
        var options = new DisplayOptions { Plotly = PlotlyScript.Preloaded, ProjectDirectory = report.ProjectDirectory };
        var document = FleetbookDisplay.Describe(report, options);
        if (plotly is not { Kind: PlotlyScriptKind.Inline })
        {
            document = document with
            {
                Blocks =
                [
                    new Paragraph(
                        $"Charts are static pictures until plotly.js {PlotlyScript.PinnedVersion} loads from cdn.plot.ly and makes them interactive (zoom, hover): no local copy was found when this report was made. " +
                        $"For interactive charts offline, set {PlotlyScript.PathVariable} to a plotly.min.js or run 'npm install plotly.js-dist-min@{PlotlyScript.PinnedVersion}' in the project folder.",
                        Tone.Warning),
                    .. document.Blocks,
                ],
            };
        }

        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(WebUtility.HtmlEncode(document.Title)).Append("</title>\n")
            .Append("<style>").Append(PageCss).Append(HtmlRenderer.Stylesheet).Append("</style>\n");
        html.Append(plotly is { Kind: PlotlyScriptKind.Inline } inline
            ? "<script>" + FigureHtml.InlineLibrary(inline.Source!) + "</script>\n"
            : "<script src=\"" + PlotlyScript.CdnUrl + "\"></script>\n");
        html.Append("</head>\n<body>\n");
        HtmlRenderer.Write(html, document, options, includeStyle: false, extraClass: "fleetbook-report");
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }
}

using System.Text;
using System.Text.RegularExpressions;
using Fleetbook.Charts.Svg;

namespace Fleetbook.Charts;

/// <summary>
/// A figure as one <c>&lt;div&gt;</c> holding its static SVG picture, + a <c>&lt;script&gt;</c> that swaps in the
/// interactive plotly chart. Notebook front ends share one DOM between outputs (VS Code), so every chart gets a fresh
/// element id and the loader guards against loading plotly twice.
/// </summary>
internal static partial class FigureHtml
{
    public const string IdPrefix = "fleetbook-plot-";

    // The element already holds the static SVG picture, so a page without plotly.js still shows the chart; plotly
    // replaces it when it loads, and puts it back if it fails to draw. plotly.js 4 has no AMD define(): under require.js
    // it needs a shim to hand back window.Plotly. A context of our own keeps another output's "plotly" path (say,
    // Plotly.NET's 2.x) from answering for ours.
    private const string DrawScript = """
        (function () {
          var id = "%ID%";
          var figure = %FIGURE%;
          function draw(Plotly) {
            var element = document.getElementById(id);
            if (!element || !Plotly) { return; }
            var picture = element.innerHTML;
            function keepPicture() { element.innerHTML = picture; }
            element.innerHTML = "";
            try {
              var drawn = Plotly.newPlot(element, figure.data, figure.layout, figure.config);
              if (drawn && typeof drawn.then === "function") { drawn.then(null, keepPicture); }
            } catch (e) {
              keepPicture();
            }
          }
        %LOADER%
        })();
        """;

    private const string RequireOrCdnLoader = """
          if (typeof require === "function" && typeof require.config === "function") {
            var plotlyRequire = require.config({context: "fleetbook-plotly-%VERSION%", paths: {plotly: '%REQUIRE_PATH%'}, shim: {plotly: {exports: "Plotly"}}});
            plotlyRequire(['plotly'], function (Plotly) { draw(Plotly || window.Plotly); }, function () { draw(null); });
          } else if (window.Plotly) {
            draw(window.Plotly);
          } else {
            var waiting = window.fleetbookPlotlyWaiting = window.fleetbookPlotlyWaiting || [];
            waiting.push(draw);
            if (!document.getElementById("fleetbook-plotly-%VERSION%")) {
              var script = document.createElement("script");
              script.id = "fleetbook-plotly-%VERSION%";
              script.src = "%CDN%";
              function release() {
                var queued = window.fleetbookPlotlyWaiting || [];
                window.fleetbookPlotlyWaiting = [];
                queued.forEach(function (f) { f(window.Plotly); });
              }
              script.onload = release;
              script.onerror = release;
              document.head.appendChild(script);
            }
          }
        """;

    private const string PreloadedLoader = """
          draw(window.Plotly);
        """;

    public static string NewId() => IdPrefix + Guid.NewGuid().ToString("N");

    public static string Render(Figure figure, PlotlyScript script, string id)
    {
        var html = new StringBuilder();
        html.Append("<div id=\"").Append(id).Append("\" class=\"fleetbook-plot\">").Append(FigureSvg.Render(figure)).Append("</div>\n");
        if (script.Kind == PlotlyScriptKind.Inline)
        {
            html.Append("<script>").Append(InlineLibrary(script.Source!)).Append("</script>\n");
        }

        var code = DrawScript
            .Replace("%LOADER%", script.Kind == PlotlyScriptKind.Cdn ? RequireOrCdnLoader : PreloadedLoader, StringComparison.Ordinal)
            .Replace("%VERSION%", PlotlyScript.PinnedVersion, StringComparison.Ordinal)
            .Replace("%REQUIRE_PATH%", PlotlyScript.RequirePath, StringComparison.Ordinal)
            .Replace("%CDN%", PlotlyScript.CdnUrl, StringComparison.Ordinal)
            .Replace("%ID%", id, StringComparison.Ordinal)
            .Replace("%FIGURE%", figure.ToJson(), StringComparison.Ordinal);
        html.Append("<script type=\"text/javascript\">\n").Append(code).Append("\n</script>");
        return html.ToString();
    }

    /// <summary>
    /// plotly.js wrapped so it runs once per page and always lands on window.Plotly: module/exports/define are hidden
    /// (a page with require.js or CommonJS globals would otherwise capture it), and the two sequences that could end
    /// or confuse an HTML script element are written with a JavaScript escape that means the same inside strings,
    /// regular expressions and comments, the only places they occur.
    /// </summary>
    public static string InlineLibrary(string plotlyJs) =>
        "if (!window.Plotly) { (function (module, exports, define) {\n" + ScriptSafe(plotlyJs) + "\n})(); }";

    public static string ScriptSafe(string javaScript) =>
        ScriptBreakers().Replace(javaScript, match => "\\x3C" + match.Value[1..]);

    [GeneratedRegex("</script|<!--", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptBreakers();
}

using System.Net;
using System.Text;
using Fleetbook.Notebooks.Ipynb;

namespace Fleetbook.Notebooks.Html;

/// <summary>
/// The executed notebook as one page: prose, code, and each output in its richest form (HTML as is, so charts draw
/// with the scripts they carry; images; plotly JSON drawn by a small loader; else text).
/// </summary>
internal static class HtmlExporter
{
    private const string Style = """
        body { font-family: system-ui, sans-serif; max-width: 72rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
        .cell { margin: 1rem 0; }
        .source { display: flex; gap: .5rem; }
        .prompt { color: #888; font-family: monospace; min-width: 3.5rem; text-align: right; padding-top: .5rem; }
        pre { background: #f6f8fa; padding: .5rem .75rem; overflow-x: auto; margin: 0; flex: 1; }
        .outputs { margin-left: 4rem; }
        .output { margin: .4rem 0; overflow-x: auto; }
        .stream pre, .text pre { background: none; padding: 0 .75rem; }
        .stderr pre { color: #a33; }
        .error pre { background: #fdecec; color: #8a1111; }
        """;

    public static string Export(NotebookDocument notebook, IReadOnlyDictionary<int, CellRun> runs, PlotlyJs plotly)
    {
        var title = WebUtility.HtmlEncode(Path.GetFileNameWithoutExtension(notebook.Path));
        var html = new StringBuilder()
            .Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").Append(title).Append("</title>\n")
            .Append("<style>\n").Append(Style).Append("</style>\n")
            .Append(plotly.HeadScript())
            .Append("</head>\n<body>\n<main class=\"notebook\">\n");
        foreach (var cell in notebook.Cells)
        {
            AppendCell(html, cell, runs.GetValueOrDefault(cell.Index));
        }

        return html.Append("</main>\n</body>\n</html>\n").ToString();
    }

    private static void AppendCell(StringBuilder html, NotebookCell cell, CellRun? run)
    {
        if (cell.CellType == "markdown" || cell.Kernel is { Language: CellLanguage.Markdown })
        {
            var prose = string.Join("\n", cell.Source.Split('\n').Where(l => !l.TrimStart().StartsWith("#!markdown", StringComparison.Ordinal)));
            html.Append("<section class=\"cell markdown\">\n").Append(MiniMarkdown.ToHtml(prose)).Append("</section>\n");
            return;
        }

        if (!cell.IsCode)
        {
            html.Append("<section class=\"cell raw\"><pre>").Append(WebUtility.HtmlEncode(cell.Source)).Append("</pre></section>\n");
            return;
        }

        var prompt = run is null ? "[ ]" : $"[{run.ExecutionCount}]";
        html.Append("<section class=\"cell code\" data-cell=\"").Append(cell.Number).Append("\">\n")
            .Append("<div class=\"source\"><span class=\"prompt\">").Append(prompt).Append("</span><pre><code class=\"language-")
            .Append(cell.Kernel?.Name ?? "text").Append("\">").Append(WebUtility.HtmlEncode(cell.Source)).Append("</code></pre></div>\n");
        if (run is { Outputs.Count: > 0 })
        {
            html.Append("<div class=\"outputs\">\n");
            foreach (var output in run.Outputs)
            {
                AppendOutput(html, output);
            }

            html.Append("</div>\n");
        }

        html.Append("</section>\n");
    }

    private static void AppendOutput(StringBuilder html, NotebookOutput output)
    {
        switch (output)
        {
            case StreamOutput stream:
                html.Append("<div class=\"output stream ").Append(stream.Name).Append("\"><pre>").Append(WebUtility.HtmlEncode(stream.Text)).Append("</pre></div>\n");
                break;
            case DisplayOutput display:
                html.Append("<div class=\"output display\">").Append(Rich(display.Data)).Append("</div>\n");
                break;
            case ErrorOutput error:
                var text = string.Join("\n", error.Error.Traceback.Count > 0 ? error.Error.Traceback : [error.Error.Summary]);
                html.Append("<div class=\"output error\"><pre>").Append(WebUtility.HtmlEncode(error.Error.Summary));
                if (error.Error.Traceback.Count > 0 && text != error.Error.Summary)
                {
                    html.Append("\n\n").Append(WebUtility.HtmlEncode(text));
                }

                html.Append("</pre></div>\n");
                break;
        }
    }

    private static string Rich(MimeBundle data)
    {
        if (data[MimeTypes.Html] is { } markup)
        {
            return markup;
        }

        if (data[MimeTypes.Plotly] is { } figure)
        {
            return PlotlyOutput(figure);
        }

        if (data[MimeTypes.Svg] is { } svg)
        {
            return svg;
        }

        if (data[MimeTypes.Png] is { } png)
        {
            return $"<img src=\"data:image/png;base64,{WebUtility.HtmlEncode(png.Trim())}\" alt=\"image output\">";
        }

        if (data[MimeTypes.Markdown] is { } markdown)
        {
            return MiniMarkdown.ToHtml(markdown);
        }

        var plain = data[MimeTypes.PlainText] ?? data.Entries.FirstOrDefault().Value ?? "";
        return "<div class=\"text\"><pre>" + WebUtility.HtmlEncode(plain) + "</pre></div>";
    }

    /// <summary>A plotly figure with no HTML of its own: drawn with the page's plotly.js, or the pinned CDN copy.</summary>
    private static string PlotlyOutput(string figureJson)
    {
        var id = "fleetbook-notebook-plot-" + Guid.NewGuid().ToString("N");
        var figure = PlotlyJs.ScriptSafe(figureJson.Replace("</", "<\\/", StringComparison.Ordinal));
        return $$"""
            <div id="{{id}}" class="plotly-output"></div>
            <script>
            (function () {
              var figure = {{figure}};
              function draw() { window.Plotly.newPlot("{{id}}", figure.data || [], figure.layout || {}, figure.config || {}); }
              if (window.Plotly) { draw(); return; }
              var queued = window.fleetbookNotebookPlots = window.fleetbookNotebookPlots || [];
              queued.push(draw);
              if (queued.length > 1) { return; }
              var script = document.createElement("script");
              script.src = "{{PlotlyJs.CdnUrl}}";
              script.onload = function () { queued.forEach(function (f) { f(); }); };
              document.head.appendChild(script);
            })();
            </script>
            """;
    }
}

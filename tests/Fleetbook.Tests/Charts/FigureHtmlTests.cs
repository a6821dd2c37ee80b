using System.Text.RegularExpressions;
using Fleetbook.Charts;
using Fleetbook.Display;

namespace Fleetbook.Tests.Charts;

public class FigureHtmlTests
{
    private static readonly Figure Chart = new Figure([Trace.Bar("jobs", Values.Labels(["a", "b"]), Values.Numbers([1, 2]))]).WithTitle("Jobs");

    [Fact]
    public void In_a_page_with_require_js_plotly_is_loaded_through_require_from_the_pinned_cdn()
    {
        // Act
        var html = Chart.ToHtml();

        // Assert
        Assert.Contains("typeof require === \"function\" && typeof require.config === \"function\"", html);
        Assert.Contains("require.config({context: \"fleetbook-plotly-4.1.2\", paths: {plotly: 'https://cdn.plot.ly/plotly-4.1.2.min'}", html);
        Assert.Contains("shim: {plotly: {exports: \"Plotly\"}}", html);
        Assert.Contains("plotlyRequire(['plotly'], function (Plotly) { draw(Plotly || window.Plotly); }", html);
    }

    [Fact]
    public void Without_require_js_the_pinned_cdn_script_is_added_once_per_page_then_each_chart_draws()
    {
        // Act
        var html = Chart.ToHtml(PlotlyScript.Cdn);

        // Assert
        Assert.Contains("} else if (window.Plotly) {", html);
        Assert.Contains("if (!document.getElementById(\"fleetbook-plotly-4.1.2\")) {", html);
        Assert.Contains("script.src = \"https://cdn.plot.ly/plotly-4.1.2.min.js\";", html);
        Assert.Contains("window.fleetbookPlotlyWaiting", html);
        Assert.Contains("Plotly.newPlot(element, figure.data, figure.layout, figure.config);", html);
        Assert.Equal("https://cdn.plot.ly/plotly-" + PlotlyScript.PinnedVersion + ".min.js", PlotlyScript.CdnUrl);
    }

    [Fact]
    public void Inline_mode_carries_plotly_itself_and_names_no_cdn()
    {
        // Arrange
        const string library = "window.Plotly = {newPlot: function () {}}; var markup = \"</script><!-- \";";

        // Act
        var html = Chart.ToHtml(PlotlyScript.Inline(library));

        // Assert
        Assert.DoesNotContain("cdn.plot.ly", html);
        Assert.DoesNotContain("require.config", html);
        Assert.Contains("window.Plotly = {newPlot: function () {}};", html);
        Assert.Contains("var markup = \"\\x3C/script>\\x3C!-- \";", html);
        Assert.Equal(2, Regex.Matches(html, "</script>").Count);
        Assert.Contains("(function (module, exports, define) {", html);
    }

    [Fact]
    public void Preloaded_mode_only_draws()
    {
        // Act
        var html = Chart.ToHtml(PlotlyScript.Preloaded);

        // Assert
        Assert.DoesNotContain("cdn.plot.ly", html);
        Assert.Contains("draw(window.Plotly);", html);
    }

    [Fact]
    public void Each_chart_gets_its_own_element_id_and_draws_into_it()
    {
        // Act
        var first = Chart.ToHtml();
        var second = Chart.ToHtml();

        // Assert
        var id = Regex.Match(first, "<div id=\"(fleetbook-plot-[0-9a-f]{32})\"").Groups[1].Value;
        Assert.NotEmpty(id);
        Assert.Contains($"var id = \"{id}\";", first);
        Assert.DoesNotContain(id, second);
    }

    [Fact]
    public void The_plot_element_holds_the_static_picture_which_plotly_replaces_when_it_loads()
    {
        // Act
        var html = Chart.ToHtml();

        // Assert: the picture is in the element from the start; the script clears it only once it has plotly, and puts
        // it back if plotly fails to draw.
        Assert.Matches(new Regex("^<div id=\"fleetbook-plot-[0-9a-f]{32}\" class=\"fleetbook-plot\"><svg class=\"fbc-chart\" [^>]*>.*</svg></div>\n<script", RegexOptions.Singleline), html);
        Assert.Contains("if (!element || !Plotly) { return; }", html);
        Assert.True(html.IndexOf("element.innerHTML = \"\";", StringComparison.Ordinal) < html.IndexOf("Plotly.newPlot(", StringComparison.Ordinal));
        Assert.Contains("drawn.then(null, keepPicture);", html);
        Assert.DoesNotContain("Chart not drawn", html);
    }

    [Fact]
    public void The_script_draws_the_same_figure_json_the_mime_bundle_carries()
    {
        // Act
        var html = Chart.ToHtml(PlotlyScript.Preloaded);

        // Assert
        Assert.Contains("var figure = " + Chart.ToJson() + ";", html);
    }

    [Fact]
    public void Text_in_a_figure_cannot_close_the_script_it_is_embedded_in()
    {
        // Arrange
        var figure = new Figure([Trace.Bar("</script><img src=x onerror=alert(1)>", Values.Labels(["<b>"]), Values.Numbers([1]))]);

        // Act
        var html = figure.ToHtml();

        // Assert
        Assert.DoesNotContain("<img", html);
        Assert.DoesNotContain("<b>", html);
        Assert.Single(Regex.Matches(html, "</script>"));
    }

    [Fact]
    public void The_mime_bundle_carries_plotly_json_html_and_a_text_summary()
    {
        // Act
        var bundle = Chart.ToMimeBundle();

        // Assert
        Assert.Equal(Chart.ToJson(), bundle[MimeTypes.Plotly]);
        Assert.Contains("<div id=\"fleetbook-plot-", bundle[MimeTypes.Html]);
        Assert.Equal("Chart: Jobs\n  bar 'jobs' (2 bars)", bundle[MimeTypes.PlainText]);
        Assert.Equal("application/vnd.plotly.v1+json", MimeTypes.Plotly);
    }

    [Fact]
    public void A_local_plotly_is_found_through_the_environment_variable()
    {
        // Arrange
        var file = Path.Combine(Path.GetTempPath(), "fleetbook-tests", "plotly-" + Guid.NewGuid().ToString("N") + ".js");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, "window.Plotly = {};");
        var before = Environment.GetEnvironmentVariable(PlotlyScript.PathVariable);
        try
        {
            Environment.SetEnvironmentVariable(PlotlyScript.PathVariable, file);

            // Act
            var found = PlotlyScript.TryLocate();

            // Assert
            Assert.NotNull(found);
            Assert.Equal(PlotlyScriptKind.Inline, found.Kind);
            Assert.Contains("window.Plotly = {};", Chart.ToHtml(found));
        }
        finally
        {
            Environment.SetEnvironmentVariable(PlotlyScript.PathVariable, before);
            File.Delete(file);
        }
    }

    [Fact]
    public void A_local_plotly_is_found_in_node_modules_above_the_search_folder()
    {
        // Arrange
        var root = Path.Combine(Path.GetTempPath(), "fleetbook-tests", "nm-" + Guid.NewGuid().ToString("N"));
        var package = Path.Combine(root, "node_modules", "plotly.js-dist-min");
        Directory.CreateDirectory(package);
        File.WriteAllText(Path.Combine(package, "plotly.min.js"), "/* local plotly */");
        var nested = Directory.CreateDirectory(Path.Combine(root, "project", "results")).FullName;
        var before = Environment.GetEnvironmentVariable(PlotlyScript.PathVariable);
        try
        {
            Environment.SetEnvironmentVariable(PlotlyScript.PathVariable, null);

            // Act
            var found = PlotlyScript.TryLocate(nested);

            // Assert
            Assert.NotNull(found);
            Assert.Contains("/* local plotly */", Chart.ToHtml(found));
        }
        finally
        {
            Environment.SetEnvironmentVariable(PlotlyScript.PathVariable, before);
            Directory.Delete(root, recursive: true);
        }
    }
}

using Fleetbook.Notebooks.Html;
using Fleetbook.Tests.Reports;
using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Kernels;

public sealed class HtmlExportTests
{
    [RealKernelFact]
    public async Task The_html_export_inlines_rich_outputs_escapes_code_and_draws_plotly_json()
    {
        // Arrange
        using var folder = new TempFolder("nb-html");
        var notebook = folder.Write("export.ipynb", TestNotebook.Build(".net-csharp", "C#",
            [
                "display(HTML(\"<span class=\\\"badge\\\">done: 4</span>\"));",
                "\"{\\\"data\\\":[{\\\"type\\\":\\\"bar\\\",\\\"y\\\":[3,1]}]}\".DisplayAs(\"application/vnd.plotly.v1+json\");\nConsole.WriteLine(\"1 < 2\");",
            ],
            [TestNotebook.Markdown("# Results\nA *short* run with `4` jobs <script>alert(1)</script>")]));
        var html = folder.File("out.html");

        // Act
        using var run = await RealKernel.RunStdioAsync(notebook, ["--html", html, "--plotly-js", "plotly.min.js"]);

        // Assert
        Assert.True(run.Succeeded, run.Failure);
        var page = File.ReadAllText(html);
        Assert.Contains("<span class=\"badge\">done: 4</span>", page);
        Assert.Contains("display(HTML(&quot;&lt;span class=\\&quot;badge\\&quot;&gt;done: 4&lt;/span&gt;&quot;));", page);
        Assert.Contains("<pre>1 &lt; 2\n</pre>", page);
        Assert.Contains("<h1>Results</h1>", page);
        Assert.Contains("<em>short</em>", page);
        Assert.Contains("<code>4</code>", page);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", page);
        Assert.Contains("<script src=\"plotly.min.js\"></script>", page);
        Assert.Contains("window.Plotly.newPlot(\"fleetbook-notebook-plot-", page);
        Assert.Contains("{\"data\":[{\"type\":\"bar\",\"y\":[3,1]}]", page);
    }

    [RealKernelFact(KernelNeeds.Chromium)]
    public async Task A_plotly_json_output_draws_with_plotly_new_plot_as_a_front_ends_renderer_draws_it()
    {
        // Arrange
        using var folder = new TempFolder("nb-plotly-json");
        var notebook = folder.Write("figure.ipynb", TestNotebook.CSharp("\"{\\\"data\\\":[{\\\"type\\\":\\\"bar\\\",\\\"y\\\":[3,1]}]}\".DisplayAs(\"application/vnd.plotly.v1+json\");"));
        using var run = await RealKernel.RunStdioAsync(notebook);
        Assert.True(run.Succeeded, run.Failure);
        var (html, _, plotlyOutputs) = await OutputPage.BuildAsync(run.Executed!);
        var page = folder.Write("outputs.html", html);

        // Act
        var dom = await HeadlessChromium.DumpDomAsync(page, folder.File("profile"));

        // Assert
        Assert.Equal(1, plotlyOutputs);
        OutputPage.AssertEachPlotlyOutputDrew(dom, 1);
    }

    [Fact]
    public void An_inlined_plotly_js_cannot_close_its_script_element()
    {
        // Arrange
        using var folder = new TempFolder("nb-plotly-inline");
        var file = folder.Write("plotly.min.js", "var s = \"</script><!-- x\";");

        // Act
        var head = PlotlyJs.From(file).HeadScript();

        // Assert
        Assert.Contains("var s = \"\\x3C/script>\\x3C!-- x\";", head);
        Assert.StartsWith("<script>if (!window.Plotly)", head);
    }
}

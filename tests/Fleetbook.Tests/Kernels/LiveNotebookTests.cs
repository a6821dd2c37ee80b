using System.Text;
using Fleetbook.Tests.Reports;
using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Kernels;

/// <summary>notebooks/01-quickstart-local.ipynb run once by fleetbook-notebook, as CI runs it.</summary>
public sealed class QuickstartNotebookFixture : IAsyncLifetime
{
    private readonly TempFolder _folder = new("nb-live");

    public string Folder => _folder.Path;

    public ExecutedNotebook Executed { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var notebook = RepositoryNotebookTests.RepositoryNotebooks().Single(n => Path.GetFileName(n) == "01-quickstart-local.ipynb");
        var output = _folder.File("01.executed.ipynb");
        var outcome = await NotebookRunnerProcess.RunAsync("run", notebook, "--output", output);
        Assert.True(outcome.ExitCode == 0, outcome.All);
        Executed = ExecutedNotebook.Load(output);
    }

    public Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }
}

public sealed class LiveNotebookTests(QuickstartNotebookFixture quickstart) : IClassFixture<QuickstartNotebookFixture>
{
    [Fact]
    public void The_quickstart_monitor_cell_shows_one_live_output_updated_in_place()
    {
        // Arrange
        var cell = MonitorCell();

        // Act
        var outputs = quickstart.Executed.Outputs(cell);

        // Assert: one display, replaced in place (the runner keeps a display id only on outputs that were updated).
        var live = Assert.Single(outputs);
        Assert.Equal("display_data", (string?)live["output_type"]);
        Assert.False(string.IsNullOrEmpty((string?)live["metadata"]?["transient"]?["display_id"]));
        var text = ExecutedNotebook.Text(live, "text/plain");
        Assert.StartsWith("Monitor  [ok] all jobs succeeded", text);
        Assert.Contains("finished:          20 of 20 (100%)", text);
        // A fast machine finishes every job before monitor's first look, leaving no pace to measure ("—").
        Assert.Matches(@"throughput:\s+(\d[\d.,]* jobs/min|—)", text);
        var html = ExecutedNotebook.Text(live, "text/html");
        Assert.Equal(2, DrawnCharts.PlotDiv().Matches(html).Count);
        Assert.Contains("Chart: Capacity", text);
    }

    [ChromiumFact]
    public async Task Every_chart_in_the_executed_quickstart_draws_in_headless_chromium_without_require_js()
    {
        // Arrange: the outputs' HTML one after the other, as a front end without require.js shows them, with plotly.js
        // inlined at the top (the page cannot reach the CDN).
        var plotly = await PlotlyCache.EnsureAsync();
        var page = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>01 executed</title>\n<script>")
            .Append(Fleetbook.Charts.FigureHtml.InlineLibrary(await File.ReadAllTextAsync(plotly)))
            .Append("</script></head><body>\n");
        foreach (var output in quickstart.Executed.Cells.Select((cell, i) => (cell, i)).Where(c => (string?)c.cell!["cell_type"] == "code").SelectMany(c => quickstart.Executed.Outputs(c.i)))
        {
            if (output["data"]?["text/html"] is not null)
            {
                page.Append("<div class=\"output\">\n").Append(ExecutedNotebook.Text(output, "text/html")).Append("\n</div>\n");
            }
        }

        var html = page.Append("</body></html>\n").ToString();
        var file = Path.Combine(quickstart.Folder, "outputs.html");
        await File.WriteAllTextAsync(file, html);
        var expected = DrawnCharts.PlotDiv().Matches(html).Count;

        // Act
        var dom = await HeadlessChromium.DumpDomAsync(file, Path.Combine(quickstart.Folder, "profile"));

        // Assert: the live monitor's two charts and the report's, each drawn.
        Assert.True(expected >= 3, $"expected the monitor's and the report's charts, found {expected}");
        DrawnCharts.AssertEachDrew(dom, expected);
    }

    private int MonitorCell()
    {
        var cells = quickstart.Executed.Cells;
        for (var i = 0; i < cells.Count; i++)
        {
            if ((string?)cells[i]!["cell_type"] == "code" && ExecutedNotebook.Join(cells[i]!["source"]).Contains("MonitorAsync", StringComparison.Ordinal))
            {
                return i;
            }
        }

        throw new InvalidOperationException("the quickstart has no MonitorAsync cell");
    }
}

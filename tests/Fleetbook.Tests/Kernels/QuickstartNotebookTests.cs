using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Fleetbook.Tests.Reports;
using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Kernels;

/// <summary>
/// notebooks/01-quickstart-local.ipynb in the real kernel, in each headless host: what a user sees of the run, the
/// live monitor view above all. The runs are shared (<see cref="Walkthroughs"/>): one per host for the whole suite.
/// </summary>
public sealed partial class QuickstartNotebookTests
{
    /// <summary>The executed notebook's outputs on one page, as a front end shows them: the monitor's two charts and the report's, each drawn.</summary>
    private static async Task AssertEveryChartDrawsAsync(NotebookRun run)
    {
        // Arrange
        Assert.True(run.Succeeded, run.Failure);
        var (html, charts, plotlyOutputs) = await OutputPage.BuildAsync(run.Executed!);
        using var folder = new TempFolder("nb-charts");
        var page = folder.Write("outputs.html", html);

        // Act
        var dom = await HeadlessChromium.DumpDomAsync(page, folder.File("profile"));

        // Assert
        Assert.True(charts >= 4, $"expected the live monitor's two charts and the report's, found {charts}");
        DrawnCharts.AssertEachDrew(dom, charts);
        OutputPage.AssertEachPlotlyOutputDrew(dom, plotlyOutputs);
    }

    private const string MonitorCall = "MonitorAsync";

    [RealKernelFact(KernelNeeds.Jupyter | KernelNeeds.Repository)]
    public async Task A_copy_in_an_empty_folder_outside_the_repository_runs_its_whole_flow_from_the_packed_feed()
    {
        // Act
        var run = await Walkthroughs.InJupyterAsync(Walkthroughs.Quickstart);

        // Assert: every job wrote its file, the last cell cleaned up, and the folder holds only the notebook.
        Assert.True(run.Succeeded, run.Failure);
        var folder = Path.GetDirectoryName(run.Notebook)!;
        Assert.False(folder.StartsWith(Repository.Root!, StringComparison.Ordinal), folder);
        Assert.Equal([Path.GetFileName(run.Notebook)], Directory.GetFileSystemEntries(folder).Select(Path.GetFileName));
        var executed = run.Executed!;
        Assert.Contains("<pre>20</pre>", ExecutedNotebook.Text(Assert.Single(executed.Outputs(executed.CodeCellWith("*.txt"))), "text/html"));
        Assert.Equal("cleaned up", ExecutedNotebook.Text(Assert.Single(executed.Outputs(executed.CodeCells[^1])), "text/plain"));
    }

    /// <summary>
    /// SQLite's pools close when the kernel process exits, after the kernel's own native-library hook is gone: the
    /// library keeps the handle it loaded, so nothing is looked up again then.
    /// </summary>
    [RealKernelFact(KernelNeeds.Jupyter | KernelNeeds.Repository)]
    public async Task In_jupyter_the_kernel_shuts_down_after_a_local_run_without_an_exception()
    {
        // Act
        var run = await Walkthroughs.InJupyterAsync(Walkthroughs.Quickstart);

        // Assert: nbconvert passes on what the kernel printed while it shut down.
        Assert.True(run.Succeeded, run.Failure);
        Assert.DoesNotContain("Exception", run.Outcome.All, StringComparison.Ordinal);
    }

    /// <summary>Fleetbook's kernel extension at work: without it the kernel's own updates carry another id, which Jupyter ignores.</summary>
    [RealKernelFact(KernelNeeds.Jupyter | KernelNeeds.Repository)]
    public async Task In_jupyter_the_monitor_cell_holds_the_live_view_once_with_the_final_counts()
    {
        // Arrange
        var run = await Walkthroughs.InJupyterAsync(Walkthroughs.Quickstart);
        Assert.True(run.Succeeded, run.Failure);

        // Act
        var views = MonitorViews(run.Executed!);

        // Assert
        AssertFinal(Assert.Single(views));
    }

    /// <summary>Fleetbook's kernel extension at work: without it the kernel's own updates carry another id than the display's.</summary>
    [RealKernelFact(KernelNeeds.Repository)]
    public async Task Over_stdio_every_update_of_the_monitor_view_carries_the_id_it_was_shown_with_and_the_last_is_final()
    {
        // Arrange: the events VS Code would receive for the monitor cell.
        var run = await Walkthroughs.ThroughFleetbookNotebookAsync(Walkthroughs.Quickstart);
        Assert.True(run.Succeeded, run.Failure);

        // Act
        var monitorEvents = run.Events.Where(e => Code(e).Contains(MonitorCall, StringComparison.Ordinal) && MonitorText(e) is not null).ToList();

        // Assert
        var shown = Assert.Single(monitorEvents, e => (string?)e["eventType"] == "DisplayedValueProduced");
        var updates = monitorEvents.Where(e => (string?)e["eventType"] == "DisplayedValueUpdated").ToList();
        Assert.Equal(monitorEvents.Count, updates.Count + 1);
        Assert.All(updates, update => Assert.Equal((string?)shown["event"]!["valueId"], (string?)update["event"]!["valueId"]));
        AssertFinalText(MonitorText(monitorEvents[^1])!);
    }

    /// <summary>Fleetbook's kernel extension at work, as above: fleetbook-notebook keeps what VS Code would show.</summary>
    [RealKernelFact(KernelNeeds.Repository)]
    public async Task Fleetbook_notebook_keeps_the_monitor_view_once_in_its_final_state()
    {
        // Arrange
        var run = await Walkthroughs.ThroughFleetbookNotebookAsync(Walkthroughs.Quickstart);
        Assert.True(run.Succeeded, run.Failure);

        // Act
        var views = MonitorViews(run.Executed!);

        // Assert: replaced in place, it keeps the id it was shown with.
        var view = Assert.Single(views);
        AssertFinal(view);
        Assert.False(string.IsNullOrEmpty((string?)view["metadata"]?["transient"]?["display_id"]));
    }

    [RealKernelFact(KernelNeeds.Repl | KernelNeeds.Repository)]
    public async Task Dotnet_repl_runs_the_quickstart_headless_to_the_end()
    {
        // Act
        var run = await Walkthroughs.InDotnetReplAsync(Walkthroughs.Quickstart);

        // Assert
        Assert.True(run.Succeeded, run.Failure);
        Assert.Contains("cleaned up", ExecutedNotebook.Text(Assert.Single(run.Executed!.Outputs(run.Executed.CodeCells[^1])), "text/plain"));
    }

    /// <summary>Fleetbook's kernel extension at work: dotnet-repl writes one output per update, so the view is shown once, at the end.</summary>
    [RealKernelFact(KernelNeeds.Repl | KernelNeeds.Repository)]
    public async Task In_dotnet_repl_the_monitor_view_shows_once_in_its_final_state()
    {
        // Arrange
        var run = await Walkthroughs.InDotnetReplAsync(Walkthroughs.Quickstart);
        Assert.True(run.Succeeded, run.Failure);

        // Act
        var views = MonitorViews(run.Executed!);

        // Assert
        AssertFinal(Assert.Single(views));
    }

    [RealKernelFact(KernelNeeds.Jupyter | KernelNeeds.Chromium | KernelNeeds.Repository)]
    public async Task Every_chart_of_jupyters_executed_quickstart_draws_in_headless_chromium() =>
        await AssertEveryChartDrawsAsync(await Walkthroughs.InJupyterAsync(Walkthroughs.Quickstart));

    [RealKernelFact(KernelNeeds.Jupyter | KernelNeeds.Chromium | KernelNeeds.Repository)]
    public async Task Offline_every_chart_of_jupyters_executed_quickstart_shows_as_a_static_picture()
    {
        // Arrange: no plotly.js anywhere, as in a notebook that cannot reach the CDN.
        var run = await Walkthroughs.InJupyterAsync(Walkthroughs.Quickstart);
        Assert.True(run.Succeeded, run.Failure);
        var (html, charts, _) = await OutputPage.BuildAsync(run.Executed!, offline: true);
        using var folder = new TempFolder("nb-charts-offline");
        var page = folder.Write("outputs.html", html);

        // Act
        var dom = await HeadlessChromium.DumpDomAsync(page, folder.File("profile"));

        // Assert
        Assert.True(charts >= 4, $"expected the live monitor's two charts and the report's, found {charts}");
        DrawnCharts.AssertEach(dom, charts, DrawnBy.StaticPicture);
    }

    /// <summary>What VS Code receives; there a figure may also come as plotly JSON, drawn by the front end's renderer.</summary>
    [RealKernelFact(KernelNeeds.Chromium | KernelNeeds.Repository)]
    public async Task Every_chart_of_fleetbook_notebooks_executed_quickstart_draws_in_headless_chromium() =>
        await AssertEveryChartDrawsAsync(await Walkthroughs.ThroughFleetbookNotebookAsync(Walkthroughs.Quickstart));

    [RealKernelFact(KernelNeeds.Chromium | KernelNeeds.Repository)]
    public async Task Every_chart_of_fleetbook_notebooks_html_export_draws_in_headless_chromium()
    {
        // Arrange: the export inlined plotly.js (--plotly-js), so the page draws offline.
        await PlotlyCache.EnsureAsync();
        var run = await Walkthroughs.ThroughFleetbookNotebookAsync(Walkthroughs.Quickstart);
        Assert.True(run.Succeeded, run.Failure);
        var page = Walkthroughs.HtmlExportOf(Walkthroughs.Quickstart);
        var charts = DrawnCharts.PlotDiv().Matches(await File.ReadAllTextAsync(page)).Count;
        using var folder = new TempFolder("nb-export");

        // Act
        var dom = await HeadlessChromium.DumpDomAsync(page, folder.File("profile"));

        // Assert
        Assert.True(charts >= 2, $"expected the report's charts, found {charts}");
        DrawnCharts.AssertEachDrew(dom, charts);
    }

    [RealKernelFact(KernelNeeds.Repository)]
    public async Task The_nuget_source_reaches_the_kernel_before_the_first_cell_and_stays_out_of_the_executed_notebook()
    {
        // Arrange
        var packed = await PackedFleetbook.GetAsync();
        var original = ExecutedNotebook.Load(Walkthroughs.PathOf(Walkthroughs.Quickstart));

        // Act
        var run = await Walkthroughs.ThroughFleetbookNotebookAsync(Walkthroughs.Quickstart);

        // Assert
        Assert.True(run.Succeeded, run.Failure);
        Assert.Equal(original.CodeCells.Select(original.Source), run.Executed!.CodeCells.Select(run.Executed.Source));
        var completed = run.Events.Where(e => (string?)e["eventType"] is "CommandSucceeded" or "CommandFailed").Select(Code).ToList();
        Assert.Equal($"#i \"nuget:{packed.Feed}\"", completed[0]);
        Assert.Equal(original.CodeCells.Select(original.Source), completed.Skip(1));
    }

    [RealKernelFact(KernelNeeds.Jupyter | KernelNeeds.Repository)]
    public async Task Fleetbook_notebooks_executed_quickstart_is_valid_nbformat()
    {
        // Arrange
        var run = await Walkthroughs.ThroughFleetbookNotebookAsync(Walkthroughs.Quickstart);
        Assert.True(run.Succeeded, run.Failure);

        // Act: Jupyter's own validator.
        var validation = await ChildProcess.RunAsync(
            KernelTools.Python,
            ["-c", "import sys, nbformat; nbformat.validate(nbformat.read(sys.argv[1], as_version=4)); print('valid')", run.ExecutedPath],
            limit: TimeSpan.FromMinutes(1));

        // Assert
        Assert.True(validation.ExitCode == 0, validation.All);
        Assert.Equal("valid", validation.Output.Trim());
    }

    private static IReadOnlyList<JsonObject> MonitorViews(ExecutedNotebook executed) =>
        [.. executed.Outputs(executed.CodeCellWith(MonitorCall)).Where(o => ExecutedNotebook.Text(o, "text/plain").StartsWith("Monitor", StringComparison.Ordinal))];

    /// <summary>The view's last state: the result, every job finished.</summary>
    private static void AssertFinal(JsonObject view) => AssertFinalText(ExecutedNotebook.Text(view, "text/plain"));

    private static void AssertFinalText(string view)
    {
        Assert.StartsWith("Monitor  [ok] all jobs succeeded", view);
        Assert.Matches(FinishedAll(), view);
    }

    /// <summary>The code of the command an event answers (a child command's, for events of a split cell).</summary>
    private static string Code(JsonObject kernelEvent) => (string?)kernelEvent["command"]?["command"]?["code"] ?? "";

    private static string? MonitorText(JsonObject kernelEvent) =>
        (kernelEvent["event"]?["formattedValues"] as JsonArray)?.OfType<JsonObject>()
            .Where(v => (string?)v["mimeType"] == "text/plain").Select(v => (string?)v["value"])
            .FirstOrDefault(text => text?.StartsWith("Monitor", StringComparison.Ordinal) == true);

    [GeneratedRegex(@"finished:\s+20 of 20")]
    private static partial Regex FinishedAll();
}

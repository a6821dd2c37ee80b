using Fleetbook.Configuration;
using Fleetbook.Display;
using Fleetbook.Tests.Support;
using Microsoft.DotNet.Interactive.Events;

namespace Fleetbook.Tests.Interactive;

/// <summary><c>await run.MonitorAsync()</c> in a cell of the real kernel, over a local run with real worker processes.</summary>
public sealed class KernelLiveMonitorTests
{
    [Fact]
    public async Task Monitor_in_a_cell_shows_one_output_updated_in_place_under_one_id_ending_with_the_result()
    {
        // Arrange
        await using var harness = await StartedRunAsync("live-inplace");
        using var kernel = await InProcessKernel.StartAsync(Hosts.VsCode);

        // Act
        var cell = await kernel.SubmitAsync(MonitorCell(harness.ConfigPath));

        // Assert
        Assert.True(cell.Succeeded, cell.Describe());
        var shown = Assert.Single(cell.Outputs.OfType<DisplayedValueProduced>());
        var updates = cell.Outputs.OfType<DisplayedValueUpdated>().ToList();
        Assert.NotEmpty(updates);
        Assert.All(updates, u => Assert.Equal(shown.ValueId, u.ValueId));
        Assert.Equal(cell.Outputs.Count, updates.Count + 1);
        Assert.IsType<LiveMonitorView>(shown.Value);
        var final = updates[^1];
        Assert.NotNull(((LiveMonitorView)final.Value).Result);
        Assert.Equal([MimeTypes.Html, MimeTypes.PlainText], final.MimeTypes());
        Assert.StartsWith("Monitor  [ok] all jobs succeeded", final.Formatted(MimeTypes.PlainText));
        Assert.Contains("finished:          5 of 5 (100%)", final.Formatted(MimeTypes.PlainText));
    }

    [Fact]
    public async Task In_a_host_that_cannot_update_in_place_monitor_shows_its_final_state_once()
    {
        // Arrange
        await using var harness = await StartedRunAsync("live-final");
        using var kernel = await InProcessKernel.StartAsync(Hosts.Repl);

        // Act
        var cell = await kernel.SubmitAsync(MonitorCell(harness.ConfigPath));

        // Assert
        Assert.True(cell.Succeeded, cell.Describe());
        var shown = Assert.Single(cell.Outputs);
        Assert.IsType<DisplayedValueProduced>(shown);
        Assert.NotNull(Assert.IsType<LiveMonitorView>(shown.Value).Result);
        Assert.StartsWith("Monitor  [ok] all jobs succeeded", shown.Formatted(MimeTypes.PlainText));
    }

    [Fact]
    public async Task The_live_display_is_the_running_cells_own_and_a_disposed_kernel_leaves_none_behind()
    {
        // Arrange: the newest kernel's display is asked first, so the disposed one would answer if it were still registered.
        using var kept = await InProcessKernel.StartAsync(Hosts.Repl);
        var disposed = await InProcessKernel.StartAsync(Hosts.VsCode);
        var outsideACell = LiveDisplays.Detect();
        disposed.Dispose();

        // Act
        var cell = await kept.SubmitAsync("LiveDisplays.Detect().GetType().Name");

        // Assert
        Assert.Null(outsideACell);
        Assert.True(cell.Succeeded, cell.Describe());
        Assert.Equal("FinalOnlyLiveDisplay", Assert.Single(cell.Outputs).Formatted(MimeTypes.PlainText));
    }

    /// <summary>A local run that is set up, has 5 quick jobs queued and its workers started, as the terminal would leave it.</summary>
    internal static async Task<LocalRunHarness> StartedRunAsync(string name, int jobs = 5, Func<RunConfig, RunConfig>? change = null)
    {
        var config = LocalRunHarness.ShellJobConfig("Live" + name.Replace("-", "", StringComparison.Ordinal), "true");
        var harness = new LocalRunHarness(change is null ? config : change(config), name);
        await harness.SetUpWithNumberedJobsAsync(jobs);
        await harness.Run.StartAsync();
        return harness;
    }

    private static string MonitorCell(string configPath) => $$"""
        var run = FleetRun.Open(@"{{configPath}}");
        await run.MonitorAsync(options: new MonitorOptions { PollInterval = TimeSpan.FromMilliseconds(100), Timeout = TimeSpan.FromMinutes(2) });
        await run.DisposeAsync();
        """;
}

using Fleetbook.Display;
using Fleetbook.Steps;
using Fleetbook.Tests.Display;
using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Local;

public sealed class LiveMonitorRunTests
{
    [Fact]
    public async Task A_live_monitor_given_as_progress_follows_a_local_run_and_ends_with_its_result()
    {
        // Arrange
        await using var harness = new LocalRunHarness(LocalRunHarness.ShellJobConfig("LiveRun", "sleep 0.1"), "live-run");
        await harness.SetUpWithNumberedJobsAsync(12);
        await harness.Run.StartAsync();
        var display = new RecordingDisplay();
        var live = new LiveMonitor(display, interval: TimeSpan.Zero);

        // Act
        var result = await harness.Run.MonitorAsync(live, new MonitorOptions { PollInterval = TimeSpan.FromMilliseconds(50), LiveDisplay = LiveDisplayMode.Off });

        // Assert
        Assert.True(result.Completed);
        Assert.Null(live.Failure);
        Assert.True(display.Shown.Count >= 3, $"only {display.Shown.Count} redraws");
        var last = display.Shown[^1];
        Assert.Same(result, last.Result);
        Assert.Equal(12, last.Latest!.Succeeded);
        Assert.Contains("all jobs succeeded", last.ToText());
    }
}

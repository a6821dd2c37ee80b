using Fleetbook.Inputs;
using Fleetbook.Steps;
using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Local;

public sealed class MonitorWithoutWorkersTests
{
    [Fact]
    public async Task Monitor_with_jobs_waiting_and_no_worker_ever_started_stops_and_says_to_run_start()
    {
        // Arrange: jobs submitted, start never run.
        await using var harness = new LocalRunHarness(LocalRunHarness.ShellJobConfig("NoWorkers", "true"));
        await harness.SetUpWithNumberedJobsAsync(5);
        var options = new MonitorOptions { PollInterval = TimeSpan.FromMilliseconds(20), NoWorkerPatience = TimeSpan.FromMilliseconds(200), Timeout = TimeSpan.FromSeconds(60) };

        // Act
        var stopped = await Assert.ThrowsAsync<InputException>(() => harness.Run.MonitorAsync(options: options));

        // Assert: it stopped well before its own time limit, nothing changed.
        var problem = Assert.Single(stopped.Problems);
        Assert.Contains("5 jobs are waiting but no worker was started (workers 0/0)", problem.Message);
        Assert.Contains("fleetbook start", problem.Fix);
        Assert.Equal(5, (await harness.Run.StatusAsync()).Visible);
    }

    [Fact]
    public async Task The_monitor_command_without_workers_exits_2_with_the_fix()
    {
        // Arrange
        await using var harness = new LocalRunHarness(LocalRunHarness.ShellJobConfig("NoWorkersCli", "true"));
        await harness.SetUpWithNumberedJobsAsync(2);

        // Act: the default patience (10 s) at a 0.2 s poll.
        var monitor = await CliRunner.RunAsync("monitor", "--interval", "0.2", "--timeout", "30", "-c", harness.ConfigPath);

        // Assert
        Assert.Equal(2, monitor.ExitCode);
        Assert.Contains("no worker was started", monitor.Error);
        Assert.Contains("fleetbook start", monitor.Error);
    }
}

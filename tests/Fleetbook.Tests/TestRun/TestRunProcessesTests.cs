using System.Diagnostics;
using Fleetbook.Tests.Aws.Worker;
using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.TestRun;

/// <summary>
/// The run-wide process check reaches what the tests start: a child of a test, a worker Fleetbook starts with its
/// allow-listed environment, and the program that worker runs. (The check itself runs after the last test; a run
/// that leaves a process fails with the process, its parent and its folder named.)
/// </summary>
public sealed class TestRunProcessesTests
{
    [LinuxFact]
    public void A_child_of_a_test_carries_the_run_s_mark_and_is_found_by_it()
    {
        // Arrange
        using var sleeper = Process.Start("/bin/sleep", "60");

        try
        {
            // Act
            var found = LiveProcesses.WithVariable(TestRunProcesses.Variable, TestRunProcesses.Mark);

            // Assert
            var process = Assert.Single(found, p => p.Pid == sleeper.Id);
            Assert.Equal(Environment.ProcessId, process.ParentPid);
            Assert.Contains("pid " + sleeper.Id, process.Describe());
            Assert.Contains("parent: " + Environment.ProcessId, process.Describe());
        }
        finally
        {
            sleeper.Kill();
            sleeper.WaitForExit();
        }
    }

    [LinuxFact]
    public async Task A_worker_Fleetbook_starts_and_the_program_it_runs_carry_the_run_s_mark()
    {
        // Arrange: a worker whose job waits until the test has looked.
        var config = LocalRunHarness.ShellJobConfig("MarkedWorker", "touch \"$1/started\"; sleep 60", "{shared}") with { Machines = 1, DockerCores = 1, IdleExitSeconds = 30 };
        await using var harness = new LocalRunHarness(config);
        await harness.SetUpWithNumberedJobsAsync(1);
        await harness.Run.StartAsync();
        var started = Path.Combine(harness.Shared, "started");
        for (var waited = Stopwatch.StartNew(); !File.Exists(started) && waited.Elapsed < TimeSpan.FromSeconds(60);)
        {
            await Task.Delay(100);
        }

        // Act
        var found = LiveProcesses.WithVariable(TestRunProcesses.Variable, TestRunProcesses.Mark);
        var workers = harness.Backend.LocalFleet.WorkerProcessIds();
        await harness.Run.CleanupAsync(force: true);
        var afterCleanup = LiveProcesses.WithVariable(TestRunProcesses.Variable, TestRunProcesses.Mark);

        // Assert
        Assert.True(File.Exists(started), "the job did not start");
        var ours = found.Where(p => workers.Contains(p.Pid) || p.WorkingDirectory?.StartsWith(harness.Folder, StringComparison.Ordinal) == true).ToList();
        Assert.Contains(ours, p => workers.Contains(p.Pid) && p.CommandLine.Contains("fleetbook-worker", StringComparison.Ordinal));
        Assert.Contains(ours, p => p.CommandLine == "sleep 60");
        Assert.DoesNotContain(afterCleanup, p => ours.Any(o => o.Pid == p.Pid));
    }
}

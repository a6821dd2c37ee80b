using System.Diagnostics;
using System.Globalization;
using Fleetbook.Steps;
using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Local;

public sealed class FleetRaceTests
{
    [Fact]
    public async Task Two_starts_and_two_monitors_racing_while_workers_are_killed_leave_every_output_holding_its_own_job()
    {
        // Arrange: each job writes its own id into its output, then lingers so that two processes sharing a work folder
        // would empty or upload each other's outputs. Enough receives that kill -9s never send a job to dead letters.
        const int jobs = 300;
        var config = LocalRunHarness.ShellJobConfig("RaceRun", "printf '%s' \"$1\" > \"$2/out.txt\"; sleep 0.05", "{job_id}", "{output_dir}") with
        {
            VisibilitySeconds = 3,
            MaxReceives = 20,
            IdleExitSeconds = 5,
        };
        await using var harness = new LocalRunHarness(config);
        await harness.SetUpWithNumberedJobsAsync(jobs);
        await using var secondRun = FleetRun.Open(harness.ConfigPath);
        await using var thirdRun = FleetRun.Open(harness.ConfigPath);
        var poll = new MonitorOptions { PollInterval = TimeSpan.FromMilliseconds(100), Timeout = TimeSpan.FromMinutes(3) };

        // Act: two starts and two monitors at once, and a SIGKILL for a running worker every 400 ms, six times.
        var starts = new[] { CliRunner.RunAsync("start", "-c", harness.ConfigPath), CliRunner.RunAsync("start", "-c", harness.ConfigPath) };
        var monitors = new[] { secondRun.MonitorAsync(options: poll), thirdRun.MonitorAsync(options: poll) };
        var kills = 0;
        while (kills < 6 && !monitors.All(m => m.IsCompleted))
        {
            await Task.Delay(400);
            if (harness.Backend.LocalFleet.WorkerProcessIds().FirstOrDefault() is var victim and > 0)
            {
                using var process = Process.GetProcessById(victim);
                process.Kill(); // SIGKILL, the worker alone: its job is orphaned mid-run
                kills++;
            }
        }

        var started = await Task.WhenAll(starts);
        var monitored = await Task.WhenAll(monitors);

        // Assert: every job's output holds that job's id: none missing, none another job's.
        Assert.All(started, s => Assert.Equal(0, s.ExitCode));
        Assert.All(monitored, m => Assert.True(m.Completed, m.Final.Explanation));
        Assert.Equal(6, kills);
        Assert.Empty(harness.WrongOutputs(jobs, id => id));
        Assert.Equal(jobs, harness.BucketFiles().Count);
        Assert.Equal(0, monitored.Max(m => m.Final.DeadLetter));
        Assert.Empty(LiveWorkersOf(harness.Backend.StateDirectory)); // cleanup stopped every worker: each was in fleet.json
    }

    /// <summary>Worker processes of this run still alive, found by the state folder in their environment.</summary>
    private static IReadOnlyList<int> LiveWorkersOf(string stateDirectory)
    {
        var mark = System.Text.Encoding.UTF8.GetBytes($"{Fleetbook.Working.WorkerEnvironment.State}={stateDirectory}\0");
        var live = new List<int>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(folder, "stat"));
                if (!stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z') && File.ReadAllBytes(Path.Combine(folder, "environ")).AsSpan().IndexOf(mark) >= 0)
                {
                    live.Add(pid);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
            }
        }

        return live;
    }
}

using System.Globalization;
using Fleetbook.Journal;
using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Working;

/// <summary>A job's processes end with the job, including those that left its process tree (Linux: see JobProcessTree).</summary>
public class JobProcessTreeTests
{
    // Starts a double-forked sleeper and a setsid -f sleeper, records their process ids, then hangs.
    private const string Escapees = """
        ( ( exec sleep 300 ) & echo $! > "$1/double-forked.pid" ) &
        setsid -f sh -c 'echo $$ > "$1/setsid.pid"; exec sleep 300' sh "$1"
        while [ ! -s "$1/double-forked.pid" ] || [ ! -s "$1/setsid.pid" ]; do sleep 0.05; done
        exec sleep 60
        """;

    [Fact]
    public async Task Double_forked_and_setsid_children_die_at_the_job_timeout()
    {
        // Arrange
        var config = LocalRunHarness.ShellJobConfig("EscapeTimeout", Escapees, "{shared}") with { Machines = 1, DockerCores = 1, JobTimeoutSeconds = 2, MaxReceives = 1 };
        await using var harness = new LocalRunHarness(config);
        await harness.SetUpWithNumberedJobsAsync(1);

        // Act
        await harness.Run.StartAsync();
        await harness.MonitorAsync();

        // Assert
        Assert.Equal(AttemptOutcome.TimedOut, Assert.Single(await harness.Run.AttemptsAsync()).Outcome);
        AssertDead(harness.Shared, "double-forked.pid", "setsid.pid");
    }

    [Fact]
    public async Task Double_forked_and_setsid_children_die_when_the_worker_is_stopped()
    {
        // Arrange
        var config = LocalRunHarness.ShellJobConfig("EscapeStop", Escapees, "{shared}") with { Machines = 1, DockerCores = 1, VisibilitySeconds = 60 };
        await using var harness = new LocalRunHarness(config);
        await harness.SetUpWithNumberedJobsAsync(1);
        await harness.Run.StartAsync();
        await WaitForAsync(() => File.Exists(Path.Combine(harness.Shared, "setsid.pid")) && File.Exists(Path.Combine(harness.Shared, "double-forked.pid")));

        // Act: SIGTERM, as cleanup and ECS send it.
        var stopped = await harness.Run.Backend.Fleet.StopAsync(TimeSpan.FromSeconds(10), CancellationToken.None);

        // Assert
        Assert.Equal(1, stopped);
        Assert.Equal(AttemptOutcome.Killed, Assert.Single(await harness.Run.AttemptsAsync()).Outcome);
        AssertDead(harness.Shared, "double-forked.pid", "setsid.pid");
    }

    [Fact]
    public async Task A_daemon_a_job_leaves_behind_is_ended_with_the_job()
    {
        // Arrange: the job succeeds at once, leaving a setsid'd daemon that would write into the next job's folders.
        var config = LocalRunHarness.ShellJobConfig("EscapeDone", "setsid -f sh -c 'echo $$ > \"$1/daemon.pid\"; exec sleep 300' sh \"$1\"; while [ ! -s \"$1/daemon.pid\" ]; do sleep 0.05; done", "{shared}") with { Machines = 1, DockerCores = 1 };
        await using var harness = new LocalRunHarness(config);
        await harness.SetUpWithNumberedJobsAsync(1);

        // Act
        await harness.Run.StartAsync();
        await harness.MonitorAsync();

        // Assert
        Assert.Equal(AttemptOutcome.Succeeded, Assert.Single(await harness.Run.AttemptsAsync()).Outcome);
        AssertDead(harness.Shared, "daemon.pid");
    }

    private static void AssertDead(string folder, params string[] pidFiles)
    {
        foreach (var file in pidFiles)
        {
            var pid = int.Parse(File.ReadAllText(Path.Combine(folder, file)).Trim(), CultureInfo.InvariantCulture);
            var deadline = DateTime.UtcNow.AddSeconds(5);
            while (IsRunning(pid) && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(50);
            }

            Assert.False(IsRunning(pid), $"the process in {file} ({pid}) outlived its job");
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return !stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z');
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
    }
}

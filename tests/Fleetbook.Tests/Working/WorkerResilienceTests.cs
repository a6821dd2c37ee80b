using System.Diagnostics;
using Fleetbook.Journal;
using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Working;

public class WorkerResilienceTests
{
    [Fact]
    public async Task A_worker_killed_mid_job_loses_nothing_in_a_200_job_run()
    {
        // Arrange: each job takes 0.15 s and records that it ran.
        var config = LocalRunHarness.ShellJobConfig("KillRun", "sleep 0.15; echo \"$1\" > \"$2/out.txt\"", "{job_id}", "{output_dir}") with { VisibilitySeconds = 2 };
        await using var harness = new LocalRunHarness(config);
        var jobs = harness.WriteNumberedJobs(200);
        await harness.Run.SetupAsync();
        await harness.Run.SubmitAsync(jobs);
        await harness.Run.StartAsync();

        // Act: once work is under way, SIGKILL one worker while it holds jobs in flight.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await harness.Run.StatusAsync()).Succeeded < 10 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        var victim = harness.Backend.LocalFleet.WorkerProcessIds().First();
        Process.GetProcessById(victim).Kill();
        var result = await harness.MonitorAsync();

        // Assert
        Assert.Equal(200, harness.BucketFiles("results/").Count(k => k.EndsWith("/out.txt", StringComparison.Ordinal)));
        Assert.Equal(0, result.Final.DeadLetter);
        Assert.Equal(200, result.Final.Succeeded);
        var attempts = await harness.Run.AttemptsAsync();
        Assert.Contains(attempts, a => a.Outcome == AttemptOutcome.LostWorker);
    }

    [Fact]
    public async Task A_job_that_always_fails_reaches_the_dead_letter_queue_with_each_attempt_recorded()
    {
        // Arrange
        var config = LocalRunHarness.ShellJobConfig("FailRun", "if [ \"$1\" = yes ]; then echo boom >&2; exit 3; fi; echo ok > \"$2/out.txt\"", "{group.fail}", "{output_dir}") with { MaxReceives = 2 };
        await using var harness = new LocalRunHarness(config);
        var jobs = harness.WriteJobFile([
            new Dictionary<string, string> { ["id"] = "good1", ["fail"] = "no" },
            new Dictionary<string, string> { ["id"] = "bad", ["fail"] = "yes" },
            new Dictionary<string, string> { ["id"] = "good2", ["fail"] = "no" },
        ]);

        // Act
        var result = await harness.RunToEndAsync(jobs);
        var report = await harness.Run.DeadLettersAsync();
        var listed = await CliRunner.RunAsync("dlq", "list", "-c", harness.ConfigPath);

        // Assert
        Assert.True(result.HadFailures);
        var dead = Assert.Single(report.Jobs);
        Assert.Equal("yes-bad", dead.JobId); // the values in the order of the sorted keys: fail, id
        Assert.Equal(2, dead.Attempts.Count);
        Assert.All(dead.Attempts, a => Assert.Equal((AttemptOutcome.Failed, 3), (a.Outcome, a.ExitCode!.Value)));
        Assert.Equal(1, listed.ExitCode);
        Assert.Contains("yes-bad", listed.Output);
        Assert.Contains("exited with code 3", listed.Output);

        var redriven = await harness.Run.RedriveAsync();
        var after = await harness.Run.StatusAsync();
        Assert.Equal(1, redriven.Moved);
        Assert.Equal(0, after.DeadLetter);
        Assert.Equal(1, after.Visible);
    }

    [Fact]
    public async Task A_job_over_its_timeout_is_killed_with_its_children_and_retried()
    {
        // Arrange: the first attempt starts a long-lived child and hangs; the retry succeeds.
        var script = "if [ -f \"$1/ran\" ]; then echo ok > \"$2/out.txt\"; exit 0; fi; touch \"$1/ran\"; sleep 60 & echo $! > \"$1/child.pid\"; wait";
        var config = LocalRunHarness.ShellJobConfig("TimeoutRun", script, "{shared}", "{output_dir}") with { JobTimeoutSeconds = 1, Machines = 1, DockerCores = 1 };
        await using var harness = new LocalRunHarness(config);
        var jobs = harness.WriteNumberedJobs(1);

        // Act
        var watch = Stopwatch.StartNew();
        var result = await harness.RunToEndAsync(jobs);

        // Assert
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), "the hung job was not killed at its timeout");
        Assert.Equal(1, result.Final.Succeeded);
        var attempts = await harness.Run.AttemptsAsync();
        Assert.Equal([AttemptOutcome.TimedOut, AttemptOutcome.Succeeded], attempts.OrderBy(a => a.Attempt).Select(a => a.Outcome));
        var child = int.Parse(File.ReadAllText(Path.Combine(harness.Shared, "child.pid")).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.False(IsRunning(child), "the job's child process survived the timeout");
    }

    [Fact]
    public async Task A_job_three_times_longer_than_the_visibility_timeout_runs_exactly_once()
    {
        // Arrange: visibility 1 s, job 3.5 s, four idle copies ready to grab a message that reappears.
        var config = LocalRunHarness.ShellJobConfig("LongRun", "echo run >> \"$1/runs.txt\"; sleep 3.5; echo ok > \"$2/out.txt\"", "{shared}", "{output_dir}") with { VisibilitySeconds = 1 };
        await using var harness = new LocalRunHarness(config);
        var jobs = harness.WriteNumberedJobs(1);

        // Act
        var result = await harness.RunToEndAsync(jobs);

        // Assert
        Assert.Single(File.ReadAllLines(Path.Combine(harness.Shared, "runs.txt")));
        Assert.Equal(1, result.Final.Succeeded);
        Assert.Single(await harness.Run.AttemptsAsync());
    }

    [Fact]
    public async Task Resubmitting_a_finished_job_file_with_check_if_done_runs_no_job_again()
    {
        // Arrange
        var config = LocalRunHarness.ShellJobConfig("DoneRun", "echo \"$2\" >> \"$1/runs.txt\"; echo ok > \"$3/out.txt\"", "{shared}", "{job_id}", "{output_dir}") with
        {
            CheckIfDone = new Fleetbook.Configuration.CheckIfDone(Enabled: true, ExpectedFiles: 1),
        };
        await using var harness = new LocalRunHarness(config);
        var jobs = harness.WriteNumberedJobs(12);
        await harness.RunToEndAsync(jobs);

        // Act
        await harness.RunToEndAsync(jobs);

        // Assert
        Assert.Equal(12, File.ReadAllLines(Path.Combine(harness.Shared, "runs.txt")).Length);
        var attempts = await harness.Run.AttemptsAsync();
        Assert.Equal(12, attempts.Count(a => a.Outcome == AttemptOutcome.SkippedDone));
    }

    [Fact]
    public async Task A_stopped_worker_returns_its_message_and_exits_cleanly()
    {
        // Arrange: one copy holding a long job.
        var config = LocalRunHarness.ShellJobConfig("StopRun", "sleep 30", "{job_id}") with { Machines = 1, DockerCores = 1, VisibilitySeconds = 60 };
        await using var harness = new LocalRunHarness(config);
        var jobs = harness.WriteNumberedJobs(1);
        await harness.Run.SetupAsync();
        await harness.Run.SubmitAsync(jobs);
        await harness.Run.StartAsync();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((await harness.Run.StatusAsync()).InFlight == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        // Act: SIGTERM, as ECS or cleanup sends it.
        var stopped = await harness.Run.Backend.Fleet.StopAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
        var status = await harness.Run.StatusAsync();

        // Assert: the message is visible again at once, not after the 60 s visibility timeout.
        Assert.Equal(1, stopped);
        Assert.Equal((1L, 0L), (status.Visible, status.InFlight));
        var attempt = Assert.Single(await harness.Run.AttemptsAsync());
        Assert.Equal(AttemptOutcome.Killed, attempt.Outcome);
    }

    [Fact]
    public async Task A_secret_in_the_program_environment_reaches_the_program_but_no_file_of_the_run_state()
    {
        // Arrange
        const string secret = "s3cr3t-token-value-9241";
        var config = LocalRunHarness.ShellJobConfig("SecretRun", "printf %s \"$API_TOKEN\" > \"$1/token.txt\"", "{output_dir}") with
        {
            Environment = new Dictionary<string, string> { ["API_TOKEN"] = secret },
        };
        await using var harness = new LocalRunHarness(config);
        var jobs = harness.WriteNumberedJobs(2);
        await harness.Run.SetupAsync();
        await harness.Run.SubmitAsync(jobs);
        await harness.Run.StartAsync();

        // Act: replenish as a second process would, then run to the end.
        await harness.Backend.LocalFleet.ReplenishAsync(CancellationToken.None);
        await harness.MonitorAsync();

        // Assert
        var outputs = harness.BucketFiles("results/").Where(k => k.EndsWith("token.txt", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, outputs.Count);
        Assert.All(outputs, key => Assert.Equal(secret, File.ReadAllText(Path.Combine(harness.Backend.BucketDirectory, key))));
        foreach (var file in Directory.EnumerateFiles(harness.Backend.StateDirectory, "*", SearchOption.AllDirectories))
        {
            Assert.DoesNotContain(secret, File.ReadAllText(file));
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
}

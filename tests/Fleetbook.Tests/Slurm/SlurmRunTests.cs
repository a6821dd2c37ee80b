using System.Text.RegularExpressions;
using Fleetbook.Journal;

namespace Fleetbook.Tests.Slurm;

/// <summary>Whole runs on a real Slurm cluster: the workers are Slurm jobs, the queue is the shared-folder queue.</summary>
[Collection(SlurmCollection.Name)]
public sealed class SlurmRunTests
{
    [SlurmFact]
    public async Task Five_hundred_jobs_run_across_several_Slurm_workers_and_every_output_holds_its_own_job()
    {
        // Arrange: four workers of one CPU each (on a two-CPU node two run at a time, two wait for Resources). Each job
        // takes 20 ms, so that the run outlasts the start of the array's later tasks: trivial jobs all went to the first.
        var config = SlurmRunHarness.ShellConfig("Slurm500", "printf 'job %s done\\n' \"$1\" > \"$2/out.txt\"; sleep 0.02", workers: 4);
        await using var run = new SlurmRunHarness(config);
        var jobFile = run.WriteNumberedJobs(500);

        // Act
        await run.SubmitAndStartAsync(jobFile);
        var result = await run.MonitorAsync(TimeSpan.FromMinutes(5));

        // Assert: every job's output, by content, exactly once.
        Assert.Equal(500, result.Final.Succeeded);
        Assert.Equal(0, result.Final.DeadLetter);
        var results = Path.Combine(run.Backend.Folders.BucketDirectory, "results");
        for (var n = 1; n <= 500; n++)
        {
            var id = n.ToString("0000", System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal($"job {id} done\n", await File.ReadAllTextAsync(Path.Combine(results, id, "out.txt")));
        }

        Assert.Equal(500, Directory.GetDirectories(results).Length);
        var attempts = await run.AttemptsAsync();
        Assert.All(attempts.GroupBy(a => a.MessageId), job => Assert.Single(job, a => a.Outcome == AttemptOutcome.Succeeded));
        Assert.Equal(500, attempts.Select(a => a.MessageId).Distinct().Count());
        var workers = attempts.Select(a => a.Worker.Split('/')[0]).Distinct().ToList();
        Assert.True(workers.Count >= 2, $"the jobs should spread over several workers, but only {string.Join(", ", workers)} took any");
        Assert.All(workers, w => Assert.StartsWith("slurm-", w));
        Assert.NotNull(result.Cleanup);
        Assert.Empty(SlurmCluster.ActiveJobs(run.Backend.Names.JobName));
    }

    [SlurmFact]
    public async Task Cancelling_a_worker_mid_job_returns_its_job_and_no_job_runs_twice_to_completion()
    {
        // Arrange: each job notes its start and its end in the shared folder; job 0001 takes long enough to be caught.
        var script = "echo start >> \"$3/$1.log\"; if [ \"$1\" = 0001 ]; then sleep 8; else sleep 1; fi; echo done >> \"$3/$1.log\"; echo \"$1\" > \"$2/out.txt\"";
        var config = SlurmRunHarness.ShellConfig("SlurmCancel", script, workers: 2);
        await using var run = new SlurmRunHarness(config);
        var jobFile = run.WriteNumberedJobs(6);
        await run.SubmitAndStartAsync(jobFile);

        // Act: once job 0001 has started, cancel the worker that runs it, as a user's scancel would.
        var marker = Path.Combine(run.Shared, "0001.log");
        await SlurmRunHarness.WaitForAsync(() => Task.FromResult(File.Exists(marker)), "job 0001 to start");
        var worker = await WorkerRunningAsync(run, "0001");
        SlurmCluster.Run("scancel", worker["slurm-".Length..]);
        var result = await run.MonitorAsync();

        // Assert: the job came back and ran again; every job finished exactly once.
        Assert.Equal(6, result.Final.Succeeded);
        Assert.Equal(0, result.Final.DeadLetter);
        for (var n = 1; n <= 6; n++)
        {
            var lines = await File.ReadAllLinesAsync(Path.Combine(run.Shared, $"000{n}.log"));
            Assert.Single(lines, l => l == "done");
        }

        Assert.Equal(2, (await File.ReadAllLinesAsync(marker)).Count(l => l == "start"));
        var attempts = (await run.AttemptsAsync()).Where(a => a.JobId == "0001").OrderBy(a => a.Attempt).ToList();
        var killed = Assert.Single(attempts, a => a.Outcome == AttemptOutcome.Killed);
        Assert.Contains("was cancelled (scancel", killed.Detail);
        Assert.Contains("went back to the queue", killed.Detail);
        Assert.Equal(worker, killed.Worker.Split('/')[0]);
        Assert.Single(attempts, a => a.Outcome == AttemptOutcome.Succeeded);
    }

    [SlurmFact]
    public async Task A_worker_that_reaches_its_Slurm_time_limit_returns_its_job_and_the_attempt_says_time_limit()
    {
        // Arrange: a one-minute time limit, and a job that outlasts it the first time only.
        var script = "if [ -e \"$3/$1.once\" ]; then echo again > \"$2/out.txt\"; else touch \"$3/$1.once\"; sleep 300; fi";
        var config = SlurmRunHarness.ShellConfig("SlurmLimit", script, workers: 1) with { VisibilitySeconds = 60 };
        config = config with { Slurm = config.Slurm.WithTimeLimit("1") };
        await using var run = new SlurmRunHarness(config);
        var jobFile = run.WriteNumberedJobs(1);

        // Act: Slurm ends the worker after a minute (it checks limits every 30 s); monitor submits another, which finishes the job.
        await run.SubmitAndStartAsync(jobFile);
        var result = await run.MonitorAsync(TimeSpan.FromMinutes(4));

        // Assert
        Assert.Equal(1, result.Final.Succeeded);
        var attempts = (await run.AttemptsAsync()).OrderBy(a => a.Attempt).ToList();
        Assert.Equal(AttemptOutcome.Killed, attempts[0].Outcome);
        Assert.Contains("at its time limit", attempts[0].Detail);
        Assert.Equal(AttemptOutcome.Succeeded, attempts[^1].Outcome);
        Assert.NotEqual(attempts[0].Worker, attempts[^1].Worker);
    }

    /// <summary>
    /// The worker (slurm-ARRAY_TASK) running <paramref name="jobId"/>: the job's log names the work folder it runs in,
    /// which is named after its worker.
    /// </summary>
    private static async Task<string> WorkerRunningAsync(SlurmRunHarness run, string jobId)
    {
        var log = Path.Combine(run.Backend.Folders.Logs, "jobs", jobId + ".log");
        string? worker = null;
        await SlurmRunHarness.WaitForAsync(() =>
        {
            var match = File.Exists(log) ? Regex.Match(File.ReadAllText(log), @"/(?<worker>slurm-\d+_\d+)/copy") : Match.Empty;
            worker = match.Success ? match.Groups["worker"].Value : null;
            return Task.FromResult(worker is not null);
        }, $"the worker of job {jobId}");
        return worker!;
    }
}

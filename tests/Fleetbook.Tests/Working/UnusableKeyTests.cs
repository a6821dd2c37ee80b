using Fleetbook.Journal;
using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Working;

public class UnusableKeyTests
{
    [Fact]
    public async Task Jobs_whose_values_cannot_be_bucket_keys_fail_with_the_reason_and_the_worker_goes_on()
    {
        // Arrange: messages as they could reach a worker (sent straight to the queue, past any check at submit), the
        // good one last, for one worker copy.
        var config = LocalRunHarness.ShellJobConfig("BadKeys", "echo ok > \"$1/out.txt\"", "{output_dir}") with { Machines = 1, DockerCores = 1, MaxReceives = 1 };
        await using var harness = new LocalRunHarness(config);
        await harness.Run.SetupAsync();
        var queue = (await harness.Run.Backend.Queues.OpenAsync(config.EffectiveQueueName, CancellationToken.None))!;
        string[] values = ["..", ".", "/abs", "a\\u0000b", "good"];
        await queue.SendBatchAsync(values.Select(v => $"{{\"group\": {{\"x\": \"{v}\"}}}}").ToList(), CancellationToken.None);

        // Act
        await harness.Run.StartAsync();
        var result = await harness.MonitorAsync();

        // Assert: each bad job failed once, with why, and went to the dead letters; the worker ran the good one after them.
        var attempts = await harness.Run.AttemptsAsync();
        var bad = attempts.Where(a => a.JobId != "good").ToList();
        Assert.Equal(4, bad.Count);
        Assert.All(bad, a => Assert.Equal(AttemptOutcome.InputProblem, a.Outcome));
        Assert.All(bad, a => Assert.Contains("(from \"outputs\": \"results/{job_id}\") cannot be a bucket key", a.Detail));
        Assert.Contains(bad, a => a.Detail!.Contains("control character \\x00", StringComparison.Ordinal) && a.Detail.Contains("\\u0000", StringComparison.Ordinal));
        Assert.Equal(AttemptOutcome.Succeeded, Assert.Single(attempts, a => a.JobId == "good").Outcome);
        Assert.Equal(4, result.Final.DeadLetter);
        Assert.Equal(["results/good/out.txt"], harness.BucketFiles());
        var workerLog = File.ReadAllText(Path.Combine(harness.Backend.StateDirectory, "logs", "workers", "worker1.log"));
        Assert.DoesNotContain("Unhandled exception", workerLog);
        Assert.DoesNotContain("   at ", workerLog);
    }
}

using Fleetbook.Backends.SharedFolder;
using Fleetbook.Backends.Slurm;
using Fleetbook.Configuration;
using Fleetbook.Journal;
using Fleetbook.Queues;
using Fleetbook.Steps;
using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Slurm;

/// <summary>Monitor on Slurm ends the attempts of workers that died without a word, with Slurm's reason, and returns their jobs at once.</summary>
public sealed class SlurmTendingTests : IDisposable
{
    private readonly TempFolder _folder = new("slurm-tending");

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("NODE_FAIL", AttemptOutcome.LostWorker, "the node of the worker's job 12_0 failed")]
    [InlineData("TIMEOUT", AttemptOutcome.Killed, "Slurm ended the worker's job 12_0 at its time limit")]
    [InlineData("PREEMPTED", AttemptOutcome.Killed, "Slurm preempted the worker's job 12_0")]
    public async Task A_worker_whose_Slurm_job_ended_mid_job_gets_its_attempt_ended_with_Slurms_reason_and_its_job_back(string state, AttemptOutcome outcome, string reason)
    {
        // Arrange: worker slurm-12_0 received a job and journaled it running; then Slurm ended its job without a word from it.
        var config = new RunConfig { AppName = "Tended", Backend = BackendKind.Slurm, Command = ["true"] };
        var names = new SlurmRunNames(config.AppName, Path.Combine(_folder.Path, ".fleetbook", config.AppName));
        var slurm = FakeSlurm.Cluster().Answer("squeue", "--name=", $"12_0|{state}|None|n01|{names.JobName}|{names.Marker}\n12_1|RUNNING|None|n02|{names.JobName}|{names.Marker}\n");
        await using var run = FleetRun.Create(config, _folder.Path, backend: new SlurmBackend(config, _folder.Path, TimeProvider.System, slurm));
        await run.SetupAsync();
        var queue = (await run.Backend.Queues.OpenAsync(config.EffectiveQueueName, default))!;
        await queue.SendBatchAsync(["{\"group\": {\"n\": \"7\"}}"], default);
        var workerQueue = SharedFolderQueue.OpenUrl(queue.Url, TimeProvider.System);
        var received = Assert.Single(await workerQueue.ReceiveAsync(1, TimeSpan.Zero, default));
        var worker = new SharedFolderJournal(Path.Combine(names.StateDirectory, "journal"), "slurm-12_0");
        await worker.RecordAsync(new JobAttempt(received.MessageId, "7", 1, "slurm-12_0/copy0", DateTimeOffset.UtcNow), default);

        // Act
        var actions = await run.Backend.TendAsync(await run.StatusAsync(), default);

        // Assert
        var attempt = Assert.Single(await run.AttemptsAsync());
        Assert.Equal(outcome, attempt.Outcome);
        Assert.StartsWith(reason, attempt.Detail);
        Assert.EndsWith("the job went back to the queue", attempt.Detail);
        Assert.Contains(actions, a => a.StartsWith("worker slurm-12_0 ended", StringComparison.Ordinal));
        Assert.Equal(new QueueCounts(1, 0), await queue.GetCountsAsync(default));
        Assert.Equal(2, Assert.Single(await workerQueue.ReceiveAsync(1, TimeSpan.Zero, default)).ReceiveCount);
    }
}

using Fleetbook.Backends.SharedFolder;
using Fleetbook.Journal;

namespace Fleetbook.Backends.Slurm;

/// <summary>
/// What monitor does on Slurm at each poll besides watching: a worker whose Slurm job ended while the journal still has
/// it running a job (its node failed, SIGKILL came before it could answer) gets that attempt ended with Slurm's word for
/// why, and the job is made visible again at once instead of after its visibility timeout. Workers that keep failing
/// at once are reported with the end of their own log.
/// </summary>
internal sealed class SlurmTending(SlurmFleet fleet, SharedFolderQueueService queues, string queueName, IJobJournal journal, SlurmRunFolders folders, TimeProvider time)
{
    private readonly HashSet<string> _reportedFailures = new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<string>> TendAsync(CancellationToken cancellationToken)
    {
        var actions = new List<string>();
        var ended = (await fleet.RunJobsAsync(cancellationToken)).Where(j => !j.IsActive).ToDictionary(j => j.WorkerId, StringComparer.Ordinal);
        if (ended.Count == 0)
        {
            return actions;
        }

        var queue = queues.Open(queueName);
        await foreach (var attempt in journal.AllAsync(cancellationToken))
        {
            if (attempt.Outcome != AttemptOutcome.Running || !ended.TryGetValue(attempt.Worker.Split('/')[0], out var job))
            {
                continue;
            }

            var lost = job.State is "NODE_FAIL" or "BOOT_FAIL" or "FAILED" or "OUT_OF_MEMORY" or "COMPLETED";
            var returned = queue?.ReturnNow(attempt.MessageId, attempt.Attempt) == true;
            var detail = $"{Worker.SlurmStopReason.Explain(job.Id, null, job.State, job.Reason)} (monitor found the job {job.State}); " +
                         (returned ? "the job went back to the queue" : "the job comes back to the queue after its visibility timeout");
            await journal.RecordAsync(attempt with { Ended = time.GetUtcNow(), Outcome = lost ? AttemptOutcome.LostWorker : AttemptOutcome.Killed, Detail = detail }, cancellationToken);
            actions.Add($"worker {job.WorkerId} ended ({SlurmReasons.ExplainEnd(job.State)}) while running job {attempt.JobId}: {detail}");
        }

        var failed = ended.Values.Where(j => j.State == "FAILED").ToList();
        if (failed.Count > 0 && ended.Values.All(j => j.State == "FAILED") && failed.Count >= 2 && _reportedFailures.Add(failed[^1].Id))
        {
            var log = Path.Combine(folders.WorkerLogs, $"slurm-{failed[^1].Id}.log");
            var last = File.Exists(log) ? File.ReadLines(log).Where(l => l.Trim().Length > 0).TakeLast(1).FirstOrDefault() : null;
            actions.Add($"{failed.Count} Slurm workers ended with an error and none ended well: see {log}" + (last is null ? "" : $" (it ends: {last.Trim()})"));
        }

        return actions;
    }
}

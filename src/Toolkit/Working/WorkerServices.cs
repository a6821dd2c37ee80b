using Fleetbook.Journal;
using Fleetbook.Logs;
using Fleetbook.Queues;
using Fleetbook.Storage;

namespace Fleetbook.Working;

/// <summary>The backend pieces a worker talks to: the job queue, the bucket, the journal and the logs.</summary>
public sealed record WorkerServices(IJobQueue Queue, IObjectStore Bucket, IJobJournal Journal, ILogStore Logs)
{
    /// <summary>Says why the worker is being stopped, where the platform can tell (Slurm: scancel, the time limit, preemption); null elsewhere.</summary>
    public IStopReason? StopReason { get; init; }

    /// <summary>Deletes a done job's message and journals it in one step, where the backend can (see <see cref="IJobCompletion"/>); null: one after the other.</summary>
    public IJobCompletion? Completion { get; init; }
}

/// <summary>Why a worker is being stopped, in words for the attempts it ends; null when it cannot be told.</summary>
public interface IStopReason
{
    Task<string?> ExplainAsync(CancellationToken cancellationToken);
}

using Fleetbook.Journal;
using Fleetbook.Logs;
using Fleetbook.Queues;
using Fleetbook.Storage;

namespace Fleetbook.Working;

/// <summary>The backend pieces a worker talks to: the job queue, the bucket, the journal and the logs.</summary>
public sealed record WorkerServices(IJobQueue Queue, IObjectStore Bucket, IJobJournal Journal, ILogStore Logs)
{
    /// <summary>Deletes a done job's message and journals it in one step, where the backend can (see <see cref="IJobCompletion"/>); null: one after the other.</summary>
    public IJobCompletion? Completion { get; init; }
}

using Fleetbook.Journal;
using Fleetbook.Logs;
using Fleetbook.Queues;
using Fleetbook.Storage;

namespace Fleetbook.Working;

/// <summary>The backend pieces a worker talks to: the job queue, the bucket, the journal and the logs.</summary>
public sealed record WorkerServices(IJobQueue Queue, IObjectStore Bucket, IJobJournal Journal, ILogStore Logs);

using Fleetbook.Configuration;
using Fleetbook.Fleet;
using Fleetbook.Journal;
using Fleetbook.Logs;
using Fleetbook.Queues;
using Fleetbook.Storage;

namespace Fleetbook.Backends;

/// <summary>The few interfaces the steps talk to. Local and AWS each provide one; the steps never know which.</summary>
public interface IRunBackend : IAsyncDisposable
{
    /// <summary>"local" or "aws", for displays.</summary>
    string Kind { get; }

    /// <summary>Where things live, in words (the state folder, the region and account).</summary>
    string Location { get; }

    IQueueService Queues { get; }

    IObjectStore Bucket { get; }

    IJobJournal Journal { get; }

    ILogStore Logs { get; }

    IFleet Fleet { get; }

    /// <summary>The environment every worker gets (the task definition's environment on AWS).</summary>
    IReadOnlyDictionary<string, string> WorkerEnvironment(string queueUrl);

    /// <summary>What setup will create or check, in the order it does it (for plan).</summary>
    IReadOnlyList<string> DescribeResources();

    /// <summary>
    /// Creates what the run needs beyond its queues (AWS: cluster, task definition, service, log groups), idempotently;
    /// returns one line per action. The local backend needs nothing more.
    /// </summary>
    Task<IReadOnlyList<string>> SetupAsync(Queues.QueueInfo queue, CancellationToken cancellationToken);

    /// <summary>Checks, before anything is launched, that start can succeed (with this fleet file, when there is one); every check with its outcome and fix.</summary>
    Task<IReadOnlyList<Steps.PreflightCheck>> PreflightAsync(FleetFileContents? fleetFile, CancellationToken cancellationToken);

    /// <summary>What monitor does on each poll besides watching (AWS: shrink the fleet to the jobs in flight, remove dead machines' alarms); one sentence per action.</summary>
    Task<IReadOnlyList<string>> TendAsync(Steps.RunStatus status, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>([]);

    /// <summary>The same backend, with the same connection settings, for another config (another run of the same account); null: open it as usual.</summary>
    IRunBackend? Reopen(RunConfig config, string projectDirectory) => null;

    /// <summary>Whether a cleanup was begun and not finished (AWS: the run state says so), so monitor finishes it even when the queue is already gone.</summary>
    Task<bool> CleanupPendingAsync(CancellationToken cancellationToken) => Task.FromResult(false);

    /// <summary>The runs this backend can see (AWS: by the fleetbook:run tag in the account and region), each with what is left of it.</summary>
    Task<IReadOnlyList<Steps.FoundRun>> FindRunsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Steps.FoundRun>>([]);

    /// <summary>What the run has cost so far and will cost to completion; null where it costs nothing (local).</summary>
    Task<Steps.RunCost?> EstimateCostAsync(Steps.RunStatus status, CancellationToken cancellationToken) =>
        Task.FromResult<Steps.RunCost?>(null);

    /// <summary>Removes what the run created, in the order that leaves nothing behind (AWS: Distributed-Something's order); resumable.</summary>
    Task<Steps.CleanupResult> CleanupAsync(CancellationToken cancellationToken);
}

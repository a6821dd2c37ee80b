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
}

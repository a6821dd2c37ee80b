using Fleetbook.Backends;
using Fleetbook.Backends.Aws.Sqs;
using Fleetbook.Backends.Aws.Storage;
using Fleetbook.Configuration;
using Fleetbook.Fleet;
using Fleetbook.Journal;
using Fleetbook.Logs;
using Fleetbook.Queues;
using Fleetbook.Storage;
using Fleetbook.Working;

namespace Fleetbook.Tests.Aws.Integration;

/// <summary>
/// The AWS pieces of this branch behind the steps' interface: SQS queues, an S3 bucket with the journal and the job
/// logs, and worker processes as the fleet (ECS comes later), all pointed at emulators on loopback.
/// </summary>
public sealed class AwsTestBackend(RunConfig config, SqsQueueService queues, S3ObjectStore bucket, WorkerProcessFleet fleet, IReadOnlyDictionary<string, string> awsEnvironment)
    : IRunBackend
{
    public string Kind => "aws";
    public string Location => $"emulated {config.Region}";
    public IQueueService Queues => queues;
    public IObjectStore Bucket => bucket;
    public IJobJournal Journal { get; } = new S3JobJournal(bucket, config.AppName);
    public ILogStore Logs { get; } = new S3LogStore(bucket, config.AppName, TimeProvider.System, TextWriter.Null);
    public IFleet Fleet => fleet;
    public WorkerProcessFleet Workers => fleet;

    /// <summary>The task definition's environment: the config's variables plus where AWS is and the dummy keys.</summary>
    public IReadOnlyDictionary<string, string> WorkerEnvironment(string queueUrl)
    {
        var environment = WorkerEnvironmentBuilder.Build(config, queueUrl, bucket.Name);
        foreach (var (name, value) in awsEnvironment)
        {
            environment[name] = value;
        }

        return environment;
    }

    public IReadOnlyList<string> DescribeResources() =>
        [$"dead-letter queue {config.EffectiveDeadLetterQueue}", $"job queue {config.EffectiveQueueName}", $"bucket {bucket.Name}", $"{config.WorkerCount} fleetbook-worker process(es)"];

    public Task<IReadOnlyList<string>> SetupAsync(QueueInfo queue, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<string>>([]);

    public Task<IReadOnlyList<Steps.PreflightCheck>> PreflightAsync(FleetFileContents? fleetFile, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Steps.PreflightCheck>>([new Steps.PreflightCheck("emulators", true, "SQS and S3 answer on loopback")]);

    public async Task<Steps.CleanupResult> CleanupAsync(CancellationToken cancellationToken)
    {
        var stopped = await fleet.StopAsync(TimeSpan.FromSeconds(10), cancellationToken);
        var deleted = await queues.DeleteAsync(config.EffectiveQueueName, cancellationToken);
        return new Steps.CleanupResult([$"stopped {stopped} worker(s)", .. deleted ? new[] { $"deleted queue {config.EffectiveQueueName}" } : []], [$"dead-letter queue {config.EffectiveDeadLetterQueue}"]);
    }

    public async ValueTask DisposeAsync() => await fleet.DisposeAsync();
}

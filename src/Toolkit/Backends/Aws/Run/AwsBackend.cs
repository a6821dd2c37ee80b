using Fleetbook.Backends.Aws.Capacity;
using Fleetbook.Backends.Aws.Sqs;
using Fleetbook.Backends.Aws.Storage;
using Fleetbook.Backends.Aws.Worker;
using Fleetbook.Configuration;
using Fleetbook.Fleet;
using Fleetbook.Journal;
using Fleetbook.Logs;
using Fleetbook.Queues;
using Fleetbook.Storage;
using Fleetbook.Working;

namespace Fleetbook.Backends.Aws.Run;

/// <summary>
/// A run on AWS: SQS queues, the S3 bucket (with the attempt journal), CloudWatch Logs, an ECS cluster, task definition
/// and service, and machines from a Spot Fleet or EC2 Fleet, or Fargate Spot tasks. What start launched is kept in a
/// state file here and in the bucket, so monitor and cleanup can be resumed from anywhere.
/// </summary>
public sealed partial class AwsBackend : IRunBackend
{
    private readonly RunConfig _config;
    private readonly AwsClients _aws;
    private readonly AwsBackendOptions _options;
    private readonly TimeProvider _time;
    private readonly Func<FleetMode, IMachineCapacity> _capacities;
    private readonly AwsRunStateStore _state;
    private readonly SqsQueueService _queues;
    private readonly AwsTending _tending;
    private readonly RunFinder _finder;

    private AwsBackend(RunConfig config, string projectDirectory, AwsClients aws, TimeProvider time, AwsBackendOptions options)
    {
        _config = config;
        _aws = aws;
        _time = time;
        _options = options;
        _capacities = mode => Capacities(mode, aws);
        StateFile = Path.GetFullPath(Path.Combine(projectDirectory, config.StateDir, config.AppName, "aws-run.json"));
        _state = new AwsRunStateStore(StateFile, aws.Bucket, config.AppName);
        _queues = new SqsQueueService(aws.Sqs, SqsQueueService.RunTags(config.AppName));
        _finder = new RunFinder(aws);
        _tending = new AwsTending(config, aws, _state, _capacities, _options, time);
        Journal = new S3JobJournal(aws.Bucket, config.AppName);
        Logs = JobLogsInBucket(config)
            ? new S3LogStore(aws.Bucket, config.AppName, time, TextWriter.Null)
            : new CloudWatchLogStore(aws.Logs, config.EffectiveLogGroup, time, TextWriter.Null);
        AwsFleet = new AwsFleet(config, aws, _state, _capacities, _options, time);
    }

    /// <summary>Opens the clients for the config's region (endpoints and credentials from the environment, as the SDKs do).</summary>
    public static AwsBackend Open(RunConfig config, string projectDirectory, TimeProvider time, AwsBackendOptions? options = null)
    {
        options ??= new AwsBackendOptions();
        // Before any client exists: a refused config leaves nothing open.
        WorkerTaskDefinition.RefuseSecrets(config.Environment);
        return new AwsBackend(config, projectDirectory, AwsClients.Open(config, time, options), time, options);
    }

    /// <summary>Where this machine keeps the run's state (a copy is in the bucket).</summary>
    public string StateFile { get; }

    public AwsClients Clients => _aws;
    public AwsFleet AwsFleet { get; }

    public string Kind => "aws";
    public string Location => $"AWS {_config.Region}, cluster {_config.Cluster}, bucket s3://{_config.Bucket}";
    public IQueueService Queues => _queues;
    public IObjectStore Bucket => _aws.Bucket;
    public IJobJournal Journal { get; }
    public ILogStore Logs { get; }
    public IFleet Fleet => AwsFleet;

    public Task<AwsRunState?> LoadStateAsync(CancellationToken cancellationToken = default) => _state.LoadAsync(cancellationToken);

    /// <summary>The task definition's environment: the worker's contract (no credentials: those come from the task role).</summary>
    public IReadOnlyDictionary<string, string> WorkerEnvironment(string queueUrl) =>
        WorkerEnvironmentBuilder.Build(_config, queueUrl, _config.Bucket);

    public IReadOnlyList<string> DescribeResources()
    {
        var names = new AwsRunNames(_config);
        var capacity = _config.FleetMode switch
        {
            FleetMode.FargateSpot => $"Fargate Spot tasks in subnets {string.Join(", ", _config.Subnets)} (at start)",
            FleetMode.Ec2Fleet => $"EC2 Fleet of {_config.Machines} × {string.Join("/", _config.MachineTypes)} from {_config.FleetFile}, via a launch template (at start)",
            _ => $"Spot Fleet of {_config.Machines} × {string.Join("/", _config.MachineTypes)} from {_config.FleetFile} (at start)",
        };
        return
        [
            $"SQS dead-letter queue {_config.EffectiveDeadLetterQueue}",
            $"SQS queue {_config.EffectiveQueueName} (visibility {_config.VisibilitySeconds} s, {_config.MaxReceives} receives before dead letters)",
            $"ECS cluster {names.Cluster} (created if missing)",
            $"log groups {names.LogGroup} and {names.PerInstanceLogGroup} (kept {_config.LogRetentionDays} days)",
            $"task definition {names.TaskFamily}: container {names.Container}, image {_config.Image}, {_config.EffectiveCpuShares} CPU units, {_config.Memory} MB",
            $"ECS service {names.Service} at 0 tasks until start",
            capacity,
            $"every resource tagged fleetbook:run={_config.AppName}",
        ];
    }

    public async Task<IReadOnlyList<string>> SetupAsync(QueueInfo queue, CancellationToken cancellationToken)
    {
        var (actions, clusterCreated) = await new AwsSetup(_config, _aws).RunAsync(WorkerEnvironment(queue.Url), cancellationToken);
        var state = await _state.LoadAsync(cancellationToken);
        if (state is null || state.CleanedAt is not null || clusterCreated)
        {
            var fresh = state is null || state.CleanedAt is not null ? new AwsRunState(_config.AppName, _config.Cluster, _config.FleetMode) : state;
            await _state.SaveAsync(fresh with { ClusterCreated = fresh.ClusterCreated || clusterCreated }, cancellationToken);
        }

        return actions;
    }

    public Task<Steps.CleanupResult> CleanupAsync(CancellationToken cancellationToken) =>
        new AwsCleanup(_config, _aws, AwsFleet, _queues, _state, _capacities, _finder, _options, _time).RunAsync(cancellationToken);

    public IRunBackend Reopen(RunConfig config, string projectDirectory) => Open(config, projectDirectory, _time, _options);

    public async Task<bool> CleanupPendingAsync(CancellationToken cancellationToken) =>
        await _state.LoadAsync(cancellationToken) is { CleanedAt: null, StartedAt: not null };

    public Task<IReadOnlyList<string>> TendAsync(Steps.RunStatus status, CancellationToken cancellationToken) => _tending.TendAsync(status, cancellationToken);

    public Task<IReadOnlyList<Steps.FoundRun>> FindRunsAsync(CancellationToken cancellationToken) => _finder.FindAsync(cancellationToken);

    private static bool JobLogsInBucket(RunConfig config) =>
        config.Environment.TryGetValue(AwsWorkerParts.JobLogsVariable, out var where) && string.Equals(where.Trim(), "s3", StringComparison.OrdinalIgnoreCase);

    public ValueTask DisposeAsync()
    {
        _aws.Dispose();
        return ValueTask.CompletedTask;
    }
}

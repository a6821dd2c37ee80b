using Fleetbook.Configuration;
using Fleetbook.Fleet;
using Fleetbook.Journal;
using Fleetbook.Logs;
using Fleetbook.Queues;
using Fleetbook.Storage;
using Fleetbook.Working;

namespace Fleetbook.Backends.Local;

/// <summary>
/// The embedded default: one state folder per run holding an SQLite queue (with the journal), the logs and the
/// fleet's worker processes; a folder as the bucket.
/// </summary>
public sealed class LocalBackend : IRunBackend
{
    private readonly RunConfig _config;

    public LocalBackend(RunConfig config, string projectDirectory, TimeProvider time)
    {
        _config = config;
        StateDirectory = Path.GetFullPath(Path.Combine(projectDirectory, config.StateDir, config.AppName));
        BucketDirectory = Path.GetFullPath(Path.Combine(projectDirectory, config.Bucket));
        DatabasePath = Path.Combine(StateDirectory, "queue.db");
        Queues = new SqliteQueueService(DatabasePath, time);
        Bucket = new FolderObjectStore(BucketDirectory);
        Journal = new SqliteJobJournal(DatabasePath);
        Logs = new FileLogStore(Path.Combine(StateDirectory, "logs"), time);
        LocalFleet = new LocalFleet(StateDirectory, time, () => WorkerEnvironment(SqliteQueueUrl.Format(DatabasePath, config.EffectiveQueueName)));
    }

    public string StateDirectory { get; }
    public string BucketDirectory { get; }
    public string DatabasePath { get; }

    public string Kind => "local";
    public string Location => StateDirectory;
    public IQueueService Queues { get; }
    public IObjectStore Bucket { get; }
    public IJobJournal Journal { get; }
    public ILogStore Logs { get; }
    public IFleet Fleet => LocalFleet;

    public LocalFleet LocalFleet { get; }

    public IReadOnlyDictionary<string, string> WorkerEnvironment(string queueUrl)
    {
        var environment = WorkerEnvironmentBuilder.Build(_config, queueUrl, BucketDirectory);
        environment[Working.WorkerEnvironment.State] = StateDirectory;
        environment[Working.WorkerEnvironment.WorkDir] = Path.Combine(StateDirectory, "work");
        return environment;
    }

    public IReadOnlyList<string> DescribeResources() =>
    [
        $"dead-letter queue {_config.EffectiveDeadLetterQueue} in {DatabasePath}",
        $"job queue {_config.EffectiveQueueName} (visibility {_config.VisibilitySeconds} s, {_config.MaxReceives} receives before dead letters)",
        $"bucket folder {BucketDirectory}",
        $"{_config.WorkerCount} worker process(es) × {_config.DockerCores} copies, logs in {Path.Combine(StateDirectory, "logs")}",
    ];

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>The pieces a worker process needs, opened from its queue URL and settings.</summary>
    public static WorkerServices OpenForWorker(WorkerSettings settings, TimeProvider time)
    {
        var queue = SqliteJobQueue.OpenUrl(settings.QueueUrl, time);
        var database = queue.DatabasePath;
        var state = settings.StateDir ?? Path.GetDirectoryName(database)!;
        return new WorkerServices(
            queue,
            new FolderObjectStore(settings.Bucket),
            new SqliteJobJournal(database),
            new FileLogStore(Path.Combine(state, "logs"), time));
    }
}

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
    private readonly string _projectDirectory;
    private readonly SqliteQueueService _queues;

    public LocalBackend(RunConfig config, string projectDirectory, TimeProvider time)
    {
        _config = config;
        _projectDirectory = Path.GetFullPath(projectDirectory);
        StateDirectory = Path.GetFullPath(Path.Combine(projectDirectory, config.StateDir, config.AppName));
        BucketDirectory = Path.GetFullPath(Path.Combine(projectDirectory, config.Bucket));
        DatabasePath = Path.Combine(StateDirectory, "queue.db");
        _queues = new SqliteQueueService(DatabasePath, time);
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
    public IQueueService Queues => _queues;
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

    public Task<IReadOnlyList<string>> SetupAsync(QueueInfo queue, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>([]);

    public Task<IReadOnlyList<Steps.PreflightCheck>> PreflightAsync(FleetFileContents? fleetFile, CancellationToken cancellationToken)
    {
        IReadOnlyList<Steps.PreflightCheck> checks;
        try
        {
            var command = WorkerLauncher.WorkerCommand();
            checks = [new Steps.PreflightCheck("worker program", true, $"workers start as {string.Join(' ', command)}")];
        }
        catch (Inputs.InputException ex)
        {
            var problem = ex.Problems[0];
            checks = [new Steps.PreflightCheck("worker program", false, problem.Message, problem.Fix)];
        }

        return Task.FromResult<IReadOnlyList<Steps.PreflightCheck>>([.. checks, .. Backends.ProgramChecks.For(_config, _projectDirectory)]);
    }

    /// <summary>
    /// Stops the workers and removes the job queue; keeps the dead-letter queue, the journal, the logs and the outputs.
    /// What it says it kept is what is there: a run that was never set up has no dead-letter queue to keep.
    /// </summary>
    public async Task<Steps.CleanupResult> CleanupAsync(CancellationToken cancellationToken)
    {
        var removed = new List<string>();
        var stopped = await Fleet.StopAsync(TimeSpan.FromSeconds(10), cancellationToken);
        removed.Add(stopped > 0 ? $"stopped {stopped} worker(s)" : "no worker was running");
        IJobQueue? deadLetters;
        try
        {
            if (await Queues.DeleteAsync(_config.EffectiveQueueName, cancellationToken))
            {
                removed.Add($"deleted queue {_config.EffectiveQueueName}");
            }

            deadLetters = await Queues.OpenAsync(_config.EffectiveDeadLetterQueue, cancellationToken);
        }
        catch (StateDatabaseException ex)
        {
            // The workers are stopped, which is what matters with a lost database; say what is left to do.
            return new Steps.CleanupResult(removed, [$"{ex.Path}: {ex.Problem} {ex.Fix}", "job logs", $"outputs in {Bucket.Name}"]);
        }

        var setUp = File.Exists(DatabasePath);
        if (!setUp)
        {
            removed.Add($"nothing else: {_config.AppName} was never set up here (there is no {DatabasePath})");
        }

        var kept = new List<string>();
        if (deadLetters is not null)
        {
            kept.Add($"dead-letter queue {_config.EffectiveDeadLetterQueue} (see 'fleetbook dlq list')");
        }

        var logs = Directory.Exists(Path.Combine(StateDirectory, "logs"));
        if (setUp || logs)
        {
            kept.Add(setUp && logs ? "job logs and the attempt journal" : setUp ? "the attempt journal" : "job logs");
        }

        if (Directory.Exists(BucketDirectory))
        {
            kept.Add($"outputs in {Bucket.Name}");
        }

        return new Steps.CleanupResult(removed, kept);
    }

    /// <summary>Closes the pooled connections to queue.db (the queue and the journal share them), so the run's folder can be removed.</summary>
    public ValueTask DisposeAsync()
    {
        _queues.ReleasePooledConnections();
        return ValueTask.CompletedTask;
    }

    /// <summary>The pieces a worker process needs, opened from its queue URL and settings.</summary>
    public static WorkerServices OpenForWorker(WorkerSettings settings, TimeProvider time)
    {
        var queue = SqliteJobQueue.OpenUrl(settings.QueueUrl, time);
        var database = queue.DatabasePath;
        var state = settings.StateDir ?? Path.GetDirectoryName(database)!;
        var journal = SqliteJobJournal.OpenExisting(database);
        return new WorkerServices(
            queue,
            new FolderObjectStore(settings.Bucket),
            journal,
            new FileLogStore(Path.Combine(state, "logs"), time))
        {
            Completion = new SqliteJobCompletion(queue, journal),
        };
    }
}

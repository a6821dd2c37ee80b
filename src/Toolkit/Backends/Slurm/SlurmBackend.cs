using System.Text.Json;
using Fleetbook.Backends.Local;
using Fleetbook.Backends.SharedFolder;
using Fleetbook.Configuration;
using Fleetbook.Fleet;
using Fleetbook.Journal;
using Fleetbook.Logs;
using Fleetbook.Queues;
using Fleetbook.Storage;
using Fleetbook.Steps;
using Fleetbook.Working;

namespace Fleetbook.Backends.Slurm;

/// <summary>
/// A run on a Slurm cluster, driven from its login node. The workers are Slurm jobs: one job array of machines ×
/// tasksPerMachine tasks, each a fleetbook-worker with dockerCores CPUs and memory MB. Everything they share lives in
/// the run's state folder on the cluster's shared file system: the queue (<see cref="SharedFolderQueue"/>, safe where
/// SQLite's locks are not), the journal (one file per worker), the logs, and the bucket folder.
/// </summary>
public sealed class SlurmBackend : IRunBackend
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(90);

    private readonly RunConfig _config;
    private readonly TimeProvider _time;
    private readonly ISlurmCommands _commands;
    private readonly SharedFolderQueueService _queues;
    private readonly SlurmTending _tending;

    public SlurmBackend(RunConfig config, string projectDirectory, TimeProvider time, ISlurmCommands? commands = null)
    {
        _config = config;
        _time = time;
        _commands = commands ?? new ProcessSlurmCommands();
        Folders = SlurmRunFolders.For(config, projectDirectory);
        Names = new SlurmRunNames(config.AppName, Folders.StateDirectory);
        Slurm = new SlurmClient(_commands);
        _queues = new SharedFolderQueueService(Folders.Queues, time);
        Bucket = new FolderObjectStore(Folders.BucketDirectory);
        Journal = new SharedFolderJournal(Folders.Journal, SharedFolderJournal.LoginWriter(), time);
        Logs = new FileLogStore(Folders.Logs, time);
        SlurmFleet = new SlurmFleet(Slurm, Names, Folders.StateDirectory, Submission, time);
        _tending = new SlurmTending(SlurmFleet, _queues, config.EffectiveQueueName, Journal, Folders, time);
    }

    public SlurmRunFolders Folders { get; }

    public SlurmRunNames Names { get; }

    public SlurmClient Slurm { get; }

    public SlurmFleet SlurmFleet { get; }

    public string Kind => "slurm";

    public string Location => $"Slurm, partition {PartitionName}; state in {Folders.StateDirectory}";

    public IQueueService Queues => _queues;

    public IObjectStore Bucket { get; }

    public IJobJournal Journal { get; }

    public ILogStore Logs { get; }

    public IFleet Fleet => SlurmFleet;

    private string PartitionName => _config.Slurm.Partition.Length > 0 ? _config.Slurm.Partition : "(the cluster's default)";

    private string QueueUrl => SharedFolderQueueUrl.Format(Folders.Queues, _config.EffectiveQueueName);

    public IReadOnlyDictionary<string, string> WorkerEnvironment(string queueUrl)
    {
        var environment = WorkerEnvironmentBuilder.Build(_config, queueUrl, Folders.BucketDirectory);
        environment[Working.WorkerEnvironment.State] = Folders.StateDirectory;
        if (_config.Slurm.Container.Length > 0)
        {
            var image = _config.Slurm.Container;
            environment[Working.WorkerEnvironment.Container] = image.Contains("://", StringComparison.Ordinal) ? image : Path.GetFullPath(image, Folders.ProjectDirectory);
            environment[Working.WorkerEnvironment.ContainerBinds] = JsonSerializer.Serialize(ContainerCommand.Binds(Folders.ProjectDirectory, Folders.BucketDirectory, Folders.StateDirectory));
        }

        return environment;
    }

    public IReadOnlyList<string> DescribeResources()
    {
        var slurm = _config.Slurm;
        return
        [
            $"dead-letter queue {_config.EffectiveDeadLetterQueue} and job queue {_config.EffectiveQueueName} as folders in {Folders.Queues} (one file per message; visibility {_config.VisibilitySeconds} s, {_config.MaxReceives} receives before dead letters)",
            $"bucket folder {Folders.BucketDirectory}",
            $"{_config.WorkerCount} worker(s) as one Slurm job array named {Names.JobName} in partition {PartitionName}: each {_config.DockerCores} CPU(s) and {_config.Memory} MB, time limit {(SlurmTime.TryParse(slurm.TimeLimit, out var limit) ? SlurmTime.Describe(limit) : "the partition's default")}"
                + (slurm.Account.Length > 0 ? $", account {slurm.Account}" : "") + (slurm.Qos.Length > 0 ? $", QOS {slurm.Qos}" : "")
                + (slurm.Container.Length > 0 ? $", in the image {slurm.Container}" : ""),
            $"logs in {Folders.Logs}, the attempt journal (one file per worker) in {Folders.Journal}",
        ];
    }

    public Task<IReadOnlyList<string>> SetupAsync(QueueInfo queue, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Folders.Journal);
        Directory.CreateDirectory(Folders.WorkerLogs);
        Directory.CreateDirectory(Folders.BucketDirectory);
        var where = FileSystems.Of(Folders.StateDirectory) is { } fileSystem ? $" ({fileSystem.Type})" : "";
        return Task.FromResult<IReadOnlyList<string>>([$"the run's folders are ready in {Folders.StateDirectory}{where}"]);
    }

    public Task<IReadOnlyList<PreflightCheck>> PreflightAsync(FleetFileContents? fleetFile, CancellationToken cancellationToken) =>
        new SlurmPreflight(_config, Slurm, Folders, WorkerLauncher.WorkerCommand, path => FileSystems.Of(path)).RunAsync(cancellationToken);

    public Task<IReadOnlyList<string>> TendAsync(RunStatus status, CancellationToken cancellationToken) => _tending.TendAsync(cancellationToken);

    public IRunBackend? Reopen(RunConfig config, string projectDirectory) => new SlurmBackend(config, projectDirectory, _time, _commands);

    /// <summary>The caller's jobs named like Fleetbook's workers, grouped by run.</summary>
    public async Task<IReadOnlyList<FoundRun>> FindRunsAsync(CancellationToken cancellationToken)
    {
        var jobs = (await Slurm.MyJobsAsync(cancellationToken)).Where(j => j.Name.StartsWith(SlurmRunNames.JobNamePrefix, StringComparison.Ordinal));
        return [.. jobs.GroupBy(j => j.Name[SlurmRunNames.JobNamePrefix.Length..], StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new FoundRun(g.Key,
            [
                $"{g.Count()} Slurm worker job(s): {g.Count(j => j.IsRunning)} running, {g.Count(j => j.IsPending)} pending (arrays {string.Join(", ", g.Select(j => j.ArrayJobId).Distinct(StringComparer.Ordinal))})",
            ]))];
    }

    /// <summary>
    /// Cancels every Slurm job of the run and waits until Slurm has let go of them (each worker returns its jobs to the
    /// queue first), then removes the job queue; keeps the dead letters, the journal, the logs and the outputs.
    /// </summary>
    public async Task<CleanupResult> CleanupAsync(CancellationToken cancellationToken)
    {
        var removed = new List<string>();
        var stopped = await SlurmFleet.StopAsync(StopGrace, cancellationToken);
        removed.Add(stopped > 0 ? $"cancelled {stopped} Slurm worker job(s) named {Names.JobName}" : $"no Slurm job of the run was left ({Names.JobName})");
        var left = (await SlurmFleet.RunJobsAsync(cancellationToken)).Where(j => j.IsActive).ToList();
        if (left.Count > 0)
        {
            removed.Add($"still ending in Slurm: {string.Join(", ", left.Select(j => $"{j.Id} ({j.State})"))}; 'squeue --me' shows when they are gone");
        }

        if (await Queues.DeleteAsync(_config.EffectiveQueueName, cancellationToken))
        {
            removed.Add($"deleted queue {_config.EffectiveQueueName}");
        }

        return new CleanupResult(removed,
        [
            $"dead-letter queue {_config.EffectiveDeadLetterQueue} (see 'fleetbook dlq list')",
            $"job logs, worker logs and the attempt journal in {Folders.StateDirectory}",
            $"outputs in {Bucket.Name}",
        ]);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private SlurmSubmission Submission(int workers)
    {
        var environment = new Dictionary<string, string>(InheritedEnvironment.From().Where(e => e.Key is not ("TMPDIR" or "TEMP" or "TMP")));
        foreach (var (name, value) in WorkerEnvironment(QueueUrl))
        {
            environment[name] = value;
        }

        var slurm = _config.Slurm;
        return new SlurmSubmission
        {
            Names = Names,
            Workers = workers,
            CpusPerWorker = _config.DockerCores,
            MemoryMb = _config.Memory,
            Partition = slurm.Partition,
            Account = slurm.Account,
            Qos = slurm.Qos,
            TimeLimit = slurm.TimeLimit,
            ExtraArguments = slurm.SbatchArguments,
            ProjectDirectory = Folders.ProjectDirectory,
            WorkerLogFolder = Folders.WorkerLogs,
            WorkerCommand = WorkerLauncher.WorkerCommand(),
            WorkDir = slurm.WorkDir,
            Environment = environment,
        };
    }
}

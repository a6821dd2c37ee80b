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

    public LocalBackend(RunConfig config, string projectDirectory, TimeProvider time)
    {
        _config = config;
        _projectDirectory = Path.GetFullPath(projectDirectory);
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

        return Task.FromResult<IReadOnlyList<Steps.PreflightCheck>>([.. checks, .. ProgramChecks()]);
    }

    /// <summary>
    /// The program a job starts: the command's first element, or with <c>"shell": true</c> /bin/sh and, when the script
    /// starts with a plain command that is not a shell builtin, that command.
    /// </summary>
    private IEnumerable<Steps.PreflightCheck> ProgramChecks()
    {
        const string installFix = "give the program's full path in \"command\", or install it";
        if (!_config.Shell)
        {
            var program = _config.Command.Count > 0 ? _config.Command[0] : "";
            var found = program.Contains('{') || CanStart(program);
            yield return new Steps.PreflightCheck("program", found, found ? $"'{program}' can be started" : $"'{program}' is neither a file nor on PATH", found ? null : installFix);
            yield break;
        }

        var shell = File.Exists(Jobs.ShellCommand.Shell);
        yield return new Steps.PreflightCheck("shell", shell, shell ? $"\"shell\": true runs the command with {Jobs.ShellCommand.Shell} -c" : $"\"shell\": true needs {Jobs.ShellCommand.Shell}, which this machine lacks",
            shell ? null : "write the command as an argument vector and set \"shell\": false");
        var templates = _config.Command.Select(text => Jobs.Template.TryParse(text, out _)).ToList();
        var first = templates.All(t => t is not null) ? Jobs.ShellScript.FirstCommand(templates!) : null;
        if (first is null)
        {
            yield return new Steps.PreflightCheck("program", true, "the shell script does not start with a plain command name, so the program it runs is not checked");
        }
        else if (Jobs.ShellScript.IsBuiltin(first))
        {
            yield return new Steps.PreflightCheck("program", true, $"the script starts with '{first}', a shell builtin");
        }
        else
        {
            var found = CanStart(first);
            yield return new Steps.PreflightCheck("program", found, found ? $"the script starts with '{first}', which can be started" : $"the script starts with '{first}', which is neither a file nor on PATH", found ? null : installFix);
        }
    }

    private bool CanStart(string program) =>
        program.Contains('/') ? File.Exists(Path.GetFullPath(program, _projectDirectory)) : OnPath(program);

    /// <summary>Stops the workers and removes the job queue; keeps the dead-letter queue, the journal, the logs and the outputs.</summary>
    public async Task<Steps.CleanupResult> CleanupAsync(CancellationToken cancellationToken)
    {
        var removed = new List<string>();
        var stopped = await Fleet.StopAsync(TimeSpan.FromSeconds(10), cancellationToken);
        removed.Add(stopped > 0 ? $"stopped {stopped} worker(s)" : "no worker was running");
        try
        {
            if (await Queues.DeleteAsync(_config.EffectiveQueueName, cancellationToken))
            {
                removed.Add($"deleted queue {_config.EffectiveQueueName}");
            }
        }
        catch (StateDatabaseException ex)
        {
            // The workers are stopped, which is what matters with a lost database; say what is left to do.
            return new Steps.CleanupResult(removed, [$"{ex.Path}: {ex.Problem} {ex.Fix}", "job logs", $"outputs in {Bucket.Name}"]);
        }

        return new Steps.CleanupResult(removed, [
            $"dead-letter queue {_config.EffectiveDeadLetterQueue} (see 'fleetbook dlq list')",
            "job logs and the attempt journal",
            $"outputs in {Bucket.Name}",
        ]);
    }

    private static bool OnPath(string program) =>
        program.Length > 0 && (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Any(folder => File.Exists(Path.Combine(folder, program)));

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

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

using System.Diagnostics;
using Fleetbook.Backends;
using Fleetbook.Backends.Local;
using Fleetbook.Configuration;
using Fleetbook.Display;
using Fleetbook.Fleet;
using Fleetbook.Inputs;
using Fleetbook.Jobs;
using Fleetbook.Journal;
using Fleetbook.Queues;

namespace Fleetbook.Steps;

/// <summary>
/// One run, driven step by step: plan → setup → submit → start → monitor (→ cleanup), plus status and
/// dead-letter tools. Every step returns a result record; nothing here writes to the console.
/// </summary>
public sealed class FleetRun : IAsyncDisposable, IDisposable
{
    // Jobs per call to the queue: the local queue sends them in one transaction, SQS in batches of 10 with 16 in flight, so a
    // large call keeps them all in flight but for its last round (at 1,000 the rounds at the end of each call cost SQS a tenth).
    private const int SubmitBatchSize = 10_000;

    // Jobs read ahead at a time while a batch is sent: few enough that the jobs in between threads stay in the GC's youngest
    // generation (read ahead by whole batches, they outlived it, and every collection had to go through them again).
    private const int ReadAheadJobs = 500;
    private readonly TimeProvider _time;

    private FleetRun(RunConfig config, string projectDirectory, IRunBackend backend, TimeProvider time)
    {
        Config = config;
        ProjectDirectory = projectDirectory;
        Backend = backend;
        _time = time;
    }

    public RunConfig Config { get; }

    /// <summary>The folder relative paths in the config are resolved against (the config file's folder).</summary>
    public string ProjectDirectory { get; }

    public IRunBackend Backend { get; }

    /// <summary>Loads <paramref name="configPath"/> (or the folder's fleetbook.json) and opens its backend.</summary>
    public static FleetRun Open(string configPath, TimeProvider? time = null)
    {
        var path = Directory.Exists(configPath) ? Path.Combine(configPath, RunConfig.DefaultFileName) : configPath;
        var config = ConfigFile.Load(path);
        return Create(config, Path.GetDirectoryName(Path.GetFullPath(path))!, time);
    }

    public static FleetRun Create(RunConfig config, string projectDirectory, TimeProvider? time = null, IRunBackend? backend = null)
    {
        var clock = time ?? TimeProvider.System;
        var directory = Path.GetFullPath(projectDirectory);
        return new FleetRun(config, directory, backend ?? CreateBackend(config, directory, clock), clock);
    }

    private static IRunBackend CreateBackend(RunConfig config, string directory, TimeProvider time) => config.Backend switch
    {
        BackendKind.Aws => Backends.Aws.Run.AwsBackend.Open(config, directory, time),
        BackendKind.Slurm => new Backends.Slurm.SlurmBackend(config, directory, time),
        _ => new LocalBackend(config, directory, time),
    };

    private QueueSpec Spec => new(Config.EffectiveQueueName, Config.VisibilitySeconds, Config.EffectiveDeadLetterQueue, Config.MaxReceives);

    public Task<RunPlan> PlanAsync(CancellationToken cancellationToken = default)
    {
        var notes = new List<string>();
        if (Config.Command.Count > 0)
        {
            notes.Add("Each job runs: " + string.Join(' ', Config.Command));
        }

        notes.Add($"{Config.WorkerCount} worker(s) × {Config.DockerCores} copies = {Config.WorkerCount * Config.DockerCores} jobs at a time.");
        if (Config.JobTimeoutSeconds == 0)
        {
            notes.Add("No per-job timeout: a job that hangs holds its worker until it is stopped (set jobTimeoutSeconds).");
        }

        return Task.FromResult(new RunPlan(Config, Backend.Kind, Backend.Location, Backend.DescribeResources(), notes));
    }

    public async Task<SetupResult> SetupAsync(CancellationToken cancellationToken = default)
    {
        var queue = await Backend.Queues.EnsureAsync(Spec, cancellationToken);
        var actions = new List<string>
        {
            queue.Created
                ? $"created queue {queue.Name} (visibility {Config.VisibilitySeconds} s, dead letters to {Config.EffectiveDeadLetterQueue} after {Config.MaxReceives} receives)"
                : queue.Updated ? $"updated queue {queue.Name} to the config's visibility and redrive" : $"queue {queue.Name} already set up",
        };
        actions.AddRange(await Backend.SetupAsync(queue, cancellationToken));
        return new SetupResult(queue, Config.EffectiveDeadLetterQueue, actions);
    }

    /// <summary>
    /// Reads and checks the whole job file before sending anything, then sends one message per job in batches, read again
    /// from the file as it is sent (never all in memory). A file that changed since it was checked is refused before anything
    /// is sent; one that changes while it is sent, or a queue that fails part-way, stops the submit with a
    /// <see cref="SubmitStoppedException"/> that says how many jobs were sent.
    /// </summary>
    public async Task<SubmitResult> SubmitAsync(string jobFile, JobFileFormat format = JobFileFormat.Auto, IProgress<SubmitProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var shellProblems = ConfigRules.ShellCommandProblems(Config, RunConfig.DefaultFileName, null).ToList();
        if (shellProblems.Count > 0)
        {
            throw new InputException(shellProblems);
        }

        // The file is checked whole first, then read again to send: only its checks' findings stay in memory, never its jobs.
        var source = JobFile.Open(jobFile, format, checkJobs: Templates());
        var queue = await Backend.Queues.OpenAsync(Config.EffectiveQueueName, cancellationToken)
            ?? throw new InputException(new InputProblem(jobFile, null, null, null, $"the queue {Config.EffectiveQueueName} does not exist, so nothing was submitted.", "run 'fleetbook setup' first."));
        source.EnsureUnchanged();

        var watch = Stopwatch.StartNew();
        var sent = 0;
        var failures = new List<SendFailure>();
        var offset = 0;
        var bodies = new List<string>(SubmitBatchSize);
        try
        {
            // The next jobs are read and built on a thread of their own while a batch is sent.
            foreach (var jobs in ReadAhead.Batches(source.Jobs(), ReadAheadJobs))
            {
                bodies.AddRange(jobs.Select(job => job.Body));
                if (bodies.Count >= SubmitBatchSize)
                {
                    await SendAsync();
                }
            }

            if (bodies.Count > 0)
            {
                await SendAsync();
            }
        }
        catch (Exception ex) when (sent > 0 && ex is not OperationCanceledException)
        {
            throw new SubmitStoppedException(jobFile, sent, source.Count, ex);
        }

        return new SubmitResult(jobFile, source.Format, source.Count, sent, failures, watch.Elapsed);

        async Task SendAsync()
        {
            var result = await queue.SendBatchAsync(bodies, cancellationToken);
            sent += result.Sent;
            failures.AddRange(result.Failures.Select(f => f with { Index = f.Index + offset }));
            offset += bodies.Count;
            progress?.Report(new SubmitProgress(offset, source.Count));
            bodies = new List<string>(SubmitBatchSize);
        }
    }

    /// <summary>
    /// Starts the workers. On AWS with machines, the fleet file (<paramref name="fleetFile"/>, else the config's) is merged and
    /// launched, then start waits for capacity up to startTimeoutSeconds; the local backend only checks a given fleet file.
    /// </summary>
    public async Task<StartResult> StartAsync(string? fleetFile = null, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        var notes = new List<string>();
        var fleet = ResolveFleetFile(fleetFile);
        if (fleet is not null && Backend.Kind != "aws")
        {
            notes.Add(Backend.Kind == "local"
                ? $"{fleet.Path} is a valid fleet file ({fleet.LaunchSpecifications} launch specification(s)); the local backend runs workers on this machine and does not use it."
                : $"{fleet.Path} is a valid fleet file ({fleet.LaunchSpecifications} launch specification(s)); on {Backend.Kind} the workers are the scheduler's jobs, so it is not used.");
        }

        var queue = await Backend.Queues.OpenAsync(Config.EffectiveQueueName, cancellationToken)
            ?? throw new InputException(new InputProblem(RunConfig.DefaultFileName, null, null, "queueName", $"the queue {Config.EffectiveQueueName} does not exist, so no worker was started.", "run 'fleetbook setup' and 'fleetbook submit JOBFILE' first."));
        var preflight = new PreflightResult(await Backend.PreflightAsync(fleet, cancellationToken));
        if (!preflight.Ready)
        {
            throw new InputException(preflight.Problems
                .Select(p => new InputProblem("preflight", null, null, p.Name, p.Message.TrimEnd('.') + ".", p.Fix))
                .ToList());
        }

        var launch = new FleetLaunch(Config.WorkerCount, Backend.WorkerEnvironment(queue.Url), Backend.Kind == "aws" ? fleet : null, progress);
        var started = await Backend.Fleet.StartAsync(launch, cancellationToken);
        return new StartResult(started, Config.DockerCores, $"{started.Running} of {started.Desired} workers running, {Config.DockerCores} copies each", [.. notes, .. Notes(started)]);
    }

    private static IEnumerable<string> Notes(FleetStatus started) =>
        started.Description.Length > 0 && started.Machines is not null ? [started.Description] : [];

    /// <summary>
    /// The fleet file start and preflight use: the one given, else (on AWS with machines) the config's fleetFile, relative to
    /// the project folder. Fargate Spot needs none.
    /// </summary>
    private FleetFileContents? ResolveFleetFile(string? fleetFile)
    {
        if (fleetFile is not null)
        {
            return FleetFile.Read(Path.GetFullPath(fleetFile, ProjectDirectory));
        }

        if (Config.Backend != BackendKind.Aws || Config.FleetMode == FleetMode.FargateSpot)
        {
            return null;
        }

        var path = Path.GetFullPath(Config.FleetFile, ProjectDirectory);
        return File.Exists(path)
            ? FleetFile.Read(path)
            : throw new InputException(new InputProblem(RunConfig.DefaultFileName, null, null, "fleetFile",
                $"the fleet file {Config.FleetFile} does not exist (looked in {ProjectDirectory}).",
                "copy Distributed-Something's files/exampleFleet_us-east-1.json there and fill in your account, or set \"fleetFile\" (or \"fleetMode\": \"fargate-spot\", which needs none)."));
    }

    public async Task<RunStatus> StatusAsync(CancellationToken cancellationToken = default)
    {
        var queue = await Backend.Queues.OpenAsync(Config.EffectiveQueueName, cancellationToken);
        var deadLetters = await Backend.Queues.OpenAsync(Config.EffectiveDeadLetterQueue, cancellationToken);
        var counts = queue is null ? new QueueCounts(0, 0) : await queue.GetCountsAsync(cancellationToken);
        var dead = deadLetters is null ? new QueueCounts(0, 0) : await deadLetters.GetCountsAsync(cancellationToken);
        var journal = await Backend.Journal.CountsAsync(cancellationToken);
        var fleet = await Backend.Fleet.DescribeAsync(cancellationToken);
        var status = new RunStatus(_time.GetUtcNow(), queue is not null, counts.Visible, counts.InFlight, dead.Total, journal.Succeeded, journal.Failed, fleet, "");
        status = status with { Cost = await Backend.EstimateCostAsync(status, cancellationToken) };
        return status with { Explanation = StatusExplanation.Explain(status) };
    }

    /// <summary>
    /// Polls until the queue drains (restarting exited workers meanwhile), then cleans up. In a notebook host the run is
    /// shown live in one output (<see cref="MonitorOptions.LiveDisplay"/>); a <see cref="LiveMonitor"/> passed as
    /// <paramref name="progress"/> is completed with the result too.
    /// </summary>
    public async Task<MonitorResult> MonitorAsync(IProgress<RunStatus>? progress = null, MonitorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new MonitorOptions();
        var actions = options.Actions;
        var interval = options.PollInterval ?? TimeSpan.FromSeconds(Backend.Kind switch
        {
            "local" => MonitorOptions.DefaultLocalPollSeconds,
            "slurm" => MonitorOptions.DefaultSlurmPollSeconds,
            _ => MonitorOptions.DefaultAwsPollSeconds,
        });
        var started = _time.GetUtcNow();
        var live = LiveMonitor.For(options.LiveDisplay, Config, ProjectDirectory, _time);
        var timeline = new List<RunStatus>();
        DateTimeOffset? idleSince = null;
        RunStatus? previous = null;
        RunStatus status;
        while (true)
        {
            try
            {
                status = await StatusAsync(cancellationToken);
            }
            catch (Exception ex) when (timeline.Count > 0 && IsPassingTrouble(ex))
            {
                // The run's folder cannot be read or written for now (made read-only, a full disk): say so and look again.
                actions?.Report($"could not read the run's state: {ex.Message}; trying again at the next poll");
                await Task.Delay(interval, _time, cancellationToken);
                continue;
            }

            if (timeline.Count == 0 || Changed(timeline[^1], status))
            {
                timeline.Add(status);
            }

            progress?.Report(status);
            live?.Report(status);
            if (!status.QueueExists || status.IsDrained)
            {
                break;
            }

            idleSince = NothingCanRun(status) ? idleSince ?? _time.GetUtcNow() : null;
            if (idleSince is { } since && _time.GetUtcNow() - since >= options.NoWorkerPatience)
            {
                Completed(new MonitorResult(status, timeline, null, _time.GetUtcNow() - started, Completed: false));
                throw new InputException(new InputProblem("monitor", null, null, null,
                    $"{Formats.Plural(status.Visible, "job is", "jobs are")} waiting but no worker was started (workers {status.Fleet.Running}/{status.Fleet.Desired}), so nothing would ever run them and monitor would wait forever.",
                    "start the workers with 'fleetbook start' (from code: StartAsync), then monitor again."));
            }

            if (options.ReplenishWorkers && status.Visible > 0 && status.Fleet.Running < status.Fleet.Desired)
            {
                try
                {
                    await Backend.Fleet.ReplenishAsync(cancellationToken);
                }
                catch (Exception ex) when (IsPassingTrouble(ex))
                {
                    // A run folder that cannot be written now (read-only, full): say so and try again at the next poll.
                    actions?.Report($"could not restart the exited workers: {ex.Message}; trying again at the next poll");
                }
            }

            foreach (var action in await Backend.TendAsync(status, cancellationToken))
            {
                actions?.Report(action);
            }

            if (options.Timeout is { } limit && _time.GetUtcNow() - started >= limit)
            {
                return Completed(new MonitorResult(status, timeline, null, _time.GetUtcNow() - started, Completed: false));
            }

            await Task.Delay(MonitorPace.NextPoll(interval, previous, status), _time, cancellationToken);
            previous = status;
        }

        var cleanup = options.CleanupWhenDrained && (status.QueueExists || await Backend.CleanupPendingAsync(cancellationToken))
            ? await CleanupAsync(force: true, cancellationToken)
            : null;
        if (cleanup is not null)
        {
            status = await StatusAsync(cancellationToken);
            timeline.Add(status);
            progress?.Report(status);
            live?.Report(status);
        }

        return Completed(new MonitorResult(status, timeline, cleanup, _time.GetUtcNow() - started, Completed: true));

        MonitorResult Completed(MonitorResult result)
        {
            live?.Complete(result);
            (progress as LiveMonitor)?.Complete(result);
            return result;
        }
    }

    /// <summary>
    /// Removes what the run created (local: stops the workers and deletes the job queue); dead letters, logs and outputs
    /// are kept. While jobs are still waiting or running it refuses, touching nothing (an <see cref="InputException"/>
    /// saying how many jobs would be lost), unless <paramref name="force"/> is set. Monitor's own cleanup, once the queue
    /// has drained, needs no force.
    /// </summary>
    public async Task<CleanupResult> CleanupAsync(bool force = false, CancellationToken cancellationToken = default)
    {
        if (!force && await Backend.Queues.OpenAsync(Config.EffectiveQueueName, cancellationToken) is { } queue
            && await queue.GetCountsAsync(cancellationToken) is { Total: > 0 } left)
        {
            throw new InputException(new InputProblem("cleanup", null, null, null,
                $"{Formats.Plural(left.Total, "job", "jobs")} would be lost: {left.Visible} waiting and {left.InFlight} running or about to be retried in queue {Config.EffectiveQueueName}, and cleanup deletes the queue.",
                "let 'fleetbook monitor' finish the run (it cleans up once the queue drains), or discard the jobs with 'fleetbook cleanup --force' (from code: CleanupAsync(force: true))."));
        }

        return await Backend.CleanupAsync(cancellationToken);
    }

    /// <summary>
    /// Checks, touching nothing, that start can succeed (AWS: image, subnets, machine types, roles, bucket), with the fleet
    /// file start would use, and whether setup has been run: before setup every other check still runs, and the result
    /// says that setup comes first (<see cref="PreflightResult.QueueNotSetUp"/>) rather than that start can go ahead.
    /// </summary>
    public async Task<PreflightResult> PreflightAsync(string? fleetFile = null, CancellationToken cancellationToken = default)
    {
        var checks = await Backend.PreflightAsync(ResolveFleetFile(fleetFile), cancellationToken);
        try
        {
            var queue = await Backend.Queues.OpenAsync(Config.EffectiveQueueName, cancellationToken);
            return new PreflightResult(checks) { QueueNotSetUp = queue is null ? Config.EffectiveQueueName : null };
        }
        catch (Exception ex) when (ex is not StateDatabaseException && (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested))
        {
            // As every other check: one that cannot be made fails, with what went wrong, and the rest are still shown.
            return new PreflightResult([.. checks, new PreflightCheck("setup", false,
                $"could not tell whether setup has run (looked for the queue {Config.EffectiveQueueName}): {FleetbookDisplay.HideSecrets(ex.Message, Config).TrimEnd('.')}.",
                "check the credentials, the region and the network, then run preflight again.")]);
        }
    }

    public async Task<DeadLetterReport> DeadLettersAsync(int max = 1000, CancellationToken cancellationToken = default)
    {
        var queue = await Backend.Queues.OpenAsync(Config.EffectiveDeadLetterQueue, cancellationToken);
        var jobs = new List<DeadJob>();
        if (queue is not null)
        {
            foreach (var message in await queue.PeekAsync(max, cancellationToken))
            {
                var attempts = await Backend.Journal.AttemptsAsync(message.MessageId, cancellationToken);
                string jobId;
                try
                {
                    jobId = JobMessage.Parse(message.Body).JobId;
                }
                catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException or InvalidOperationException)
                {
                    jobId = "(unreadable message)";
                }

                jobs.Add(new DeadJob(message.MessageId, jobId, message.Body, attempts));
            }
        }

        return new DeadLetterReport(Config.EffectiveDeadLetterQueue, jobs);
    }

    /// <summary>Sends every dead letter back to the job queue (re-creating it if cleanup removed it).</summary>
    public async Task<RedriveResult> RedriveAsync(CancellationToken cancellationToken = default)
    {
        var deadLetters = await Backend.Queues.OpenAsync(Config.EffectiveDeadLetterQueue, cancellationToken);
        if (deadLetters is null)
        {
            return new RedriveResult(Config.EffectiveDeadLetterQueue, Config.EffectiveQueueName, 0);
        }

        await Backend.Queues.EnsureAsync(Spec, cancellationToken);
        var target = (await Backend.Queues.OpenAsync(Config.EffectiveQueueName, cancellationToken))!;
        var moved = 0;
        while (true)
        {
            var batch = await deadLetters.ReceiveAsync(10, TimeSpan.Zero, cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            var result = await target.SendBatchAsync(batch.Select(m => m.Body).ToList(), cancellationToken);
            var failed = result.Failures.Select(f => f.Index).ToHashSet();
            for (var i = 0; i < batch.Count; i++)
            {
                if (failed.Contains(i))
                {
                    await deadLetters.ChangeVisibilityAsync(batch[i].ReceiptHandle, TimeSpan.Zero, cancellationToken);
                    continue;
                }

                await deadLetters.DeleteAsync(batch[i].ReceiptHandle, cancellationToken);
                moved++;
            }

            if (failed.Count > 0)
            {
                break;
            }
        }

        return new RedriveResult(Config.EffectiveDeadLetterQueue, Config.EffectiveQueueName, moved);
    }

    /// <summary>The runs the backend can see (AWS: by the fleetbook:run tag in the config's account and region), with what is left of each.</summary>
    public async Task<RunsReport> FindRunsAsync(CancellationToken cancellationToken = default) =>
        new(Backend.Location, await Backend.FindRunsAsync(cancellationToken));

    /// <summary>The same project pointed at another run of the same account (for 'cleanup APP_NAME'): names are derived from <paramref name="appName"/>.</summary>
    public FleetRun ForApp(string appName)
    {
        var config = Config with { AppName = appName, QueueName = "", DeadLetterQueue = "", LogGroup = "" };
        return Create(config, ProjectDirectory, _time, Backend.Reopen(config, ProjectDirectory));
    }

    /// <summary>Every attempt the journal holds, oldest first.</summary>
    public async Task<IReadOnlyList<JobAttempt>> AttemptsAsync(CancellationToken cancellationToken = default)
    {
        var attempts = new List<JobAttempt>();
        await foreach (var attempt in Backend.Journal.AllAsync(cancellationToken))
        {
            attempts.Add(attempt);
        }

        return attempts;
    }

    private JobTemplates Templates() => new(
        [.. Config.Command.Select(Template.Parse)],
        Template.Parse(Config.Outputs),
        Config.DownloadFiles ? Template.Parse(Config.Inputs) : null,
        Config.Shell);

    /// <summary>Trouble that may pass by itself (the local state folder out of reach); a lost or damaged database does not.</summary>
    private static bool IsPassingTrouble(Exception ex) =>
        ex is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException;

    /// <summary>Jobs wait, none runs, and no worker is wanted: only a start can change that (a start may be on its way, hence the patience).</summary>
    private static bool NothingCanRun(RunStatus status) =>
        status.Visible > 0 && status.InFlight == 0 && status.Fleet.Desired == 0 && status.Fleet.Running == 0;

    private static bool Changed(RunStatus a, RunStatus b) =>
        a.Visible != b.Visible || a.InFlight != b.InFlight || a.DeadLetter != b.DeadLetter || a.Succeeded != b.Succeeded || a.Failed != b.Failed || a.Fleet != b.Fleet;

    public ValueTask DisposeAsync() => Backend.DisposeAsync();

    /// <summary>The same as <see cref="DisposeAsync"/>, for <c>use run = …</c> in F# and <c>using</c> blocks; it only releases clients.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}

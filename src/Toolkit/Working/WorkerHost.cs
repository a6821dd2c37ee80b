using Fleetbook.Journal;

namespace Fleetbook.Working;

/// <summary>
/// One worker: DOCKER_CORES copies of the job loop, started SECONDS_TO_START apart, each exiting once the
/// queue has stayed empty for the idle delay. Cancelling the token (SIGTERM) returns running jobs' messages.
/// Companions (on AWS: the resource monitor, the spot interruption watch) run beside the copies and may stop them.
/// The worker first takes its work folder (<see cref="WorkFolderLock"/>); it stops at once when another process holds
/// it, and stops early when its state database is lost. Nothing else ends it before the queue is drained: trouble with
/// one job ends that attempt, and trouble with the queue or the worker's own files makes it pause and try again.
/// </summary>
public sealed class WorkerHost(WorkerSettings settings, WorkerServices services, TimeProvider time, TextWriter output, IReadOnlyList<IWorkerCompanion>? companions = null)
{
    /// <summary>The exit code when the worker could not work at all: its folder was taken, or its state database is lost.</summary>
    public const int CannotWorkExitCode = 2;

    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(30);

    private readonly object _outputLock = new();
    private volatile string? _fatal;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var folder = WorkFolderLock.TryTake(settings.WorkerFolder, out var problem);
        if (folder is null)
        {
            Say($"worker {settings.WorkerId} cannot start: {problem}");
            return CannotWorkExitCode;
        }

        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var companionsEnd = new CancellationTokenSource();
        var control = new WorkerControl(stopping);
        var running = (companions ?? []).Select(c => Task.Run(() => c.RunAsync(control, companionsEnd.Token), CancellationToken.None)).ToList();
        try
        {
            await RunCopiesAsync(control, stopping.Token);
        }
        finally
        {
            await companionsEnd.CancelAsync();
            await EndAsync(running);
            folder.RemoveFolderAndRelease();
        }

        return _fatal is null ? 0 : CannotWorkExitCode;
    }

    private async Task RunCopiesAsync(WorkerControl control, CancellationToken stop)
    {
        Say($"worker {settings.WorkerId} polling {settings.QueueUrl} with {settings.DockerCores} copies in {settings.WorkerFolder}");
        var copies = new List<Task>();
        for (var index = 0; index < settings.DockerCores; index++)
        {
            if (index > 0 && settings.SecondsToStart > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(settings.SecondsToStart, time, stop);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }

            var name = $"copy{index}";
            copies.Add(CopyThread.RunAsync(() => LoopAsync(name, control, stop), name));
        }

        await Task.WhenAll(copies);
        Say(_fatal is { } fatal ? $"worker stopped: {fatal}"
            : stop.IsCancellationRequested ? "worker stopped"
            : control.Draining is { } draining ? $"worker exits: {draining}"
            : "queue stayed empty; worker exits");
    }

    /// <summary>A companion that fails is reported, never allowed to fail the worker.</summary>
    private async Task EndAsync(IReadOnlyList<Task> running)
    {
        foreach (var task in running)
        {
            try
            {
                await task;
            }
            catch (OperationCanceledException)
            {
            }
            catch (Exception ex)
            {
                Say($"WARNING: a worker companion failed: {ex.Message}");
            }
        }
    }

    private async Task LoopAsync(string copyName, WorkerControl control, CancellationToken stop)
    {
        var runner = new JobRunner(settings, services, time, copyName);
        var lastWork = time.GetUtcNow();
        var failures = 0;
        string? lastFailure = null;
        while (!stop.IsCancellationRequested)
        {
            if (control.Draining is { } draining)
            {
                Say($"{copyName}: {draining}; this copy takes no more jobs");
                return;
            }

            var idleFor = time.GetUtcNow() - lastWork;
            var remaining = settings.IdleExit - idleFor;
            if (remaining <= TimeSpan.Zero)
            {
                Say(lastFailure is null
                    ? $"{copyName}: no messages in the queue for {settings.IdleExit.TotalSeconds:0.#} s"
                    : $"{copyName}: no job for {settings.IdleExit.TotalSeconds:0.#} s because the queue could not be read (last: {lastFailure}); this copy exits, and monitor starts a new worker once the queue answers");
                return;
            }

            IReadOnlyList<Queues.QueueMessage> received;
            try
            {
                received = await services.Queue.ReceiveAsync(1, Min(remaining, TimeSpan.FromSeconds(20)), stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Backends.Local.StateDatabaseException ex)
            {
                StopForGood(control, ex.Message);
                return;
            }
            catch (Exception ex)
            {
                // The backend already retried (or the run's folder is not writable now): wait and poll again rather
                // than crash.
                failures++;
                lastFailure = ex.Message;
                var pause = Min(Backoff(failures), Max(remaining, TimeSpan.FromSeconds(1)));
                Say($"{copyName}: receiving failed ({ex.Message}); polling again in {pause.TotalSeconds:0} s");
                if (!await PauseAsync(pause, stop))
                {
                    return;
                }

                continue;
            }

            failures = 0;
            lastFailure = null;
            foreach (var message in received)
            {
                control.JobStarted();
                JobEnd end;
                try
                {
                    end = await runner.RunAsync(message, stop);
                }
                catch (Backends.Local.StateDatabaseException ex)
                {
                    StopForGood(control, ex.Message);
                    return;
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stop.IsCancellationRequested)
                {
                    // The queue or the journal failed mid-job: the message comes back after its visibility timeout, and
                    // the next receive journals the lost attempt.
                    end = new JobEnd(Journal.AttemptOutcome.LostWorker, $"job of message {message.MessageId} was abandoned: {ex.Message}");
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                finally
                {
                    control.JobEnded();
                }

                if (end.Outcome != Journal.AttemptOutcome.Succeeded && end.Outcome != Journal.AttemptOutcome.SkippedDone)
                {
                    Say($"{copyName}: message {message.MessageId} ended {end.Outcome}");
                }

                if (end.WorkerTrouble is { } trouble)
                {
                    // Whatever broke this job (a folder that cannot be written, a queue out of reach) would break the next
                    // one too: pause, so an outage costs few receives of few messages.
                    failures++;
                    var pause = Backoff(failures);
                    Say($"{copyName}: {trouble}; receiving again in {pause.TotalSeconds:0} s");
                    if (!await PauseAsync(pause, stop))
                    {
                        return;
                    }
                }
                else
                {
                    failures = 0;
                }

                lastWork = time.GetUtcNow();
            }
        }
    }

    /// <summary>The state database is gone or damaged: no copy may go on, and the worker says why.</summary>
    private void StopForGood(WorkerControl control, string reason)
    {
        _fatal ??= reason;
        control.Stop();
    }

    private static TimeSpan Backoff(int failures) =>
        TimeSpan.FromSeconds(Math.Min(LongestPause.TotalSeconds, Math.Pow(2, Math.Min(failures, 5))));

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private async Task<bool> PauseAsync(TimeSpan pause, CancellationToken stop)
    {
        try
        {
            await Task.Delay(pause, time, stop);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>A worker line; when even the worker's own output cannot be written (a read-only log folder), the line is dropped rather than the worker.</summary>
    private void Say(string line)
    {
        lock (_outputLock)
        {
            try
            {
                output.WriteLine($"{time.GetUtcNow():yyyy-MM-ddTHH:mm:ss.fffZ} {line}");
                output.Flush();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ObjectDisposedException)
            {
            }
        }
    }
}

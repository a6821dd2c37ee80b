using Fleetbook.Journal;

namespace Fleetbook.Working;

/// <summary>
/// One worker: DOCKER_CORES copies of the job loop, started SECONDS_TO_START apart, each exiting once the
/// queue has stayed empty for the idle delay. Cancelling the token (SIGTERM) returns running jobs' messages.
/// Companions (on AWS: the resource monitor, the spot interruption watch) run beside the copies and may stop them.
/// </summary>
public sealed class WorkerHost(WorkerSettings settings, WorkerServices services, TimeProvider time, TextWriter output, IReadOnlyList<IWorkerCompanion>? companions = null)
{
    private readonly object _outputLock = new();

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
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
        }

        return 0;
    }

    private async Task RunCopiesAsync(WorkerControl control, CancellationToken stop)
    {
        Say($"worker {settings.WorkerId} polling {settings.QueueUrl} with {settings.DockerCores} copies");
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
            copies.Add(Task.Run(() => LoopAsync(name, control, stop), CancellationToken.None));
        }

        await Task.WhenAll(copies);
        Say(stop.IsCancellationRequested ? "worker stopped" : "queue stayed empty; worker exits");
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
        while (!stop.IsCancellationRequested)
        {
            var idleFor = time.GetUtcNow() - lastWork;
            var remaining = settings.IdleExit - idleFor;
            if (remaining <= TimeSpan.Zero)
            {
                Say($"{copyName}: no messages in the queue for {settings.IdleExit.TotalSeconds:0.#} s");
                return;
            }

            IReadOnlyList<Queues.QueueMessage> received;
            try
            {
                received = await services.Queue.ReceiveAsync(1, Min(remaining, TimeSpan.FromSeconds(20)), stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception ex) when (IsServiceTrouble(ex))
            {
                // The backend already retried; wait and poll again rather than crash the container.
                failures++;
                var pause = TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, Math.Min(failures, 5))));
                Say($"{copyName}: receiving failed ({ex.Message}); polling again in {pause.TotalSeconds:0} s");
                if (!await PauseAsync(pause, stop))
                {
                    return;
                }

                continue;
            }

            failures = 0;
            foreach (var message in received)
            {
                control.JobStarted();
                AttemptOutcome outcome;
                try
                {
                    outcome = await runner.RunAsync(message, stop);
                }
                catch (Exception ex) when (IsServiceTrouble(ex))
                {
                    // The message comes back after its visibility timeout, and the next receive journals the lost attempt.
                    Say($"{copyName}: job of message {message.MessageId} was abandoned: {ex.Message}");
                    lastWork = time.GetUtcNow();
                    continue;
                }
                finally
                {
                    control.JobEnded();
                }

                if (outcome != AttemptOutcome.Succeeded && outcome != AttemptOutcome.SkippedDone)
                {
                    Say($"{copyName}: message {message.MessageId} ended {outcome}");
                }

                lastWork = time.GetUtcNow();
            }
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static bool IsServiceTrouble(Exception ex) =>
        ex is IOException or HttpRequestException or InvalidOperationException or TimeoutException
            or Backends.Aws.AwsServiceException or Microsoft.Data.Sqlite.SqliteException;

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

    private void Say(string line)
    {
        lock (_outputLock)
        {
            output.WriteLine($"{time.GetUtcNow():yyyy-MM-ddTHH:mm:ss.fffZ} {line}");
            output.Flush();
        }
    }
}

using Fleetbook.Working;

namespace Fleetbook.Backends.Slurm.Worker;

/// <summary>
/// Keeps a Slurm worker from starting a job its time limit would cut short: it asks Slurm how long the job has left
/// (squeue %L), and once less than jobTimeoutSeconds (and a margin) remains, the worker takes no new job, finishes the
/// ones it runs and exits; monitor submits a fresh worker while jobs remain. Without a per-job timeout a job may still
/// meet the limit: then Slurm's signal returns it to the queue and the attempt says so (<see cref="SlurmStopReason"/>).
/// </summary>
public sealed class SlurmTimeLimitWatch(SlurmClient slurm, string jobId, TimeSpan? jobTimeout, SlurmWorkerClock clock, TimeProvider time, TextWriter output) : IWorkerCompanion
{
    /// <summary>Kept free before the limit besides the job's own timeout: the last job's upload, the worker's exit.</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromSeconds(30);

    public async Task RunAsync(WorkerControl worker, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(worker);
        TimeSpan? left;
        try
        {
            left = await slurm.TimeLeftAsync(jobId, cancellationToken);
        }
        catch (Exception ex) when (ex is SlurmUnavailableException or SlurmCommandException or IOException)
        {
            Say($"time limit watch off: {ex.Message}");
            return;
        }

        if (left is not { } remaining)
        {
            Say("the worker's Slurm job has no time limit");
            return;
        }

        var end = time.GetUtcNow() + remaining;
        clock.End = end;
        if (jobTimeout is not { } timeout)
        {
            Say($"the worker's Slurm job ends by {end:HH:mm:ss}Z; a job still running then goes back to the queue");
            return;
        }

        var drainAt = end - timeout - Margin;
        Say($"the worker's Slurm job ends by {end:HH:mm:ss}Z; it takes jobs until {drainAt:HH:mm:ss}Z (jobTimeoutSeconds {timeout.TotalSeconds:0} s before)");
        var wait = drainAt - time.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken);
        }

        worker.Drain($"less than {SlurmTime.Describe(timeout + Margin)} is left of its Slurm time limit, so a job started now might not finish");
    }

    private void Say(string line)
    {
        lock (output)
        {
            output.WriteLine($"{time.GetUtcNow():yyyy-MM-ddTHH:mm:ss.fffZ} {line}");
            output.Flush();
        }
    }
}

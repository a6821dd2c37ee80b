namespace Fleetbook.Working;

/// <summary>
/// Something that runs beside a worker's job loops for as long as they run, such as a resource monitor or a watch
/// for the machine going away. It is cancelled once the loops have ended, and may stop the worker early.
/// </summary>
public interface IWorkerCompanion
{
    Task RunAsync(WorkerControl worker, CancellationToken cancellationToken);
}

/// <summary>What a companion sees of, and may do to, the worker it runs beside.</summary>
public sealed class WorkerControl
{
    private readonly CancellationTokenSource _stop;
    private int _runningJobs;
    private volatile string? _draining;

    public WorkerControl(CancellationTokenSource stop) => _stop = stop ?? throw new ArgumentNullException(nameof(stop));

    /// <summary>Jobs being run right now (at most DOCKER_CORES).</summary>
    public int RunningJobs => Volatile.Read(ref _runningJobs);

    public bool IsStopping => _stop.IsCancellationRequested;

    /// <summary>Stops the worker as SIGTERM does: running jobs are killed and their messages made visible at once.</summary>
    public void Stop() => _stop.Cancel();

    /// <summary>Why the worker takes no more jobs (it finishes those it runs, then exits), or null while it takes them.</summary>
    public string? Draining => _draining;

    /// <summary>Lets the running jobs finish but takes no new one, then the worker exits (a Slurm worker near its time limit).</summary>
    public void Drain(string reason) => _draining ??= reason;

    internal void JobStarted() => Interlocked.Increment(ref _runningJobs);

    internal void JobEnded() => Interlocked.Decrement(ref _runningJobs);
}

namespace Fleetbook.Backends.Slurm.Worker;

/// <summary>When Slurm will end this worker's job (its time limit), once the worker has asked; null while unknown or unlimited.</summary>
public sealed class SlurmWorkerClock
{
    private long _endTicks;

    public DateTimeOffset? End
    {
        get => Interlocked.Read(ref _endTicks) is var ticks and > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;
        set => Interlocked.Exchange(ref _endTicks, value?.UtcTicks ?? 0);
    }
}

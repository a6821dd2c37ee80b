namespace Fleetbook.Backends.Aws.Capacity;
public sealed record CapacityOutcome(CapacitySnapshot Snapshot, bool Complete, bool TimedOut, string Summary);
public static class CapacityWait
{
    public static Task<CapacityOutcome> WaitAsync(IMachineCapacity capacity, LaunchedCapacity launched, TimeSpan limit, TimeProvider time, TimeSpan pollInterval, IProgress<CapacitySnapshot>? progress, CancellationToken ct) => throw new NotImplementedException();
}

using System.Globalization;

namespace Fleetbook.Backends.Aws.Capacity;

/// <summary>How the wait for machines ended: all there, fewer than asked (EC2 has no more, or the time ran out), or the fleet ended.</summary>
/// <param name="Snapshot">The last look at the fleet.</param>
/// <param name="Complete">Every machine asked for is running.</param>
/// <param name="TimedOut">The limit passed before that.</param>
/// <param name="Summary">One plain sentence for the user.</param>
public sealed record CapacityOutcome(CapacitySnapshot Snapshot, bool Complete, bool TimedOut, string Summary);

/// <summary>Start's wait for capacity, with the timeout, the error handling and the partial result the anchor's loop lacked.</summary>
public static class CapacityWait
{
    /// <summary>
    /// Polls the fleet until every machine runs, EC2 reports it has no more room (with at least one machine up: a
    /// partial result), the fleet ends, or <paramref name="limit"/> passes (TimedOut, with what runs). A fleet no
    /// machine can come from is removed and reported as an <see cref="Inputs.InputException"/> naming the fleet file
    /// and the fix.
    /// </summary>
    public static async Task<CapacityOutcome> WaitAsync(
        IMachineCapacity capacity,
        LaunchedCapacity launched,
        TimeSpan limit,
        TimeProvider time,
        TimeSpan pollInterval,
        IProgress<CapacitySnapshot>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(capacity);
        ArgumentNullException.ThrowIfNull(launched);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(pollInterval, TimeSpan.Zero);

        var started = time.GetTimestamp();
        while (true)
        {
            var snapshot = await capacity.DescribeAsync(launched, cancellationToken).ConfigureAwait(false);
            progress?.Report(snapshot);
            var elapsed = time.GetElapsedTime(started);
            if (snapshot.Running >= launched.Machines)
            {
                return new CapacityOutcome(snapshot, true, false, $"{Count(snapshot, launched)} after {Duration(elapsed)}.");
            }

            if (snapshot.Unusable)
            {
                var removed = await capacity.RemoveAsync(launched, cancellationToken).ConfigureAwait(false);
                var outcome = removed.Count > 0 ? "start cancelled the fleet" : "nothing is running";
                throw FleetProblems.Rejected(launched.FleetFile ?? "the fleet file", snapshot.Errors, outcome);
            }

            if (CapacityStates.IsEnded(snapshot.State))
            {
                return new CapacityOutcome(snapshot, false, false, $"{Count(snapshot, launched)} after {Duration(elapsed)}; the fleet is {snapshot.State}.");
            }

            if (snapshot.Running > 0 && snapshot.Errors.Count > 0 && snapshot.Errors.All(FleetProblems.IsCapacity))
            {
                return new CapacityOutcome(snapshot, false, false,
                    $"{Count(snapshot, launched)} after {Duration(elapsed)}; {Shortage(launched)}; the fleet keeps asking for {launched.Machines}.");
            }

            if (elapsed >= limit)
            {
                var why = snapshot.Errors.Count == 0 ? "EC2 reported no error"
                    : snapshot.Errors.All(FleetProblems.IsCapacity) ? Shortage(launched)
                    : "EC2 reports " + string.Join("; ", snapshot.Errors.Select(e => e.TrimEnd('.')));
                return new CapacityOutcome(snapshot, false, true, $"{Count(snapshot, launched)} after {Duration(elapsed)}; {why}; the fleet keeps asking for {launched.Machines}.");
            }

            var wait = limit - elapsed < pollInterval ? limit - elapsed : pollInterval;
            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string Count(CapacitySnapshot snapshot, LaunchedCapacity launched) =>
        string.Create(CultureInfo.InvariantCulture, $"{snapshot.Running} of {launched.Machines} machine{(launched.Machines == 1 ? "" : "s")} running");

    private static string Shortage(LaunchedCapacity launched) =>
        launched.InstanceTypes.Count == 0 ? "EC2 reports insufficient spot capacity" : $"EC2 reports insufficient spot capacity for {string.Join(", ", launched.InstanceTypes)}";

    private static string Duration(TimeSpan elapsed) => elapsed < TimeSpan.FromMinutes(1)
        ? string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, (int)elapsed.TotalSeconds)} s")
        : string.Create(CultureInfo.InvariantCulture, $"{(int)Math.Round(elapsed.TotalMinutes)} min");
}

namespace Fleetbook.Backends.Aws.Capacity;

/// <summary>Fleet states (<see cref="CapacitySnapshot.State"/>) beyond the ones EC2 reports.</summary>
public static class CapacityStates
{
    /// <summary>EC2 does not know the fleet (any more).</summary>
    public const string NotFound = "not-found";

    /// <summary>Whether the fleet has ended or is ending: cancelled, deleted, failed or unknown to EC2.</summary>
    public static bool IsEnded(string state) =>
        state == NotFound || state == "failed" || state.StartsWith("cancelled", StringComparison.Ordinal) || state.StartsWith("deleted", StringComparison.Ordinal);
}

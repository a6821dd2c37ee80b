using Fleetbook.Backends.Aws.Capacity;
using Fleetbook.Configuration;

namespace Fleetbook.Backends.Aws.Run;

/// <summary>
/// What a run has launched on AWS, kept on this machine and in the bucket so a monitor or cleanup started later (after a
/// crashed notebook, from another terminal) finds the same fleet. It holds ids and times, never the environment.
/// </summary>
public sealed record AwsRunState(string AppName, string Cluster, FleetMode Mode)
{
    /// <summary>The Spot Fleet or EC2 Fleet start launched; null before start and on Fargate Spot.</summary>
    public LaunchedCapacity? Capacity { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>Whether the cluster was created by this run (a cluster that was there before is never deleted).</summary>
    public bool ClusterCreated { get; init; }

    public bool DashboardCreated { get; init; }

    /// <summary>When cheapest mode lowered the fleet to one machine.</summary>
    public DateTimeOffset? CheapestAppliedAt { get; init; }

    /// <summary>When cleanup finished; a later start begins a new run.</summary>
    public DateTimeOffset? CleanedAt { get; init; }
}

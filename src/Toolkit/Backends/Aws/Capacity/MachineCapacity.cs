using Fleetbook.Backends.Aws.Services;
using Fleetbook.Configuration;
using Fleetbook.Fleet;

namespace Fleetbook.Backends.Aws.Capacity;

/// <summary>What start asks EC2 for: the user's fleet file merged with the run's config.</summary>
public sealed record CapacityRequest(RunConfig Config, FleetFileContents FleetFile, string Cluster, int Machines, IReadOnlyList<AwsTag> Tags, DateTimeOffset Now);

/// <summary>
/// What start launched; kept in the run state so monitor and cleanup find it after a crash. <c>FleetFile</c> is the
/// fleet file it came from, as the user named it (problems found while waiting point at it).
/// </summary>
public sealed record LaunchedCapacity(FleetMode Mode, string? FleetId, string? LaunchTemplateId, int Machines, DateTimeOffset StartedAt, IReadOnlyList<string> InstanceTypes, string? FleetFile = null);

/// <summary>One look at the fleet: its target, its active machines, and the errors EC2 recorded since start.</summary>
public sealed record CapacitySnapshot(int Target, IReadOnlyList<FleetMachine> Machines, IReadOnlyList<string> Errors, string State, bool Unusable)
{
    public int Running => Machines.Count;
}

/// <summary>A machine of the fleet, with what the cost estimate needs.</summary>
public sealed record FleetMachine(string InstanceId, string InstanceType, string? AvailabilityZone);

/// <summary>Spot Fleet or EC2 Fleet: the machines the ECS service's tasks are placed on.</summary>
public interface IMachineCapacity
{
    FleetMode Mode { get; }

    Task<LaunchedCapacity> LaunchAsync(CapacityRequest request, CancellationToken cancellationToken);

    Task<CapacitySnapshot> DescribeAsync(LaunchedCapacity launched, CancellationToken cancellationToken);

    /// <summary>Changes the target without terminating running machines.</summary>
    Task SetTargetAsync(LaunchedCapacity launched, int machines, CancellationToken cancellationToken);

    /// <summary>Cancels the fleet (terminating its machines) and deletes what start made for it; idempotent; one sentence per action.</summary>
    Task<IReadOnlyList<string>> RemoveAsync(LaunchedCapacity launched, CancellationToken cancellationToken);
}

namespace Fleetbook.Fleet;

/// <summary>How much of the fleet is there: what was asked for and what runs.</summary>
public sealed record FleetStatus(int Desired, int Running, string Description)
{
    public static readonly FleetStatus None = new(0, 0, "no fleet");

    /// <summary>On AWS with machines: the machines behind the workers (null locally and on Fargate).</summary>
    public FleetMachines? Machines { get; init; }
}

/// <summary>Machines asked for, machines running, and machines whose ECS agent has joined the cluster.</summary>
public sealed record FleetMachines(int Requested, int Running, int Registered);

/// <summary>The capacity that runs workers: worker processes locally, a Spot Fleet, an EC2 Fleet or Fargate Spot tasks on AWS.</summary>
public interface IFleet
{
    /// <summary>Starts workers (or scales the fleet) to <paramref name="desired"/>, each with <paramref name="environment"/>.</summary>
    Task<FleetStatus> StartAsync(int desired, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken);

    Task<FleetStatus> DescribeAsync(CancellationToken cancellationToken);

    /// <summary>Brings the number of running workers back up to the desired count (what an ECS service does for exited containers).</summary>
    Task<FleetStatus> ReplenishAsync(CancellationToken cancellationToken);

    /// <summary>Stops every worker: a polite stop first (the worker returns its message), then a kill after <paramref name="grace"/>.</summary>
    Task<int> StopAsync(TimeSpan grace, CancellationToken cancellationToken);
}

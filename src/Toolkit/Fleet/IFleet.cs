namespace Fleetbook.Fleet;

/// <summary>How much of the fleet is there: what was asked for and what runs.</summary>
public sealed record FleetStatus(int Desired, int Running, string Description)
{
    public static readonly FleetStatus None = new(0, 0, "no fleet");

    /// <summary>On AWS with machines: the machines behind the workers (null locally and on Fargate).</summary>
    public FleetMachines? Machines { get; init; }

    /// <summary>On a batch scheduler (Slurm): workers asked for that wait in its queue, and why (null elsewhere).</summary>
    public FleetQueued? Queued { get; init; }
}

/// <summary>
/// Workers that wait in a batch scheduler's queue: how many, the scheduler's main reason (such as Resources or
/// QOSMaxJobsPerUserLimit) and every reason in words.
/// </summary>
public sealed record FleetQueued(int Workers, string Reason, string Explanation);

/// <summary>
/// What start asks of the fleet: <paramref name="Workers"/> workers (local processes, ECS tasks) with
/// <paramref name="Environment"/>; on AWS also the machines of <paramref name="FleetFile"/>. Progress gets one sentence per step.
/// </summary>
public sealed record FleetLaunch(int Workers, IReadOnlyDictionary<string, string> Environment, FleetFileContents? FleetFile = null, IProgress<string>? Progress = null);

/// <summary>Machines asked for, machines running, and machines whose ECS agent has joined the cluster.</summary>
public sealed record FleetMachines(int Requested, int Running, int Registered);

/// <summary>The capacity that runs workers: worker processes locally, a Spot Fleet, an EC2 Fleet or Fargate Spot tasks on AWS.</summary>
public interface IFleet
{
    /// <summary>Starts workers (or launches machines and scales the service) to <see cref="FleetLaunch.Workers"/>.</summary>
    Task<FleetStatus> StartAsync(FleetLaunch launch, CancellationToken cancellationToken);

    Task<FleetStatus> DescribeAsync(CancellationToken cancellationToken);

    /// <summary>Brings the number of running workers back up to the desired count (what an ECS service does for exited containers).</summary>
    Task<FleetStatus> ReplenishAsync(CancellationToken cancellationToken);

    /// <summary>Stops every worker: a polite stop first (the worker returns its message), then a kill after <paramref name="grace"/>.</summary>
    Task<int> StopAsync(TimeSpan grace, CancellationToken cancellationToken);
}

namespace Fleetbook.Backends.Aws.Cost;

/// <summary>A machine of the fleet, from its launch to its end (null while it runs).</summary>
public sealed record MachineUsage(string InstanceType, string? AvailabilityZone, DateTimeOffset Start, DateTimeOffset? End);

/// <summary>A Fargate Spot task of the given size, from its start to its end (null while it runs).</summary>
public sealed record FargateUsage(double Vcpu, double MemoryGb, DateTimeOffset Start, DateTimeOffset? End);

/// <summary>What a run has used so far, in which region, and how long it has still to go at the current pace (null: not known yet).</summary>
public sealed record CostInputs(string Region)
{
    /// <summary>DS's default MACHINE_PRICE: the bid, the most a spot machine-hour can cost.</summary>
    public const decimal DefaultFallbackHourlyPrice = 0.20m;

    public IReadOnlyList<MachineUsage> Machines { get; init; } = [];

    public IReadOnlyList<FargateUsage> FargateTasks { get; init; } = [];

    public TimeSpan? Remaining { get; init; }

    /// <summary>The hourly price of a machine type EC2 gives no spot price for; use the run's MACHINE_PRICE.</summary>
    public decimal FallbackHourlyPrice { get; init; } = DefaultFallbackHourlyPrice;

    public CostInputs WithMachines(IReadOnlyList<MachineUsage> machines) => this with { Machines = machines };
    public CostInputs WithFargateTasks(IReadOnlyList<FargateUsage> tasks) => this with { FargateTasks = tasks };
    public CostInputs WithRemaining(TimeSpan? remaining) => this with { Remaining = remaining };
    public CostInputs WithFallbackHourlyPrice(decimal price) => this with { FallbackHourlyPrice = price };
}

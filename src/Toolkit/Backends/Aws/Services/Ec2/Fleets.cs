namespace Fleetbook.Backends.Aws.Services.Ec2;

/// <summary>
/// CreateFleet: an EC2 Fleet over launch templates. For a run: <paramref name="Type"/> maintain, spot capacity with
/// allocation strategy capacity-optimized, and one override per instance type × subnet.
/// </summary>
public sealed record CreateFleetRequest(
    IReadOnlyList<FleetLaunchTemplateConfig> LaunchTemplateConfigs,
    TargetCapacitySpecification TargetCapacitySpecification,
    FleetType? Type = null,
    FleetSpotOptions? SpotOptions = null,
    FleetExcessCapacityTerminationPolicy? ExcessCapacityTerminationPolicy = null,
    bool? TerminateInstancesWithExpiration = null,
    bool? ReplaceUnhealthyInstances = null,
    DateTimeOffset? ValidFrom = null,
    DateTimeOffset? ValidUntil = null,
    IReadOnlyList<TagSpecification>? TagSpecifications = null,
    string? ClientToken = null);

public sealed record CreateFleetResponse
{
    public string? FleetId { get; init; }

    /// <summary>Pools EC2 could not launch into (InsufficientInstanceCapacity, an unsupported type in a zone…).</summary>
    public IReadOnlyList<FleetError> Errors { get; init; } = [];

    /// <summary>Only for instant fleets.</summary>
    public IReadOnlyList<FleetInstances> Instances { get; init; } = [];
}

/// <summary>DescribeFleets: state, capacity, errors and tags of the fleets named.</summary>
public sealed record DescribeFleetsRequest(IReadOnlyList<string>? FleetIds = null, IReadOnlyList<Ec2Filter>? Filters = null, string? NextToken = null, int? MaxResults = null);

public sealed record DescribeFleetsResponse
{
    public IReadOnlyList<FleetData> Fleets { get; init; } = [];

    public string? NextToken { get; init; }
}

/// <summary>DescribeFleetInstances: the machines an EC2 Fleet runs now.</summary>
public sealed record DescribeFleetInstancesRequest(string FleetId, IReadOnlyList<Ec2Filter>? Filters = null, string? NextToken = null, int? MaxResults = null);

public sealed record DescribeFleetInstancesResponse
{
    public IReadOnlyList<ActiveInstance> ActiveInstances { get; init; } = [];

    public string? FleetId { get; init; }

    public string? NextToken { get; init; }
}

/// <summary>
/// DescribeFleetHistory: what happened to an EC2 Fleet since <paramref name="StartTime"/>. For fleets of type maintain
/// or request the launch errors are only here (DescribeFleets shows errors of instant fleets only).
/// </summary>
public sealed record DescribeFleetHistoryRequest(
    string FleetId,
    DateTimeOffset StartTime,
    FleetEventType? EventType = null,
    string? NextToken = null,
    int? MaxResults = null);

public sealed record DescribeFleetHistoryResponse
{
    public IReadOnlyList<FleetHistoryRecord> HistoryRecords { get; init; } = [];

    public DateTimeOffset? StartTime { get; init; }

    public DateTimeOffset? LastEvaluatedTime { get; init; }

    public string? FleetId { get; init; }

    public string? NextToken { get; init; }
}

/// <summary>One event of an EC2 Fleet's history (model shape <c>HistoryRecordEntry</c>).</summary>
public sealed record FleetHistoryRecord
{
    public FleetEventType? EventType { get; init; }

    public DateTimeOffset? Timestamp { get; init; }

    public EventInformation? EventInformation { get; init; }
}

/// <summary>ModifyFleet: a new target; with <see cref="FleetExcessCapacityTerminationPolicy.NoTermination"/> the extra machines keep running.</summary>
public sealed record ModifyFleetRequest(
    string FleetId,
    TargetCapacitySpecification? TargetCapacitySpecification = null,
    FleetExcessCapacityTerminationPolicy? ExcessCapacityTerminationPolicy = null);

public sealed record ModifyFleetResponse
{
    public bool Return { get; init; }
}

/// <summary>DeleteFleets: ends the fleets and, with <paramref name="TerminateInstances"/>, their machines.</summary>
public sealed record DeleteFleetsRequest(IReadOnlyList<string> FleetIds, bool TerminateInstances);

public sealed record DeleteFleetsResponse
{
    public IReadOnlyList<DeletedFleet> SuccessfulFleetDeletions { get; init; } = [];

    public IReadOnlyList<UndeletedFleet> UnsuccessfulFleetDeletions { get; init; } = [];
}

/// <summary>A launch template and the pools (instance type × subnet) to launch it into (model shape <c>FleetLaunchTemplateConfigRequest</c>).</summary>
public sealed record FleetLaunchTemplateConfig(FleetLaunchTemplateSpecification LaunchTemplateSpecification, IReadOnlyList<FleetLaunchTemplateOverrides>? Overrides = null);

/// <summary>Which launch template, by id or name, and which version (<c>$Latest</c>, <c>$Default</c> or a number).</summary>
public sealed record FleetLaunchTemplateSpecification(string? LaunchTemplateId = null, string? LaunchTemplateName = null, string? Version = null);

/// <summary>One pool: an instance type in a subnet, optionally with a price cap, a weight and a priority.</summary>
public sealed record FleetLaunchTemplateOverrides(
    string? InstanceType = null,
    string? SubnetId = null,
    string? AvailabilityZone = null,
    string? MaxPrice = null,
    double? WeightedCapacity = null,
    double? Priority = null);

/// <summary>How many machines a fleet keeps (model shapes <c>TargetCapacitySpecificationRequest</c> and <c>TargetCapacitySpecification</c>).</summary>
public sealed record TargetCapacitySpecification(
    int TotalTargetCapacity,
    int? SpotTargetCapacity = null,
    int? OnDemandTargetCapacity = null,
    DefaultTargetCapacityType? DefaultTargetCapacityType = null);

/// <summary>The spot side of an EC2 Fleet (model shape <c>SpotOptionsRequest</c>).</summary>
public sealed record FleetSpotOptions(SpotAllocationStrategy? AllocationStrategy = null, int? InstancePoolsToUseCount = null, string? MaxTotalPrice = null);

/// <summary>An EC2 Fleet as DescribeFleets shows it (model shape <c>FleetData</c>).</summary>
public sealed record FleetData
{
    public string? FleetId { get; init; }

    /// <summary>submitted, active, deleted, failed, deleted_running, deleted_terminating or modifying.</summary>
    public string? FleetState { get; init; }

    /// <summary>error, pending_fulfillment, pending_termination or fulfilled.</summary>
    public string? ActivityStatus { get; init; }

    public string? Type { get; init; }

    public DateTimeOffset? CreateTime { get; init; }

    public TargetCapacitySpecification? TargetCapacitySpecification { get; init; }

    public double FulfilledCapacity { get; init; }

    public double FulfilledOnDemandCapacity { get; init; }

    public string? ExcessCapacityTerminationPolicy { get; init; }

    public IReadOnlyList<FleetError> Errors { get; init; } = [];

    public IReadOnlyList<AwsTag> Tags { get; init; } = [];
}

/// <summary>A pool a fleet could not launch into (model shapes <c>CreateFleetError</c> and <c>DescribeFleetError</c>).</summary>
public sealed record FleetError
{
    public LaunchTemplateAndOverrides? LaunchTemplateAndOverrides { get; init; }

    /// <summary>spot or on-demand.</summary>
    public string? Lifecycle { get; init; }

    public string? ErrorCode { get; init; }

    public string? ErrorMessage { get; init; }
}

/// <summary>Which launch template and which pool an error or a launch is about (model shape <c>LaunchTemplateAndOverridesResponse</c>).</summary>
public sealed record LaunchTemplateAndOverrides
{
    public FleetLaunchTemplateSpecification? LaunchTemplateSpecification { get; init; }

    public FleetLaunchTemplateOverrides? Overrides { get; init; }
}

/// <summary>Machines an instant fleet launched (model shape <c>CreateFleetInstance</c>).</summary>
public sealed record FleetInstances
{
    public IReadOnlyList<string> InstanceIds { get; init; } = [];

    public string? InstanceType { get; init; }

    public string? Lifecycle { get; init; }
}

/// <summary>A fleet that was deleted (model shape <c>DeleteFleetSuccessItem</c>).</summary>
public sealed record DeletedFleet
{
    public string? FleetId { get; init; }

    public string? PreviousFleetState { get; init; }

    public string? CurrentFleetState { get; init; }
}

/// <summary>A fleet that could not be deleted (model shape <c>DeleteFleetErrorItem</c>).</summary>
public sealed record UndeletedFleet
{
    public string? FleetId { get; init; }

    /// <summary>Code: fleetIdDoesNotExist, fleetIdMalformed, fleetNotInDeletableState or unexpectedError.</summary>
    public Ec2Error? Error { get; init; }
}

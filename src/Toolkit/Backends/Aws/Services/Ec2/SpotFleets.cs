using System.Text.Json.Nodes;

namespace Fleetbook.Backends.Aws.Services.Ec2;

/// <summary>
/// RequestSpotFleet. <paramref name="SpotFleetRequestConfig"/> is the whole <c>SpotFleetRequestConfigData</c> as a JSON
/// object with EC2's member names (a Distributed-Something fleet file merged with the config), sent as it is; see
/// <see cref="SpotFleetConfigs.WithTags"/> to tag the request and its machines.
/// </summary>
public sealed record RequestSpotFleetRequest(JsonObject SpotFleetRequestConfig, bool? DryRun = null);

public sealed record RequestSpotFleetResponse
{
    public string? SpotFleetRequestId { get; init; }
}

/// <summary>DescribeSpotFleetRequests: state, capacity and tags of the requests named (all of the account's when none).</summary>
public sealed record DescribeSpotFleetRequestsRequest(IReadOnlyList<string>? SpotFleetRequestIds = null, string? NextToken = null, int? MaxResults = null);

public sealed record DescribeSpotFleetRequestsResponse
{
    public IReadOnlyList<SpotFleetRequest> SpotFleetRequestConfigs { get; init; } = [];

    public string? NextToken { get; init; }
}

/// <summary>DescribeSpotFleetInstances: the machines a Spot Fleet runs now.</summary>
public sealed record DescribeSpotFleetInstancesRequest(string SpotFleetRequestId, string? NextToken = null, int? MaxResults = null);

public sealed record DescribeSpotFleetInstancesResponse
{
    public IReadOnlyList<ActiveInstance> ActiveInstances { get; init; } = [];

    public string? SpotFleetRequestId { get; init; }

    public string? NextToken { get; init; }
}

/// <summary>
/// DescribeSpotFleetRequestHistory: what happened to a fleet since <paramref name="StartTime"/>, optionally only one
/// <paramref name="EventType"/> (start watches <see cref="SpotFleetEventType.Error"/>; monitor reads
/// <see cref="SpotFleetEventType.InstanceChange"/> to find terminated machines).
/// </summary>
public sealed record DescribeSpotFleetRequestHistoryRequest(
    string SpotFleetRequestId,
    DateTimeOffset StartTime,
    SpotFleetEventType? EventType = null,
    string? NextToken = null,
    int? MaxResults = null);

public sealed record DescribeSpotFleetRequestHistoryResponse
{
    public IReadOnlyList<HistoryRecord> HistoryRecords { get; init; } = [];

    public DateTimeOffset? StartTime { get; init; }

    public DateTimeOffset? LastEvaluatedTime { get; init; }

    public string? SpotFleetRequestId { get; init; }

    public string? NextToken { get; init; }
}

/// <summary>One event of a Spot Fleet's history.</summary>
public sealed record HistoryRecord
{
    public SpotFleetEventType? EventType { get; init; }

    public DateTimeOffset? Timestamp { get; init; }

    public EventInformation? EventInformation { get; init; }
}

/// <summary>
/// What the event was: <see cref="EventSubType"/> such as <c>allLaunchSpecsTemporarilyBlacklisted</c>, <c>launched</c>,
/// <c>terminated</c>. <see cref="EventDescription"/> is often absent (reading it unguarded crashed
/// Distributed-CellProfiler, DCP#157).
/// </summary>
public sealed record EventInformation
{
    public string? EventSubType { get; init; }

    public string? EventDescription { get; init; }

    public string? InstanceId { get; init; }
}

/// <summary>
/// ModifySpotFleetRequest: a new <paramref name="TargetCapacity"/>; with <see cref="ExcessCapacityTerminationPolicy.NoTermination"/>
/// the machines above the target keep running.
/// </summary>
public sealed record ModifySpotFleetRequestRequest(
    string SpotFleetRequestId,
    int? TargetCapacity = null,
    int? OnDemandTargetCapacity = null,
    ExcessCapacityTerminationPolicy? ExcessCapacityTerminationPolicy = null);

public sealed record ModifySpotFleetRequestResponse
{
    public bool Return { get; init; }
}

/// <summary>CancelSpotFleetRequests: ends the requests and, with <paramref name="TerminateInstances"/>, their machines.</summary>
public sealed record CancelSpotFleetRequestsRequest(IReadOnlyList<string> SpotFleetRequestIds, bool TerminateInstances);

public sealed record CancelSpotFleetRequestsResponse
{
    public IReadOnlyList<CancelledSpotFleetRequest> SuccessfulFleetRequests { get; init; } = [];

    public IReadOnlyList<UncancelledSpotFleetRequest> UnsuccessfulFleetRequests { get; init; } = [];
}

/// <summary>A Spot Fleet request that was cancelled (model shape <c>CancelSpotFleetRequestsSuccessItem</c>).</summary>
public sealed record CancelledSpotFleetRequest
{
    public string? SpotFleetRequestId { get; init; }

    public string? PreviousSpotFleetRequestState { get; init; }

    public string? CurrentSpotFleetRequestState { get; init; }
}

/// <summary>A Spot Fleet request that could not be cancelled (model shape <c>CancelSpotFleetRequestsErrorItem</c>).</summary>
public sealed record UncancelledSpotFleetRequest
{
    public string? SpotFleetRequestId { get; init; }

    /// <summary>Code: fleetRequestIdDoesNotExist, fleetRequestIdMalformed, fleetRequestNotInCancellableState or unexpectedError.</summary>
    public Ec2Error? Error { get; init; }
}

/// <summary>A Spot Fleet request as DescribeSpotFleetRequests shows it (model shape <c>SpotFleetRequestConfig</c>).</summary>
public sealed record SpotFleetRequest
{
    public string? SpotFleetRequestId { get; init; }

    /// <summary>submitted, active, cancelled, failed, cancelled_running, cancelled_terminating or modifying.</summary>
    public string? SpotFleetRequestState { get; init; }

    /// <summary>error, pending_fulfillment, pending_termination or fulfilled.</summary>
    public string? ActivityStatus { get; init; }

    public DateTimeOffset? CreateTime { get; init; }

    public SpotFleetRequestConfigData? SpotFleetRequestConfig { get; init; }

    public IReadOnlyList<AwsTag> Tags { get; init; } = [];
}

/// <summary>The capacity side of a Spot Fleet request's configuration (the launch specifications are left out).</summary>
public sealed record SpotFleetRequestConfigData
{
    public string? IamFleetRole { get; init; }

    public int TargetCapacity { get; init; }

    public double FulfilledCapacity { get; init; }

    public int OnDemandTargetCapacity { get; init; }

    public double OnDemandFulfilledCapacity { get; init; }

    public string? Type { get; init; }

    public string? AllocationStrategy { get; init; }

    public string? ExcessCapacityTerminationPolicy { get; init; }

    public string? SpotPrice { get; init; }

    public DateTimeOffset? ValidFrom { get; init; }

    public DateTimeOffset? ValidUntil { get; init; }

    public bool TerminateInstancesWithExpiration { get; init; }
}

using System.Text.Json.Nodes;

namespace Fleetbook.Tests.Aws.Fake;

internal sealed class Ec2Instance
{
    public required string Id { get; init; }
    public required string InstanceType { get; init; }
    public required string ImageId { get; init; }
    public string? SubnetId { get; init; }
    public IReadOnlyList<string> SecurityGroupIds { get; init; } = [];
    public string? KeyName { get; init; }
    public string? UserData { get; init; }
    public string? IamInstanceProfileArn { get; init; }
    public required string AvailabilityZone { get; init; }
    public required string ReservationId { get; init; }
    public required string PrivateIpAddress { get; init; }
    public string? SpotInstanceRequestId { get; init; }
    public string? FleetId { get; init; }
    public required DateTimeOffset LaunchTime { get; init; }

    /// <summary>pending, running, shutting-down, terminated.</summary>
    public string State { get; set; } = "pending";

    public DateTimeOffset StateChangedAt { get; set; }
    public string? StateReason { get; set; }
    public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);

    /// <summary>The cluster the ECS agent joined (once registered).</summary>
    public string? EcsCluster { get; set; }

    public bool Alive => State is "pending" or "running";

    public int StateCode => State switch
    {
        "pending" => 0,
        "running" => 16,
        "shutting-down" => 32,
        "terminated" => 48,
        "stopping" => 64,
        _ => 80,
    };
}

/// <summary>One way a fleet can launch an instance: a Spot Fleet launch specification or an EC2 Fleet template plus override.</summary>
internal sealed class FleetLaunchOption
{
    public required string InstanceType { get; init; }
    public required string ImageId { get; init; }
    public string? SubnetId { get; init; }
    public IReadOnlyList<string> SecurityGroupIds { get; init; } = [];
    public string? KeyName { get; init; }
    public string? UserData { get; init; }
    public string? IamInstanceProfileArn { get; init; }
    public double Weight { get; init; } = 1;
    public decimal Price { get; init; }
    public IReadOnlyDictionary<string, string> InstanceTags { get; init; } = new Dictionary<string, string>();

    /// <summary>Why it cannot launch (history error subtype and description), or null when it can.</summary>
    public (string SubType, string Description)? Problem { get; init; }
}

internal sealed record FleetHistoryRecord(DateTimeOffset At, string EventType, string? SubType, string? Description, string? InstanceId);

/// <summary>A Spot Fleet request (sfr-…) or an EC2 Fleet (fleet-…): a target capacity kept by launching from its options.</summary>
internal sealed class Ec2Fleet
{
    public required string Id { get; init; }
    public required bool IsSpotFleet { get; init; }

    /// <summary>request, maintain or instant.</summary>
    public required string Type { get; init; }

    /// <summary>Spot Fleet: submitted, active, cancelled_running, cancelled_terminating, cancelled, failed. EC2 Fleet: the deleted_* counterparts.</summary>
    public string State { get; set; } = "submitted";

    public required int TargetCapacity { get; set; }

    /// <summary>noTermination or default (Spot Fleet); no-termination or termination (EC2 Fleet).</summary>
    public string? ExcessCapacityTerminationPolicy { get; set; }

    public required string AllocationStrategy { get; init; }
    public required IReadOnlyList<FleetLaunchOption> Options { get; set; }
    public List<string> InstanceIds { get; } = [];
    public List<FleetHistoryRecord> History { get; } = [];
    public required DateTimeOffset CreateTime { get; init; }
    public DateTimeOffset? ValidUntil { get; init; }
    public bool TerminateInstancesWithExpiration { get; init; }

    /// <summary>The request as given (echoed by DescribeSpotFleetRequests/DescribeFleets).</summary>
    public required JsonObject Config { get; init; }

    public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);
    public bool LaunchedOnce { get; set; }
    public bool UnusableReported { get; set; }
    public bool ShortageReported { get; set; }
    public int NextOption { get; set; }

    public bool Cancelled => State.StartsWith("cancelled", StringComparison.Ordinal) || State.StartsWith("deleted", StringComparison.Ordinal) || State == "failed";
}

internal sealed class LaunchTemplate
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required DateTimeOffset CreateTime { get; init; }
    public required JsonObject Data { get; init; }
    public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);
}

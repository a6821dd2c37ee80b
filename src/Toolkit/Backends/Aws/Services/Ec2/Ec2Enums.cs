using System.Text.Json.Serialization;

namespace Fleetbook.Backends.Aws.Services.Ec2;

/// <summary>EC2 <c>EventType</c> of a Spot Fleet history record (and its filter).</summary>
public enum SpotFleetEventType
{
    [JsonStringEnumMemberName("instanceChange")] InstanceChange,
    [JsonStringEnumMemberName("fleetRequestChange")] FleetRequestChange,
    [JsonStringEnumMemberName("error")] Error,
    [JsonStringEnumMemberName("information")] Information,
}

/// <summary>
/// EC2 <c>ExcessCapacityTerminationPolicy</c> of a Spot Fleet: <see cref="NoTermination"/> lowers the target without
/// killing running machines (how Distributed-Something scales down; they end through their idle alarm).
/// </summary>
public enum ExcessCapacityTerminationPolicy
{
    [JsonStringEnumMemberName("noTermination")] NoTermination,
    [JsonStringEnumMemberName("default")] Default,
}

/// <summary>EC2 <c>FleetExcessCapacityTerminationPolicy</c> of an EC2 Fleet (the same choice, spelt differently).</summary>
public enum FleetExcessCapacityTerminationPolicy
{
    [JsonStringEnumMemberName("no-termination")] NoTermination,
    [JsonStringEnumMemberName("termination")] Termination,
}

/// <summary>EC2 <c>FleetType</c>: <see cref="Maintain"/> replaces machines that go away until the target is lowered.</summary>
public enum FleetType
{
    [JsonStringEnumMemberName("request")] Request,
    [JsonStringEnumMemberName("maintain")] Maintain,
    [JsonStringEnumMemberName("instant")] Instant,
}

/// <summary>EC2 <c>SpotAllocationStrategy</c> of an EC2 Fleet.</summary>
public enum SpotAllocationStrategy
{
    [JsonStringEnumMemberName("lowest-price")] LowestPrice,
    [JsonStringEnumMemberName("diversified")] Diversified,
    [JsonStringEnumMemberName("capacity-optimized")] CapacityOptimized,
    [JsonStringEnumMemberName("capacity-optimized-prioritized")] CapacityOptimizedPrioritized,
    [JsonStringEnumMemberName("price-capacity-optimized")] PriceCapacityOptimized,
}

/// <summary>EC2 <c>DefaultTargetCapacityType</c>: what an EC2 Fleet fills its target with.</summary>
public enum DefaultTargetCapacityType
{
    [JsonStringEnumMemberName("spot")] Spot,
    [JsonStringEnumMemberName("on-demand")] OnDemand,
    [JsonStringEnumMemberName("capacity-block")] CapacityBlock,
    [JsonStringEnumMemberName("reserved-capacity")] ReservedCapacity,
}

/// <summary>The EC2 <c>ResourceType</c> values Fleetbook tags at creation.</summary>
public enum Ec2ResourceType
{
    [JsonStringEnumMemberName("instance")] Instance,
    [JsonStringEnumMemberName("volume")] Volume,
    [JsonStringEnumMemberName("network-interface")] NetworkInterface,
    [JsonStringEnumMemberName("spot-instances-request")] SpotInstancesRequest,
    [JsonStringEnumMemberName("spot-fleet-request")] SpotFleetRequest,
    [JsonStringEnumMemberName("fleet")] Fleet,
    [JsonStringEnumMemberName("launch-template")] LaunchTemplate,
}

/// <summary>EC2 <c>VolumeType</c> of an EBS volume.</summary>
public enum VolumeType
{
    [JsonStringEnumMemberName("standard")] Standard,
    [JsonStringEnumMemberName("io1")] Io1,
    [JsonStringEnumMemberName("io2")] Io2,
    [JsonStringEnumMemberName("gp2")] Gp2,
    [JsonStringEnumMemberName("sc1")] Sc1,
    [JsonStringEnumMemberName("st1")] St1,
    [JsonStringEnumMemberName("gp3")] Gp3,
}

/// <summary>EC2 <c>LaunchTemplateHttpTokensState</c>: <see cref="Required"/> means IMDSv2 only.</summary>
public enum LaunchTemplateHttpTokens
{
    [JsonStringEnumMemberName("optional")] Optional,
    [JsonStringEnumMemberName("required")] Required,
}

/// <summary>EC2 <c>LaunchTemplateInstanceMetadataEndpointState</c>.</summary>
public enum LaunchTemplateMetadataEndpoint
{
    [JsonStringEnumMemberName("disabled")] Disabled,
    [JsonStringEnumMemberName("enabled")] Enabled,
}

/// <summary>EC2 <c>FleetEventType</c> of an EC2 Fleet history record (and its filter): errors are <see cref="ServiceError"/>.</summary>
public enum FleetEventType
{
    [JsonStringEnumMemberName("instance-change")] InstanceChange,
    [JsonStringEnumMemberName("fleet-change")] FleetChange,
    [JsonStringEnumMemberName("service-error")] ServiceError,
}

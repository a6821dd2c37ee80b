namespace Fleetbook.Fleet;

internal enum MemberKind
{
    String,
    Integer,
    Double,
    Boolean,
    DateTime,
    Structure,
    List,
}

/// <summary>A member of a Spot Fleet request shape: its JSON kind, and the shape of its structure or list items.</summary>
internal sealed record FleetMember(MemberKind Kind, string? Shape = null, IReadOnlyList<string>? Allowed = null);

/// <summary>
/// The part of EC2's RequestSpotFleet input a fleet file may hold (SpotFleetRequestConfigData and what it nests),
/// as in the EC2 service model. A conformance test holds this table to ../shared/aws-models/ec2.json.
/// </summary>
internal static class FleetFileShapes
{
    public const string Root = "SpotFleetRequestConfigData";

    private static readonly string[] VolumeTypes = ["standard", "io1", "io2", "gp2", "sc1", "st1", "gp3"];

    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, FleetMember>> Shapes = new Dictionary<string, IReadOnlyDictionary<string, FleetMember>>
    {
        [Root] = new Dictionary<string, FleetMember>
        {
            ["AllocationStrategy"] = new(MemberKind.String, Allowed: ["lowestPrice", "diversified", "capacityOptimized", "capacityOptimizedPrioritized", "priceCapacityOptimized"]),
            ["OnDemandAllocationStrategy"] = new(MemberKind.String, Allowed: ["lowestPrice", "prioritized"]),
            ["ClientToken"] = new(MemberKind.String),
            ["ExcessCapacityTerminationPolicy"] = new(MemberKind.String, Allowed: ["noTermination", "default"]),
            ["FulfilledCapacity"] = new(MemberKind.Double),
            ["OnDemandFulfilledCapacity"] = new(MemberKind.Double),
            ["IamFleetRole"] = new(MemberKind.String),
            ["LaunchSpecifications"] = new(MemberKind.List, "SpotFleetLaunchSpecification"),
            ["SpotPrice"] = new(MemberKind.String),
            ["TargetCapacity"] = new(MemberKind.Integer),
            ["OnDemandTargetCapacity"] = new(MemberKind.Integer),
            ["OnDemandMaxTotalPrice"] = new(MemberKind.String),
            ["SpotMaxTotalPrice"] = new(MemberKind.String),
            ["TerminateInstancesWithExpiration"] = new(MemberKind.Boolean),
            ["Type"] = new(MemberKind.String, Allowed: ["request", "maintain", "instant"]),
            ["ValidFrom"] = new(MemberKind.DateTime),
            ["ValidUntil"] = new(MemberKind.DateTime),
            ["ReplaceUnhealthyInstances"] = new(MemberKind.Boolean),
            ["InstanceInterruptionBehavior"] = new(MemberKind.String, Allowed: ["hibernate", "stop", "terminate"]),
            ["InstancePoolsToUseCount"] = new(MemberKind.Integer),
            ["Context"] = new(MemberKind.String),
            ["TargetCapacityUnitType"] = new(MemberKind.String, Allowed: ["vcpu", "memory-mib", "units"]),
        },
        ["SpotFleetLaunchSpecification"] = new Dictionary<string, FleetMember>
        {
            ["AddressingType"] = new(MemberKind.String),
            ["BlockDeviceMappings"] = new(MemberKind.List, "BlockDeviceMapping"),
            ["EbsOptimized"] = new(MemberKind.Boolean),
            ["IamInstanceProfile"] = new(MemberKind.Structure, "IamInstanceProfileSpecification"),
            ["ImageId"] = new(MemberKind.String),
            ["InstanceType"] = new(MemberKind.String),
            ["KernelId"] = new(MemberKind.String),
            ["KeyName"] = new(MemberKind.String),
            ["Monitoring"] = new(MemberKind.Structure, "SpotFleetMonitoring"),
            ["NetworkInterfaces"] = new(MemberKind.List, "InstanceNetworkInterfaceSpecification"),
            ["Placement"] = new(MemberKind.Structure, "SpotPlacement"),
            ["RamdiskId"] = new(MemberKind.String),
            ["SpotPrice"] = new(MemberKind.String),
            ["SubnetId"] = new(MemberKind.String),
            ["UserData"] = new(MemberKind.String),
            ["WeightedCapacity"] = new(MemberKind.Double),
            ["SecurityGroups"] = new(MemberKind.List, "GroupIdentifier"),
        },
        ["BlockDeviceMapping"] = new Dictionary<string, FleetMember>
        {
            ["Ebs"] = new(MemberKind.Structure, "EbsBlockDevice"),
            ["NoDevice"] = new(MemberKind.String),
            ["DeviceName"] = new(MemberKind.String),
            ["VirtualName"] = new(MemberKind.String),
        },
        ["EbsBlockDevice"] = new Dictionary<string, FleetMember>
        {
            ["DeleteOnTermination"] = new(MemberKind.Boolean),
            ["Iops"] = new(MemberKind.Integer),
            ["SnapshotId"] = new(MemberKind.String),
            ["VolumeSize"] = new(MemberKind.Integer),
            ["VolumeType"] = new(MemberKind.String, Allowed: VolumeTypes),
            ["KmsKeyId"] = new(MemberKind.String),
            ["Throughput"] = new(MemberKind.Integer),
            ["Encrypted"] = new(MemberKind.Boolean),
        },
        ["IamInstanceProfileSpecification"] = new Dictionary<string, FleetMember>
        {
            ["Arn"] = new(MemberKind.String),
            ["Name"] = new(MemberKind.String),
        },
        ["SpotFleetMonitoring"] = new Dictionary<string, FleetMember>
        {
            ["Enabled"] = new(MemberKind.Boolean),
        },
        ["SpotPlacement"] = new Dictionary<string, FleetMember>
        {
            ["AvailabilityZone"] = new(MemberKind.String),
            ["GroupName"] = new(MemberKind.String),
            ["Tenancy"] = new(MemberKind.String, Allowed: ["default", "dedicated", "host"]),
        },
        ["InstanceNetworkInterfaceSpecification"] = new Dictionary<string, FleetMember>
        {
            ["AssociatePublicIpAddress"] = new(MemberKind.Boolean),
            ["DeleteOnTermination"] = new(MemberKind.Boolean),
            ["Description"] = new(MemberKind.String),
            ["DeviceIndex"] = new(MemberKind.Integer),
            ["Groups"] = new(MemberKind.List, "String"),
            ["Ipv6AddressCount"] = new(MemberKind.Integer),
            ["NetworkInterfaceId"] = new(MemberKind.String),
            ["PrivateIpAddress"] = new(MemberKind.String),
            ["SecondaryPrivateIpAddressCount"] = new(MemberKind.Integer),
            ["SubnetId"] = new(MemberKind.String),
            ["InterfaceType"] = new(MemberKind.String),
            ["NetworkCardIndex"] = new(MemberKind.Integer),
        },
        ["GroupIdentifier"] = new Dictionary<string, FleetMember>
        {
            ["GroupName"] = new(MemberKind.String),
            ["GroupId"] = new(MemberKind.String),
        },
    };
}

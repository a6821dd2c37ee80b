namespace Fleetbook.Backends.Aws.Services.Ec2;

/// <summary>CreateLaunchTemplate: what every machine of an EC2 Fleet starts from.</summary>
public sealed record CreateLaunchTemplateRequest(
    string LaunchTemplateName,
    LaunchTemplateData LaunchTemplateData,
    string? VersionDescription = null,
    IReadOnlyList<TagSpecification>? TagSpecifications = null,
    string? ClientToken = null);

public sealed record CreateLaunchTemplateResponse
{
    public LaunchTemplate? LaunchTemplate { get; init; }

    public LaunchTemplateWarning? Warning { get; init; }
}

/// <summary>DeleteLaunchTemplate: by id or by name (give one).</summary>
public sealed record DeleteLaunchTemplateRequest(string? LaunchTemplateId = null, string? LaunchTemplateName = null);

public sealed record DeleteLaunchTemplateResponse
{
    public LaunchTemplate? LaunchTemplate { get; init; }
}

/// <summary>
/// The machine a launch template describes (model shape <c>RequestLaunchTemplateData</c>): the image, the instance
/// type (usually left to the fleet's overrides), the instance profile that lets the ECS agent join, disks, network,
/// the user data (base64), the tags of what it launches and how its machines may reach instance metadata.
/// </summary>
public sealed record LaunchTemplateData(
    string? ImageId = null,
    string? InstanceType = null,
    LaunchTemplateIamInstanceProfile? IamInstanceProfile = null,
    IReadOnlyList<LaunchTemplateBlockDeviceMapping>? BlockDeviceMappings = null,
    IReadOnlyList<LaunchTemplateNetworkInterface>? NetworkInterfaces = null,
    string? UserData = null,
    string? KeyName = null,
    IReadOnlyList<string>? SecurityGroupIds = null,
    IReadOnlyList<TagSpecification>? TagSpecifications = null,
    LaunchTemplateInstanceMetadataOptions? MetadataOptions = null);

/// <summary>An instance profile by ARN or by name (such as <c>ecsInstanceRole</c>).</summary>
public sealed record LaunchTemplateIamInstanceProfile(string? Arn = null, string? Name = null);

/// <summary>A disk of a launch template.</summary>
public sealed record LaunchTemplateBlockDeviceMapping(string DeviceName, LaunchTemplateEbs? Ebs = null);

/// <summary>The EBS volume behind a device; <paramref name="VolumeSize"/> in GiB.</summary>
public sealed record LaunchTemplateEbs(
    int? VolumeSize = null,
    VolumeType? VolumeType = null,
    bool? DeleteOnTermination = null,
    bool? Encrypted = null,
    string? SnapshotId = null,
    int? Iops = null,
    int? Throughput = null);

/// <summary>A network interface of a launch template: the subnet, the security groups (<c>Groups</c>) and the public IP.</summary>
public sealed record LaunchTemplateNetworkInterface(
    int? DeviceIndex = null,
    string? SubnetId = null,
    IReadOnlyList<string>? Groups = null,
    bool? AssociatePublicIpAddress = null,
    bool? DeleteOnTermination = null);

/// <summary>
/// The instance metadata service of a launch template's machines (model shape
/// <c>LaunchTemplateInstanceMetadataOptionsRequest</c>): <paramref name="HttpPutResponseHopLimit"/> 2 lets containers on
/// a bridge network read it (the default 1 stops at the docker bridge).
/// </summary>
public sealed record LaunchTemplateInstanceMetadataOptions(
    LaunchTemplateHttpTokens? HttpTokens = null,
    int? HttpPutResponseHopLimit = null,
    LaunchTemplateMetadataEndpoint? HttpEndpoint = null);

/// <summary>A launch template as created or deleted.</summary>
public sealed record LaunchTemplate
{
    public string? LaunchTemplateId { get; init; }

    public string? LaunchTemplateName { get; init; }

    public DateTimeOffset? CreateTime { get; init; }

    public long DefaultVersionNumber { get; init; }

    public long LatestVersionNumber { get; init; }

    public IReadOnlyList<AwsTag> Tags { get; init; } = [];
}

/// <summary>Parameters EC2 accepted but will not honour (model shape <c>ValidationWarning</c>).</summary>
public sealed record LaunchTemplateWarning
{
    public IReadOnlyList<Ec2Error> Errors { get; init; } = [];
}

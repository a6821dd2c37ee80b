namespace Fleetbook.Backends.Aws.Services.Ec2;

/// <summary>DescribeImages: images by id, owner or filter (e.g. name <c>amzn2-ami-ecs-hvm-*</c>, owner <c>amazon</c>).</summary>
public sealed record DescribeImagesRequest(
    IReadOnlyList<string>? ImageIds = null,
    IReadOnlyList<string>? Owners = null,
    IReadOnlyList<Ec2Filter>? Filters = null,
    bool? IncludeDeprecated = null,
    string? NextToken = null,
    int? MaxResults = null);

public sealed record DescribeImagesResponse
{
    public IReadOnlyList<Image> Images { get; init; } = [];

    public string? NextToken { get; init; }
}

/// <summary>A machine image: whether it is available, how old, for which CPU, and its disks.</summary>
public sealed record Image
{
    public string? ImageId { get; init; }

    public string? Name { get; init; }

    public string? Description { get; init; }

    public string? OwnerId { get; init; }

    /// <summary>available, pending, deregistered, failed…</summary>
    public string? State { get; init; }

    /// <summary>x86_64, arm64…</summary>
    public string? Architecture { get; init; }

    /// <summary>ISO-8601 text, as EC2 gives it.</summary>
    public string? CreationDate { get; init; }

    /// <summary>ISO-8601 text, as EC2 gives it; absent when the image has no deprecation date.</summary>
    public string? DeprecationTime { get; init; }

    public string? RootDeviceName { get; init; }

    public IReadOnlyList<BlockDeviceMapping> BlockDeviceMappings { get; init; } = [];
}

/// <summary>A disk of an image.</summary>
public sealed record BlockDeviceMapping
{
    public string? DeviceName { get; init; }

    public EbsBlockDevice? Ebs { get; init; }
}

/// <summary>The EBS volume behind an image's device.</summary>
public sealed record EbsBlockDevice
{
    public string? SnapshotId { get; init; }

    public int? VolumeSize { get; init; }

    public string? VolumeType { get; init; }

    public bool? DeleteOnTermination { get; init; }

    public bool? Encrypted { get; init; }
}

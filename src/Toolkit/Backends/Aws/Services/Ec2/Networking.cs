namespace Fleetbook.Backends.Aws.Services.Ec2;

/// <summary>DescribeSubnets: subnets by id or filter (e.g. <c>vpc-id</c>, <c>default-for-az</c>).</summary>
public sealed record DescribeSubnetsRequest(IReadOnlyList<string>? SubnetIds = null, IReadOnlyList<Ec2Filter>? Filters = null, string? NextToken = null, int? MaxResults = null);

public sealed record DescribeSubnetsResponse
{
    public IReadOnlyList<Subnet> Subnets { get; init; } = [];

    public string? NextToken { get; init; }
}

/// <summary>A subnet: its VPC and zone, free addresses, and whether machines get a public IP there by default.</summary>
public sealed record Subnet
{
    public string? SubnetId { get; init; }

    public string? VpcId { get; init; }

    public string? AvailabilityZone { get; init; }

    public string? AvailabilityZoneId { get; init; }

    public string? CidrBlock { get; init; }

    public int AvailableIpAddressCount { get; init; }

    public bool MapPublicIpOnLaunch { get; init; }

    public bool DefaultForAz { get; init; }

    public string? State { get; init; }

    public IReadOnlyList<AwsTag> Tags { get; init; } = [];
}

/// <summary>DescribeSecurityGroups: security groups by id, name or filter.</summary>
public sealed record DescribeSecurityGroupsRequest(
    IReadOnlyList<string>? GroupIds = null,
    IReadOnlyList<string>? GroupNames = null,
    IReadOnlyList<Ec2Filter>? Filters = null,
    string? NextToken = null,
    int? MaxResults = null);

public sealed record DescribeSecurityGroupsResponse
{
    public IReadOnlyList<SecurityGroup> SecurityGroups { get; init; } = [];

    public string? NextToken { get; init; }
}

/// <summary>A security group and the VPC it belongs to.</summary>
public sealed record SecurityGroup
{
    public string? GroupId { get; init; }

    public string? GroupName { get; init; }

    public string? Description { get; init; }

    public string? VpcId { get; init; }

    public IReadOnlyList<AwsTag> Tags { get; init; } = [];
}

namespace Fleetbook.Backends.Aws.Services.Ec2;

/// <summary>DescribeInstances: machines by id or by filter (e.g. <c>tag:fleetbook:run</c>).</summary>
public sealed record DescribeInstancesRequest(IReadOnlyList<string>? InstanceIds = null, IReadOnlyList<Ec2Filter>? Filters = null, string? NextToken = null, int? MaxResults = null);

public sealed record DescribeInstancesResponse
{
    public IReadOnlyList<Reservation> Reservations { get; init; } = [];

    public string? NextToken { get; init; }

    /// <summary>The machines of every reservation.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<Ec2Instance> Instances => Reservations.SelectMany(r => r.Instances).ToArray();
}

/// <summary>Machines launched together.</summary>
public sealed record Reservation
{
    public string? ReservationId { get; init; }

    public IReadOnlyList<Ec2Instance> Instances { get; init; } = [];
}

/// <summary>A machine (model shape <c>Instance</c>): what it is, where, since when, and why it stopped if it did.</summary>
public sealed record Ec2Instance
{
    public string? InstanceId { get; init; }

    public string? InstanceType { get; init; }

    public string? ImageId { get; init; }

    public InstanceState? State { get; init; }

    public StateReason? StateReason { get; init; }

    public DateTimeOffset? LaunchTime { get; init; }

    /// <summary>spot for a spot machine; absent for on-demand.</summary>
    public string? InstanceLifecycle { get; init; }

    public string? SpotInstanceRequestId { get; init; }

    public string? SubnetId { get; init; }

    public string? VpcId { get; init; }

    /// <summary>Where the machine runs (its availability zone: spot prices differ by zone).</summary>
    public Placement? Placement { get; init; }

    public string? PrivateIpAddress { get; init; }

    public string? PublicIpAddress { get; init; }

    public IReadOnlyList<AwsTag> Tags { get; init; } = [];
}

/// <summary>Where a machine runs (model shape <c>Placement</c>).</summary>
public sealed record Placement
{
    public string? AvailabilityZone { get; init; }
}

/// <summary>pending, running, shutting-down, terminated, stopping or stopped, with its numeric code.</summary>
public sealed record InstanceState
{
    public int Code { get; init; }

    public string? Name { get; init; }
}

/// <summary>Why a machine changed state, e.g. <c>Server.SpotInstanceTermination</c>.</summary>
public sealed record StateReason
{
    public string? Code { get; init; }

    public string? Message { get; init; }
}

/// <summary>CreateTags: adds or overwrites tags on EC2 resources by id.</summary>
public sealed record CreateTagsRequest(IReadOnlyList<string> Resources, IReadOnlyList<AwsTag> Tags);

public sealed record CreateTagsResponse;

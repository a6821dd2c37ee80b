namespace Fleetbook.Backends.Aws.Services.Ec2;

/// <summary>A Describe filter, such as <c>tag:fleetbook:run</c> = [<c>myapp</c>] or <c>instance-state-name</c> = [<c>running</c>].</summary>
public sealed record Ec2Filter(string Name, IReadOnlyList<string> Values);

/// <summary>Tags applied to a resource of <paramref name="ResourceType"/> as it is created.</summary>
public sealed record TagSpecification(Ec2ResourceType ResourceType, IReadOnlyList<AwsTag> Tags);

/// <summary>Why one item of a batch call failed.</summary>
public sealed record Ec2Error
{
    public string? Code { get; init; }

    public string? Message { get; init; }
}

/// <summary>A machine a Spot Fleet or EC2 Fleet currently runs.</summary>
public sealed record ActiveInstance
{
    public string? InstanceId { get; init; }

    public string? InstanceType { get; init; }

    public string? SpotInstanceRequestId { get; init; }

    /// <summary>healthy or unhealthy (only reported when health checks are on).</summary>
    public string? InstanceHealth { get; init; }
}

namespace Fleetbook.Backends.Aws.Services.Ecs;

/// <summary>TagResource: adds tags to a cluster, service, task definition, task or container instance by ARN.</summary>
public sealed record TagResourceRequest(string ResourceArn, IReadOnlyList<AwsTag> Tags);

public sealed record TagResourceResponse;

/// <summary>ListTagsForResource: the tags of an ECS resource by ARN.</summary>
public sealed record ListTagsForResourceRequest(string ResourceArn);

public sealed record ListTagsForResourceResponse
{
    public IReadOnlyList<AwsTag> Tags { get; init; } = [];
}

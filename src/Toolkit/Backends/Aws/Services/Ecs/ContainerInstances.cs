namespace Fleetbook.Backends.Aws.Services.Ecs;

/// <summary>ListContainerInstances: one page of the ARNs of the machines registered in a cluster.</summary>
public sealed record ListContainerInstancesRequest(string? Cluster = null, ContainerInstanceStatus? Status = null, string? Filter = null, string? NextToken = null, int? MaxResults = null);

public sealed record ListContainerInstancesResponse
{
    public IReadOnlyList<string> ContainerInstanceArns { get; init; } = [];

    public string? NextToken { get; init; }
}

/// <summary>DescribeContainerInstances: up to 100 container instances by ARN or id.</summary>
public sealed record DescribeContainerInstancesRequest(IReadOnlyList<string> ContainerInstances, string? Cluster = null, IReadOnlyList<ContainerInstanceField>? Include = null);

public sealed record DescribeContainerInstancesResponse
{
    public IReadOnlyList<ContainerInstance> ContainerInstances { get; init; } = [];

    public IReadOnlyList<EcsFailure> Failures { get; init; } = [];
}

/// <summary>A machine registered in a cluster: which EC2 instance it is, whether its agent is connected, what it runs.</summary>
public sealed record ContainerInstance
{
    public string? ContainerInstanceArn { get; init; }

    public string? Ec2InstanceId { get; init; }

    /// <summary>ACTIVE, DRAINING, REGISTERING, DEREGISTERING or REGISTRATION_FAILED.</summary>
    public string? Status { get; init; }

    public string? StatusReason { get; init; }

    public bool AgentConnected { get; init; }

    public int RunningTasksCount { get; init; }

    public int PendingTasksCount { get; init; }

    public DateTimeOffset? RegisteredAt { get; init; }
}

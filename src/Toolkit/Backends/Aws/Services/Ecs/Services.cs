namespace Fleetbook.Backends.Aws.Services.Ecs;

/// <summary>
/// CreateService: keeps <paramref name="DesiredCount"/> copies of the task running. Distributed-Something creates it at 0
/// with no launch type; for Fargate Spot give a <paramref name="CapacityProviderStrategy"/> of FARGATE_SPOT and an awsvpc
/// <paramref name="NetworkConfiguration"/>.
/// </summary>
public sealed record CreateServiceRequest(
    string ServiceName,
    string? Cluster = null,
    string? TaskDefinition = null,
    int? DesiredCount = null,
    LaunchType? LaunchType = null,
    IReadOnlyList<CapacityProviderStrategyItem>? CapacityProviderStrategy = null,
    string? PlatformVersion = null,
    NetworkConfiguration? NetworkConfiguration = null,
    IReadOnlyList<AwsTag>? Tags = null,
    PropagateTags? PropagateTags = null,
    string? ClientToken = null);

public sealed record CreateServiceResponse
{
    public EcsService? Service { get; init; }
}

/// <summary>UpdateService: most often just a new <paramref name="DesiredCount"/> (machines × tasks at start, 0 at cleanup).</summary>
public sealed record UpdateServiceRequest(
    string Service,
    string? Cluster = null,
    int? DesiredCount = null,
    string? TaskDefinition = null,
    IReadOnlyList<CapacityProviderStrategyItem>? CapacityProviderStrategy = null,
    NetworkConfiguration? NetworkConfiguration = null,
    bool? ForceNewDeployment = null);

public sealed record UpdateServiceResponse
{
    public EcsService? Service { get; init; }
}

/// <summary>DeleteService: <paramref name="Force"/> deletes a service that still has a desired count above 0.</summary>
public sealed record DeleteServiceRequest(string Service, string? Cluster = null, bool? Force = null);

public sealed record DeleteServiceResponse
{
    public EcsService? Service { get; init; }
}

/// <summary>DescribeServices: up to 10 services by name or ARN.</summary>
public sealed record DescribeServicesRequest(IReadOnlyList<string> Services, string? Cluster = null, IReadOnlyList<IncludeField>? Include = null);

public sealed record DescribeServicesResponse
{
    public IReadOnlyList<EcsService> Services { get; init; } = [];

    public IReadOnlyList<EcsFailure> Failures { get; init; } = [];
}

/// <summary>ListServices: one page of service ARNs in a cluster.</summary>
public sealed record ListServicesRequest(string? Cluster = null, LaunchType? LaunchType = null, string? NextToken = null, int? MaxResults = null);

public sealed record ListServicesResponse
{
    public IReadOnlyList<string> ServiceArns { get; init; } = [];

    public string? NextToken { get; init; }
}

/// <summary>The awsvpc network of a Fargate (or awsvpc-mode) task: its subnets, security groups and public IP.</summary>
public sealed record NetworkConfiguration(AwsVpcConfiguration? AwsvpcConfiguration = null);

/// <summary>Subnets and security groups of awsvpc tasks; Fargate tasks in a public subnet need <see cref="AssignPublicIp.Enabled"/> to pull images without a NAT.</summary>
public sealed record AwsVpcConfiguration(IReadOnlyList<string> Subnets, IReadOnlyList<string>? SecurityGroups = null, AssignPublicIp? AssignPublicIp = null);

/// <summary>An ECS service (model shape <c>Service</c>) with its counts, its deployments and the events that explain them.</summary>
public sealed record EcsService
{
    public string? ServiceArn { get; init; }

    public string? ServiceName { get; init; }

    public string? ClusterArn { get; init; }

    /// <summary>ACTIVE, DRAINING or INACTIVE.</summary>
    public string? Status { get; init; }

    public int DesiredCount { get; init; }

    public int RunningCount { get; init; }

    public int PendingCount { get; init; }

    public LaunchType? LaunchType { get; init; }

    public IReadOnlyList<CapacityProviderStrategyItem> CapacityProviderStrategy { get; init; } = [];

    public string? TaskDefinition { get; init; }

    public NetworkConfiguration? NetworkConfiguration { get; init; }

    public IReadOnlyList<Deployment> Deployments { get; init; } = [];

    /// <summary>The newest first: "unable to place a task…", "has reached a steady state".</summary>
    public IReadOnlyList<ServiceEvent> Events { get; init; } = [];

    public DateTimeOffset? CreatedAt { get; init; }

    public IReadOnlyList<AwsTag> Tags { get; init; } = [];
}

/// <summary>A deployment of a service (the PRIMARY one is the current task definition).</summary>
public sealed record Deployment
{
    public string? Id { get; init; }

    /// <summary>PRIMARY, ACTIVE or INACTIVE.</summary>
    public string? Status { get; init; }

    public string? TaskDefinition { get; init; }

    public int DesiredCount { get; init; }

    public int PendingCount { get; init; }

    public int RunningCount { get; init; }

    public int FailedTasks { get; init; }

    /// <summary>COMPLETED, FAILED or IN_PROGRESS.</summary>
    public string? RolloutState { get; init; }

    public string? RolloutStateReason { get; init; }
}

/// <summary>One line of a service's event log.</summary>
public sealed record ServiceEvent
{
    public string? Id { get; init; }

    public DateTimeOffset? CreatedAt { get; init; }

    public string? Message { get; init; }
}

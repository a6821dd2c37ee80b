namespace Fleetbook.Backends.Aws.Services.Ecs;

/// <summary>
/// RegisterTaskDefinition: a new revision of <paramref name="Family"/>. For Fargate set <paramref name="RequiresCompatibilities"/>
/// to FARGATE, <paramref name="NetworkMode"/> to awsvpc, the task-level <paramref name="Cpu"/> and <paramref name="Memory"/>
/// (e.g. "1024" and "2048") and an <paramref name="ExecutionRoleArn"/> that may pull the image and write the logs.
/// </summary>
public sealed record RegisterTaskDefinitionRequest(
    string Family,
    IReadOnlyList<ContainerDefinition> ContainerDefinitions,
    string? TaskRoleArn = null,
    string? ExecutionRoleArn = null,
    NetworkMode? NetworkMode = null,
    IReadOnlyList<Compatibility>? RequiresCompatibilities = null,
    string? Cpu = null,
    string? Memory = null,
    IReadOnlyList<AwsTag>? Tags = null);

public sealed record RegisterTaskDefinitionResponse
{
    public TaskDefinition? TaskDefinition { get; init; }

    public IReadOnlyList<AwsTag> Tags { get; init; } = [];
}

/// <summary>DeregisterTaskDefinition: one revision, as <c>family:revision</c> or its ARN.</summary>
public sealed record DeregisterTaskDefinitionRequest(string TaskDefinition);

public sealed record DeregisterTaskDefinitionResponse
{
    public TaskDefinition? TaskDefinition { get; init; }
}

/// <summary>ListTaskDefinitions: one page of revision ARNs, e.g. of family prefix <c>APP_NAMETask</c> with status ACTIVE.</summary>
public sealed record ListTaskDefinitionsRequest(
    string? FamilyPrefix = null,
    TaskDefinitionStatus? Status = null,
    SortOrder? Sort = null,
    string? NextToken = null,
    int? MaxResults = null);

public sealed record ListTaskDefinitionsResponse
{
    public IReadOnlyList<string> TaskDefinitionArns { get; init; } = [];

    public string? NextToken { get; init; }
}

/// <summary>DescribeTaskDefinition: a family (its latest ACTIVE revision), <c>family:revision</c> or an ARN.</summary>
public sealed record DescribeTaskDefinitionRequest(string TaskDefinition, IReadOnlyList<IncludeField>? Include = null);

public sealed record DescribeTaskDefinitionResponse
{
    public TaskDefinition? TaskDefinition { get; init; }

    public IReadOnlyList<AwsTag> Tags { get; init; } = [];
}

/// <summary>A registered task definition revision.</summary>
public sealed record TaskDefinition
{
    public string? TaskDefinitionArn { get; init; }

    public string? Family { get; init; }

    public int Revision { get; init; }

    /// <summary>ACTIVE, INACTIVE or DELETE_IN_PROGRESS.</summary>
    public string? Status { get; init; }

    public IReadOnlyList<ContainerDefinition> ContainerDefinitions { get; init; } = [];

    public string? TaskRoleArn { get; init; }

    public string? ExecutionRoleArn { get; init; }

    public NetworkMode? NetworkMode { get; init; }

    public IReadOnlyList<Compatibility> RequiresCompatibilities { get; init; } = [];

    public string? Cpu { get; init; }

    public string? Memory { get; init; }

    public DateTimeOffset? RegisteredAt { get; init; }
}

/// <summary>
/// One container of a task definition. <paramref name="Cpu"/> is in CPU units (1024 = one vCPU), <paramref name="Memory"/>
/// the hard limit in MiB; <paramref name="Privileged"/> is what s3fs (FUSE) needs on EC2, and is not allowed on Fargate.
/// </summary>
public sealed record ContainerDefinition(
    string Name,
    string Image,
    int? Cpu = null,
    int? Memory = null,
    int? MemoryReservation = null,
    bool? Essential = null,
    bool? Privileged = null,
    IReadOnlyList<string>? EntryPoint = null,
    IReadOnlyList<string>? Command = null,
    IReadOnlyList<EnvironmentVariable>? Environment = null,
    LogConfiguration? LogConfiguration = null,
    int? StopTimeout = null);

/// <summary>A container environment variable (ECS <c>KeyValuePair</c>).</summary>
public sealed record EnvironmentVariable(string Name, string Value);

/// <summary>
/// Where a container's output goes: for the <c>_perInstance</c> group, <see cref="LogDriver.Awslogs"/> with options
/// <c>awslogs-group</c>, <c>awslogs-region</c> and <c>awslogs-stream-prefix</c>.
/// </summary>
public sealed record LogConfiguration(LogDriver LogDriver, IReadOnlyDictionary<string, string>? Options = null);

namespace Fleetbook.Backends.Aws.Services.Ecs;

/// <summary>ListTasks: one page of task ARNs, e.g. of a service, RUNNING or STOPPED.</summary>
public sealed record ListTasksRequest(
    string? Cluster = null,
    string? ServiceName = null,
    string? Family = null,
    string? ContainerInstance = null,
    DesiredStatus? DesiredStatus = null,
    LaunchType? LaunchType = null,
    string? NextToken = null,
    int? MaxResults = null);

public sealed record ListTasksResponse
{
    public IReadOnlyList<string> TaskArns { get; init; } = [];

    public string? NextToken { get; init; }
}

/// <summary>DescribeTasks: up to 100 tasks by ARN or id.</summary>
public sealed record DescribeTasksRequest(IReadOnlyList<string> Tasks, string? Cluster = null, IReadOnlyList<IncludeField>? Include = null);

public sealed record DescribeTasksResponse
{
    public IReadOnlyList<EcsTask> Tasks { get; init; } = [];

    public IReadOnlyList<EcsFailure> Failures { get; init; } = [];
}

/// <summary>A running or stopped task (model shape <c>Task</c>): where it runs, its status and, once stopped, why.</summary>
public sealed record EcsTask
{
    public string? TaskArn { get; init; }

    public string? TaskDefinitionArn { get; init; }

    public string? ClusterArn { get; init; }

    public string? ContainerInstanceArn { get; init; }

    /// <summary>PROVISIONING, PENDING, ACTIVATING, RUNNING, DEACTIVATING, STOPPING, DEPROVISIONING or STOPPED.</summary>
    public string? LastStatus { get; init; }

    public string? DesiredStatus { get; init; }

    public LaunchType? LaunchType { get; init; }

    /// <summary>FARGATE_SPOT for a task placed by that capacity provider.</summary>
    public string? CapacityProviderName { get; init; }

    public string? AvailabilityZone { get; init; }

    public string? Cpu { get; init; }

    public string? Memory { get; init; }

    public string? Group { get; init; }

    /// <summary>TaskFailedToStart, EssentialContainerExited, UserInitiated, ServiceSchedulerInitiated, SpotInterruption, TerminationNotice…</summary>
    public string? StopCode { get; init; }

    public string? StoppedReason { get; init; }

    public DateTimeOffset? CreatedAt { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? StoppingAt { get; init; }

    public DateTimeOffset? StoppedAt { get; init; }

    public IReadOnlyList<TaskContainer> Containers { get; init; } = [];

    public IReadOnlyList<AwsTag> Tags { get; init; } = [];
}

/// <summary>A container of a task (model shape <c>Container</c>): its status and, once it exited, the exit code and reason.</summary>
public sealed record TaskContainer
{
    public string? Name { get; init; }

    public string? Image { get; init; }

    public string? LastStatus { get; init; }

    public int? ExitCode { get; init; }

    public string? Reason { get; init; }
}

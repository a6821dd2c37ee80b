using System.Text.Json.Serialization;

namespace Fleetbook.Backends.Aws.Services.Ecs;

/// <summary>ECS <c>LaunchType</c>.</summary>
public enum LaunchType
{
    [JsonStringEnumMemberName("EC2")] Ec2,
    [JsonStringEnumMemberName("FARGATE")] Fargate,
    [JsonStringEnumMemberName("EXTERNAL")] External,
    [JsonStringEnumMemberName("MANAGED_INSTANCES")] ManagedInstances,
}

/// <summary>ECS <c>Compatibility</c>: what a task definition is valid for (<c>requiresCompatibilities</c>).</summary>
public enum Compatibility
{
    [JsonStringEnumMemberName("EC2")] Ec2,
    [JsonStringEnumMemberName("FARGATE")] Fargate,
    [JsonStringEnumMemberName("EXTERNAL")] External,
    [JsonStringEnumMemberName("MANAGED_INSTANCES")] ManagedInstances,
}

/// <summary>ECS <c>NetworkMode</c> of a task definition; Fargate needs <see cref="Awsvpc"/>.</summary>
public enum NetworkMode
{
    [JsonStringEnumMemberName("bridge")] Bridge,
    [JsonStringEnumMemberName("host")] Host,
    [JsonStringEnumMemberName("awsvpc")] Awsvpc,
    [JsonStringEnumMemberName("none")] None,
}

/// <summary>ECS <c>AssignPublicIp</c> of an awsvpc network configuration.</summary>
public enum AssignPublicIp
{
    [JsonStringEnumMemberName("ENABLED")] Enabled,
    [JsonStringEnumMemberName("DISABLED")] Disabled,
}

/// <summary>ECS <c>LogDriver</c> of a container's log configuration.</summary>
public enum LogDriver
{
    [JsonStringEnumMemberName("json-file")] JsonFile,
    [JsonStringEnumMemberName("syslog")] Syslog,
    [JsonStringEnumMemberName("journald")] Journald,
    [JsonStringEnumMemberName("gelf")] Gelf,
    [JsonStringEnumMemberName("fluentd")] Fluentd,
    [JsonStringEnumMemberName("awslogs")] Awslogs,
    [JsonStringEnumMemberName("splunk")] Splunk,
    [JsonStringEnumMemberName("awsfirelens")] Awsfirelens,
}

/// <summary>ECS <c>TaskDefinitionStatus</c>, the filter of ListTaskDefinitions.</summary>
public enum TaskDefinitionStatus
{
    [JsonStringEnumMemberName("ACTIVE")] Active,
    [JsonStringEnumMemberName("INACTIVE")] Inactive,
    [JsonStringEnumMemberName("DELETE_IN_PROGRESS")] DeleteInProgress,
}

/// <summary>ECS <c>SortOrder</c> of ListTaskDefinitions.</summary>
public enum SortOrder
{
    [JsonStringEnumMemberName("ASC")] Ascending,
    [JsonStringEnumMemberName("DESC")] Descending,
}

/// <summary>ECS <c>DesiredStatus</c>, the filter of ListTasks.</summary>
public enum DesiredStatus
{
    [JsonStringEnumMemberName("RUNNING")] Running,
    [JsonStringEnumMemberName("PENDING")] Pending,
    [JsonStringEnumMemberName("STOPPED")] Stopped,
}

/// <summary>ECS <c>ContainerInstanceStatus</c>, the filter of ListContainerInstances.</summary>
public enum ContainerInstanceStatus
{
    [JsonStringEnumMemberName("ACTIVE")] Active,
    [JsonStringEnumMemberName("DRAINING")] Draining,
    [JsonStringEnumMemberName("REGISTERING")] Registering,
    [JsonStringEnumMemberName("DEREGISTERING")] Deregistering,
    [JsonStringEnumMemberName("REGISTRATION_FAILED")] RegistrationFailed,
}

/// <summary>ECS <c>PropagateTags</c>: where a service's tasks take their tags from.</summary>
public enum PropagateTags
{
    [JsonStringEnumMemberName("TASK_DEFINITION")] TaskDefinition,
    [JsonStringEnumMemberName("SERVICE")] Service,
    [JsonStringEnumMemberName("NONE")] None,
}

/// <summary>ECS <c>ClusterField</c>: extra details DescribeClusters can include.</summary>
public enum ClusterField
{
    [JsonStringEnumMemberName("ATTACHMENTS")] Attachments,
    [JsonStringEnumMemberName("CONFIGURATIONS")] Configurations,
    [JsonStringEnumMemberName("SETTINGS")] Settings,
    [JsonStringEnumMemberName("STATISTICS")] Statistics,
    [JsonStringEnumMemberName("TAGS")] Tags,
}

/// <summary>The one extra detail DescribeTaskDefinition, DescribeServices and DescribeTasks can include: tags (<c>TaskDefinitionField</c>, <c>ServiceField</c>, <c>TaskField</c>).</summary>
public enum IncludeField
{
    [JsonStringEnumMemberName("TAGS")] Tags,
}

/// <summary>ECS <c>ContainerInstanceField</c>: extra details DescribeContainerInstances can include.</summary>
public enum ContainerInstanceField
{
    [JsonStringEnumMemberName("TAGS")] Tags,
    [JsonStringEnumMemberName("CONTAINER_INSTANCE_HEALTH")] ContainerInstanceHealth,
}

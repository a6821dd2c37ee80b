using System.Text.Json.Nodes;

namespace Fleetbook.Tests.Aws.Fake;

internal sealed class EcsCluster
{
    public required string Name { get; init; }
    public required string Arn { get; init; }
    public string Status { get; set; } = "ACTIVE";
    public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);
    public List<string> CapacityProviders { get; set; } = [];
    public JsonArray DefaultStrategy { get; set; } = [];
    public JsonArray? Settings { get; set; }
    public JsonObject? Configuration { get; set; }
}

internal sealed class EcsTaskDefinition
{
    public required string Family { get; init; }
    public required int Revision { get; init; }
    public required string Arn { get; init; }
    public string Status { get; set; } = "ACTIVE";

    /// <summary>The registration's members that the TaskDefinition shape has (echoed by Describe).</summary>
    public required JsonObject Registered { get; init; }

    public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);
    public required DateTimeOffset RegisteredAt { get; init; }
    public DateTimeOffset? DeregisteredAt { get; set; }
    public DateTimeOffset? DeleteRequestedAt { get; set; }

    public IEnumerable<JsonObject> Containers => Registered.Objects("containerDefinitions");

    /// <summary>The container a task runs: the first essential one (essential is true unless set false).</summary>
    public JsonObject MainContainer => Containers.FirstOrDefault(c => c.Bool("essential") != false) ?? Containers.First();

    public bool FargateCompatible => Registered.Strings("requiresCompatibilities").Contains("FARGATE");
}

internal sealed class EcsService
{
    public required string Name { get; init; }
    public required string Arn { get; init; }
    public required string ClusterName { get; init; }
    public string Status { get; set; } = "ACTIVE";
    public int DesiredCount { get; set; }
    public required string TaskDefinitionArn { get; set; }
    public string? LaunchType { get; set; }
    public JsonArray? CapacityProviderStrategy { get; set; }
    public JsonObject? NetworkConfiguration { get; set; }
    public string SchedulingStrategy { get; set; } = "REPLICA";
    public string? PropagateTags { get; set; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public required string DeploymentId { get; set; }
    public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);

    /// <summary>The creation input's members that the Service shape has (echoed by Describe).</summary>
    public required JsonObject Created { get; init; }

    /// <summary>Newest first, as ECS lists them.</summary>
    public List<(string Id, DateTimeOffset At, string Message)> Events { get; } = [];

    public DateTimeOffset NextStartAttempt { get; set; }
    public string? LastPlacementProblem { get; set; }
    public int FailedTasks { get; set; }

    public bool IsFargate => LaunchType == "FARGATE"
        || (CapacityProviderStrategy ?? []).OfType<JsonObject>().Any(i => i.Str("capacityProvider") is "FARGATE" or "FARGATE_SPOT");

    public string? CapacityProviderName => (CapacityProviderStrategy ?? []).OfType<JsonObject>()
        .OrderByDescending(i => i.Int("base") ?? 0).ThenByDescending(i => i.Int("weight") ?? 0).Select(i => i.Str("capacityProvider")).FirstOrDefault();
}

internal sealed class EcsContainerInstance
{
    public required string Id { get; init; }
    public required string Arn { get; init; }
    public required string ClusterName { get; init; }
    public required string Ec2InstanceId { get; init; }
    public required string InstanceType { get; init; }
    public required string AvailabilityZone { get; init; }
    public string Status { get; set; } = "ACTIVE";
    public bool AgentConnected { get; set; } = true;
    public required int RegisteredCpu { get; init; }
    public required int RegisteredMemory { get; init; }
    public required DateTimeOffset RegisteredAt { get; init; }
    public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);
}

internal sealed class EcsTask
{
    public required string Id { get; init; }
    public required string Arn { get; init; }
    public required string ClusterName { get; init; }
    public string? ServiceName { get; init; }
    public required EcsTaskDefinition Definition { get; init; }
    public EcsContainerInstance? ContainerInstance { get; init; }
    public required string LaunchType { get; init; }
    public string? CapacityProviderName { get; init; }
    public required int Cpu { get; init; }
    public required int Memory { get; init; }
    public string LastStatus { get; set; } = "PROVISIONING";
    public string DesiredStatus { get; set; } = "RUNNING";
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? StoppingAt { get; set; }
    public DateTimeOffset? StoppedAt { get; set; }
    public DateTimeOffset? KillAt { get; set; }
    public string? StopCode { get; set; }
    public string? StoppedReason { get; set; }
    public int? ExitCode { get; set; }
    public ITaskProcess? Process { get; set; }
    public required string ContainerName { get; init; }
    public required string LogFile { get; init; }
    public long LogOffset { get; set; }
    public string? LogGroup { get; init; }
    public string? LogStream { get; init; }
    public string? StartedBy { get; init; }
    public string? Group { get; init; }
    public required IReadOnlyDictionary<string, string> Environment { get; init; }
    public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);

    public bool Stopped => LastStatus == "STOPPED";
}

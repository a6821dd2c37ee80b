using System.Text.Json.Serialization;

namespace Fleetbook.Backends.Aws.Services.Ecs;

/// <summary>CreateCluster: a cluster, tagged, optionally with capacity providers (FARGATE, FARGATE_SPOT) and a default strategy.</summary>
public sealed record CreateClusterRequest(
    string ClusterName,
    IReadOnlyList<AwsTag>? Tags = null,
    IReadOnlyList<string>? CapacityProviders = null,
    IReadOnlyList<CapacityProviderStrategyItem>? DefaultCapacityProviderStrategy = null,
    IReadOnlyList<ClusterSetting>? Settings = null);

public sealed record CreateClusterResponse
{
    public Cluster? Cluster { get; init; }
}

/// <summary>DescribeClusters: the clusters named (names or ARNs; the default cluster when none).</summary>
public sealed record DescribeClustersRequest(IReadOnlyList<string>? Clusters = null, IReadOnlyList<ClusterField>? Include = null);

public sealed record DescribeClustersResponse
{
    public IReadOnlyList<Cluster> Clusters { get; init; } = [];

    public IReadOnlyList<EcsFailure> Failures { get; init; } = [];
}

/// <summary>DeleteCluster: only succeeds when the cluster has no services, tasks or container instances left.</summary>
public sealed record DeleteClusterRequest(string Cluster);

public sealed record DeleteClusterResponse
{
    public Cluster? Cluster { get; init; }
}

/// <summary>ListClusters: one page of cluster ARNs (see <see cref="EcsClient.ListClustersAllAsync"/> for all of them).</summary>
public sealed record ListClustersRequest(string? NextToken = null, int? MaxResults = null);

public sealed record ListClustersResponse
{
    public IReadOnlyList<string> ClusterArns { get; init; } = [];

    public string? NextToken { get; init; }
}

/// <summary>PutClusterCapacityProviders: the capacity providers a cluster may use (e.g. FARGATE and FARGATE_SPOT) and its default strategy.</summary>
public sealed record PutClusterCapacityProvidersRequest(
    string Cluster,
    IReadOnlyList<string> CapacityProviders,
    IReadOnlyList<CapacityProviderStrategyItem> DefaultCapacityProviderStrategy);

public sealed record PutClusterCapacityProvidersResponse
{
    public Cluster? Cluster { get; init; }
}

/// <summary>One entry of a capacity provider strategy, such as <c>FARGATE_SPOT</c> with weight 1.</summary>
public sealed record CapacityProviderStrategyItem(string CapacityProvider, int? Weight = null, int? Base = null)
{
    /// <summary>Fargate Spot: interruptible Fargate capacity at a discount.</summary>
    public const string FargateSpot = "FARGATE_SPOT";

    /// <summary>Fargate on demand.</summary>
    public const string Fargate = "FARGATE";
}

/// <summary>A cluster setting, such as <c>containerInsights</c> = <c>enabled</c>.</summary>
public sealed record ClusterSetting(string Name, string Value);

/// <summary>An ECS cluster and the counts that tell whether it is still in use.</summary>
public sealed record Cluster
{
    public string? ClusterArn { get; init; }

    public string? ClusterName { get; init; }

    /// <summary>ACTIVE, PROVISIONING, DEPROVISIONING, FAILED or INACTIVE.</summary>
    public string? Status { get; init; }

    public int RegisteredContainerInstancesCount { get; init; }

    public int RunningTasksCount { get; init; }

    public int PendingTasksCount { get; init; }

    public int ActiveServicesCount { get; init; }

    public IReadOnlyList<string> CapacityProviders { get; init; } = [];

    public IReadOnlyList<CapacityProviderStrategyItem> DefaultCapacityProviderStrategy { get; init; } = [];

    public IReadOnlyList<AwsTag> Tags { get; init; } = [];

    /// <summary>Nothing registered, running, pending or serving: what Distributed-Something checks before DeleteCluster.</summary>
    [JsonIgnore]
    public bool IsUnused => RegisteredContainerInstancesCount + RunningTasksCount + PendingTasksCount + ActiveServicesCount == 0;
}

/// <summary>A resource a Describe call could not describe, and why (e.g. MISSING).</summary>
public sealed record EcsFailure
{
    public string? Arn { get; init; }

    public string? Reason { get; init; }

    public string? Detail { get; init; }
}

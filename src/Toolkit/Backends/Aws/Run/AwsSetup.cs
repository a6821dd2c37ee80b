using Fleetbook.Backends.Aws.Services;
using Fleetbook.Backends.Aws.Services.Ecs;
using Fleetbook.Backends.Aws.Services.Logs;
using Fleetbook.Configuration;

namespace Fleetbook.Backends.Aws.Run;

/// <summary>
/// Setup beyond the queues (anchors §2.1 and §2.3 step 7): the cluster, the log groups, the task definition and the
/// service at desired count 0, each created only when missing or different, so a second setup changes nothing.
/// </summary>
internal sealed class AwsSetup(RunConfig config, AwsClients aws)
{
    private readonly AwsRunNames _names = new(config);
    private readonly IReadOnlyList<AwsTag> _tags = [AwsTag.Run(config.AppName)];
    private bool Fargate => config.FleetMode == FleetMode.FargateSpot;

    /// <summary>Runs setup; returns one sentence per resource and whether this run created the cluster.</summary>
    public async Task<(IReadOnlyList<string> Actions, bool ClusterCreated)> RunAsync(IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var wanted = WorkerTaskDefinition.Build(config, environment);
        var actions = new List<string>();
        var (clusterAction, created) = await EnsureClusterAsync(cancellationToken);
        actions.Add(clusterAction);
        actions.AddRange(await EnsureLogGroupsAsync(cancellationToken));
        var (taskDefinitionArn, taskAction) = await EnsureTaskDefinitionAsync(wanted, cancellationToken);
        actions.Add(taskAction);
        actions.Add(await EnsureServiceAsync(taskDefinitionArn, cancellationToken));
        return (actions, created);
    }

    private async Task<(string, bool)> EnsureClusterAsync(CancellationToken cancellationToken)
    {
        var described = await aws.Ecs.DescribeClustersAsync(new DescribeClustersRequest([_names.Cluster]), cancellationToken);
        var cluster = described.Clusters.FirstOrDefault(c => c.Status is "ACTIVE" or "PROVISIONING");
        string[] fargateProviders = [CapacityProviderStrategyItem.Fargate, CapacityProviderStrategyItem.FargateSpot];
        if (cluster is null)
        {
            await aws.Ecs.CreateClusterAsync(new CreateClusterRequest(_names.Cluster, _tags, CapacityProviders: Fargate ? fargateProviders : null), cancellationToken);
            return ($"created ECS cluster {_names.Cluster}" + (Fargate ? " with the FARGATE_SPOT capacity provider" : ""), true);
        }

        if (Fargate && !cluster.CapacityProviders.Contains(CapacityProviderStrategyItem.FargateSpot))
        {
            var providers = cluster.CapacityProviders.Union(fargateProviders).ToList();
            await aws.Ecs.PutClusterCapacityProvidersAsync(new PutClusterCapacityProvidersRequest(_names.Cluster, providers, cluster.DefaultCapacityProviderStrategy), cancellationToken);
            return ($"added the FARGATE_SPOT capacity provider to ECS cluster {_names.Cluster}", false);
        }

        return ($"ECS cluster {_names.Cluster} already exists", false);
    }

    private async Task<IReadOnlyList<string>> EnsureLogGroupsAsync(CancellationToken cancellationToken)
    {
        var existing = (await aws.Logs.DescribeLogGroupsAllAsync(new DescribeLogGroupsRequest(_names.LogGroup), cancellationToken).ReadAllAsync(cancellationToken))
            .Where(g => g.LogGroupName is not null)
            .ToDictionary(g => g.LogGroupName!, StringComparer.Ordinal);
        var actions = new List<string>();
        foreach (var group in new[] { _names.LogGroup, _names.PerInstanceLogGroup })
        {
            if (!existing.TryGetValue(group, out var found))
            {
                await aws.Logs.CreateLogGroupAsync(new CreateLogGroupRequest(group, new Dictionary<string, string> { [AwsTag.RunKey] = config.AppName }), cancellationToken);
                await aws.Logs.PutRetentionPolicyAsync(new PutRetentionPolicyRequest(group, config.LogRetentionDays), cancellationToken);
                actions.Add($"created log group {group} (kept {config.LogRetentionDays} days)");
            }
            else if (found.RetentionInDays != config.LogRetentionDays)
            {
                await aws.Logs.PutRetentionPolicyAsync(new PutRetentionPolicyRequest(group, config.LogRetentionDays), cancellationToken);
                actions.Add($"log group {group} now keeps events {config.LogRetentionDays} days");
            }
            else
            {
                actions.Add($"log group {group} already exists");
            }
        }

        return actions;
    }

    private async Task<(string Arn, string Action)> EnsureTaskDefinitionAsync(RegisterTaskDefinitionRequest wanted, CancellationToken cancellationToken)
    {
        var latest = await LatestTaskDefinitionAsync(cancellationToken);
        if (latest?.TaskDefinitionArn is { } arn && WorkerTaskDefinition.Matches(latest, wanted))
        {
            return (arn, $"task definition {_names.TaskFamily}:{latest.Revision} already matches the config");
        }

        var registered = (await aws.Ecs.RegisterTaskDefinitionAsync(wanted, cancellationToken)).TaskDefinition
            ?? throw new InvalidOperationException("RegisterTaskDefinition answered without a task definition.");
        return (registered.TaskDefinitionArn!, latest is null
            ? $"registered task definition {_names.TaskFamily}:{registered.Revision} ({config.Image})"
            : $"registered task definition {_names.TaskFamily}:{registered.Revision}: the config changed since revision {latest.Revision}");
    }

    private async Task<TaskDefinition?> LatestTaskDefinitionAsync(CancellationToken cancellationToken)
    {
        var arns = await aws.Ecs.ListTaskDefinitionsAllAsync(new ListTaskDefinitionsRequest(_names.TaskFamily, TaskDefinitionStatus.Active, SortOrder.Descending), cancellationToken)
            .ReadAllAsync(cancellationToken);
        var newest = arns.FirstOrDefault(arn => arn.Contains($"task-definition/{_names.TaskFamily}:", StringComparison.Ordinal));
        return newest is null ? null : (await aws.Ecs.DescribeTaskDefinitionAsync(new DescribeTaskDefinitionRequest(newest), cancellationToken)).TaskDefinition;
    }

    private async Task<string> EnsureServiceAsync(string taskDefinitionArn, CancellationToken cancellationToken)
    {
        var described = await aws.Ecs.DescribeServicesAsync(new DescribeServicesRequest([_names.Service], _names.Cluster), cancellationToken);
        var service = described.Services.FirstOrDefault(s => s.Status == "ACTIVE");
        IReadOnlyList<CapacityProviderStrategyItem>? strategy = Fargate ? [new CapacityProviderStrategyItem(CapacityProviderStrategyItem.FargateSpot, Weight: 1)] : null;
        var network = Fargate
            ? new NetworkConfiguration(new AwsVpcConfiguration(config.Subnets, config.SecurityGroups, config.AssignIp ? AssignPublicIp.Enabled : AssignPublicIp.Disabled))
            : null;
        if (service is null)
        {
            await aws.Ecs.CreateServiceAsync(new CreateServiceRequest(
                _names.Service,
                _names.Cluster,
                taskDefinitionArn,
                DesiredCount: 0,
                CapacityProviderStrategy: strategy,
                NetworkConfiguration: network,
                Tags: _tags,
                PropagateTags: PropagateTags.Service), cancellationToken);
            return $"created service {_names.Service} (desired count 0 until start)";
        }

        var sameNetwork = !Fargate || Same(service.NetworkConfiguration, network);
        if (service.TaskDefinition == taskDefinitionArn && sameNetwork)
        {
            return $"service {_names.Service} already runs {TaskName(taskDefinitionArn)}";
        }

        await aws.Ecs.UpdateServiceAsync(new UpdateServiceRequest(_names.Service, _names.Cluster, TaskDefinition: taskDefinitionArn,
            CapacityProviderStrategy: strategy, NetworkConfiguration: network), cancellationToken);
        return $"updated service {_names.Service} to {TaskName(taskDefinitionArn)}";
    }

    private static bool Same(NetworkConfiguration? have, NetworkConfiguration? want) =>
        have?.AwsvpcConfiguration is { } a && want?.AwsvpcConfiguration is { } b
        && a.Subnets.Order().SequenceEqual(b.Subnets.Order())
        && (a.SecurityGroups ?? []).Order().SequenceEqual((b.SecurityGroups ?? []).Order())
        && (a.AssignPublicIp ?? AssignPublicIp.Disabled) == (b.AssignPublicIp ?? AssignPublicIp.Disabled);

    private static string TaskName(string arn) => arn[(arn.LastIndexOf('/') + 1)..];
}

using Fleetbook.Backends.Aws.Capacity;
using Fleetbook.Backends.Aws.Services;
using Fleetbook.Backends.Aws.Services.Ec2;
using Fleetbook.Backends.Aws.Services.Ecs;
using Fleetbook.Configuration;

namespace Fleetbook.Backends.Aws.Run;

/// <summary>
/// Finds runs by their <c>fleetbook:run</c> tag: fleets (Spot Fleet and EC2 Fleet) that are still up, ECS clusters and
/// services, and the run states saved in the config's bucket; so forgotten runs (and their cost) can be found and removed.
/// </summary>
public sealed class RunFinder(AwsClients aws)
{
    /// <summary>The fleets tagged with <paramref name="appName"/> that are not cancelled or deleted.</summary>
    public async Task<IReadOnlyList<LaunchedCapacity>> FleetsOfAsync(string appName, CancellationToken cancellationToken)
    {
        var found = new List<LaunchedCapacity>();
        foreach (var (app, fleet) in await LiveFleetsAsync(cancellationToken))
        {
            if (app == appName)
            {
                found.Add(fleet);
            }
        }

        return found;
    }

    public async Task<IReadOnlyList<Steps.FoundRun>> FindAsync(CancellationToken cancellationToken)
    {
        var resources = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string app, string resource)
        {
            if (!resources.TryGetValue(app, out var list))
            {
                resources[app] = list = [];
            }

            list.Add(resource);
        }

        foreach (var (app, fleet) in await LiveFleetsAsync(cancellationToken))
        {
            Add(app, $"{(fleet.Mode == FleetMode.SpotFleet ? "Spot Fleet" : "EC2 Fleet")} {fleet.FleetId} ({fleet.Machines} machine(s))");
        }

        var clusterArns = await aws.Ecs.ListClustersAllAsync(new ListClustersRequest(), cancellationToken).ReadAllAsync(cancellationToken);
        foreach (var batch in clusterArns.Chunk(100))
        {
            var clusters = await aws.Ecs.DescribeClustersAsync(new DescribeClustersRequest(batch, [ClusterField.Tags]), cancellationToken);
            foreach (var cluster in clusters.Clusters.Where(c => c.Status == "ACTIVE"))
            {
                if (RunOf(cluster.Tags) is { } app)
                {
                    Add(app, $"ECS cluster {cluster.ClusterName} ({cluster.RegisteredContainerInstancesCount} machine(s), {cluster.RunningTasksCount} task(s))");
                }

                await AddServicesAsync(cluster.ClusterArn!, Add, cancellationToken);
            }
        }

        await foreach (var item in aws.Bucket.ListAsync("fleetbook/", cancellationToken))
        {
            var parts = item.Key.Split('/');
            if (parts is ["fleetbook", var app, "run.json"]
                && await aws.Bucket.GetBytesAsync(item.Key, cancellationToken) is { } bytes
                && AwsRunStateStore.TryRead(bytes) is { CleanedAt: null } state)
            {
                Add(Uri.UnescapeDataString(app), $"run state s3://{aws.Bucket.Name}/{item.Key} ({state.Mode}, started {state.StartedAt?.ToString("u", System.Globalization.CultureInfo.InvariantCulture) ?? "not yet"})");
            }
        }

        return resources.Select(r => new Steps.FoundRun(r.Key, r.Value)).ToList();
    }

    private async Task AddServicesAsync(string clusterArn, Action<string, string> add, CancellationToken cancellationToken)
    {
        var serviceArns = await aws.Ecs.ListServicesAllAsync(new ListServicesRequest(clusterArn), cancellationToken).ReadAllAsync(cancellationToken);
        foreach (var batch in serviceArns.Chunk(10))
        {
            var services = await aws.Ecs.DescribeServicesAsync(new DescribeServicesRequest(batch, clusterArn, [IncludeField.Tags]), cancellationToken);
            foreach (var service in services.Services.Where(s => s.Status == "ACTIVE"))
            {
                if (RunOf(service.Tags) is { } app)
                {
                    add(app, $"ECS service {service.ServiceName} ({service.RunningCount} of {service.DesiredCount} task(s) running)");
                }
            }
        }
    }

    private async Task<IReadOnlyList<(string App, LaunchedCapacity Fleet)>> LiveFleetsAsync(CancellationToken cancellationToken)
    {
        var found = new List<(string, LaunchedCapacity)>();
        var spotFleets = await aws.Ec2.DescribeSpotFleetRequestsAllAsync(new DescribeSpotFleetRequestsRequest(), cancellationToken).ReadAllAsync(cancellationToken);
        foreach (var fleet in spotFleets)
        {
            if (RunOf(fleet.Tags) is { } app && fleet.SpotFleetRequestId is { } id && !AwsFleet.IsGone(fleet.SpotFleetRequestState ?? "missing"))
            {
                found.Add((app, new LaunchedCapacity(FleetMode.SpotFleet, id, null, fleet.SpotFleetRequestConfig?.TargetCapacity ?? 0, fleet.CreateTime ?? DateTimeOffset.UnixEpoch, [])));
            }
        }

        var fleets = await aws.Ec2.DescribeFleetsAllAsync(new DescribeFleetsRequest(Filters: [new Ec2Filter("tag-key", [AwsTag.RunKey])]), cancellationToken).ReadAllAsync(cancellationToken);
        foreach (var fleet in fleets)
        {
            if (RunOf(fleet.Tags) is { } app && fleet.FleetId is { } id && !AwsFleet.IsGone(fleet.FleetState ?? "missing"))
            {
                found.Add((app, new LaunchedCapacity(FleetMode.Ec2Fleet, id, null, fleet.TargetCapacitySpecification?.TotalTargetCapacity ?? 0, fleet.CreateTime ?? DateTimeOffset.UnixEpoch, [])));
            }
        }

        return found;
    }

    private static string? RunOf(IReadOnlyList<AwsTag> tags) => tags.FirstOrDefault(t => t.Key == AwsTag.RunKey)?.Value;
}

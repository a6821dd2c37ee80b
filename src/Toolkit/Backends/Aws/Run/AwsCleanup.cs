using Fleetbook.Backends.Aws.Capacity;
using Fleetbook.Backends.Aws.Services.CloudWatch;
using Fleetbook.Backends.Aws.Services.Ecs;
using Fleetbook.Backends.Aws.Services.Logs;
using Fleetbook.Backends.Aws.Sqs;
using Fleetbook.Configuration;

namespace Fleetbook.Backends.Aws.Run;

/// <summary>
/// Cleanup in Distributed-Something's order (anchors §2.4 step 4): service to 0, machine alarms, fleet cancelled, job
/// queue, service, task definitions, cluster if unused, dashboard, then the logs exported to S3. Every step is
/// idempotent, so a cleanup interrupted half-way finishes when run again.
/// </summary>
internal sealed class AwsCleanup(RunConfig config, AwsClients aws, AwsFleet fleet, SqsQueueService queues, AwsRunStateStore store, Func<FleetMode, IMachineCapacity> capacities, RunFinder finder, AwsBackendOptions options, TimeProvider time)
{
    private readonly AwsRunNames _names = new(config);

    public async Task<Steps.CleanupResult> RunAsync(CancellationToken cancellationToken)
    {
        var state = await store.LoadAsync(cancellationToken);
        var removed = new List<string>();
        var kept = new List<string>();

        var service = await fleet.ServiceAsync(cancellationToken);
        if (service is { Status: "ACTIVE", DesiredCount: > 0 })
        {
            await fleet.ScaleServiceAsync(0, cancellationToken);
            removed.Add($"service {_names.Service} scaled to 0 ({service.RunningCount} task(s) stopping)");
        }

        var alarms = await MachineAlarms.DeleteAsync(aws.CloudWatch, _names, _ => true, cancellationToken);
        if (alarms > 0)
        {
            removed.Add($"deleted {alarms} machine alarm(s) {_names.AlarmPrefix}i-…");
        }

        foreach (var launched in await FleetsAsync(state, cancellationToken))
        {
            removed.AddRange(await capacities(launched.Mode).RemoveAsync(launched, cancellationToken));
        }

        if (config.FleetMode == FleetMode.Ec2Fleet && capacities(FleetMode.Ec2Fleet) is Ec2FleetLaunch ec2Fleet
            && await ec2Fleet.DeleteTemplateByNameAsync(config, cancellationToken))
        {
            removed.Add($"deleted launch template {Ec2FleetLaunch.LaunchTemplateName(config)} (left by a start that was interrupted)");
        }

        if (await queues.DeleteAsync(config.EffectiveQueueName, cancellationToken))
        {
            removed.Add($"deleted queue {config.EffectiveQueueName}");
        }

        // A DRAINING service is being deleted already (by a cleanup that was interrupted); ECS refuses to delete it again.
        if (service is { Status: "ACTIVE" })
        {
            await aws.Ecs.DeleteServiceAsync(new DeleteServiceRequest(_names.Service, _names.Cluster, Force: true), cancellationToken);
            removed.Add($"deleted service {_names.Service}");
        }
        else if (service is not null)
        {
            removed.Add($"service {_names.Service} is being deleted (an earlier cleanup began it)");
        }

        var revisions = await aws.Ecs.ListTaskDefinitionsAllAsync(new ListTaskDefinitionsRequest(_names.TaskFamily, TaskDefinitionStatus.Active), cancellationToken).ReadAllAsync(cancellationToken);
        foreach (var revision in revisions.Where(arn => arn.Contains($"task-definition/{_names.TaskFamily}:", StringComparison.Ordinal)))
        {
            await aws.Ecs.DeregisterTaskDefinitionAsync(new DeregisterTaskDefinitionRequest(revision), cancellationToken);
            removed.Add($"deregistered task definition {revision[(revision.LastIndexOf('/') + 1)..]}");
        }

        var cluster = await RemoveClusterAsync(state, cancellationToken);
        (cluster.Removed ? removed : kept).Add(cluster.Sentence);

        if (config.CreateDashboard && config.CleanDashboard && await DashboardExistsAsync(cancellationToken))
        {
            await aws.CloudWatch.DeleteDashboardsAsync(new DeleteDashboardsRequest([_names.Dashboard]), cancellationToken);
            removed.Add($"deleted dashboard {_names.Dashboard}");
        }

        kept.AddRange(await ExportLogsAsync(state, cancellationToken));
        if (await queues.FindUrlAsync(config.EffectiveDeadLetterQueue, cancellationToken) is not null)
        {
            kept.Add($"dead-letter queue {config.EffectiveDeadLetterQueue} (see 'fleetbook dlq list')");
        }
        kept.Add($"log groups {_names.LogGroup} and {_names.PerInstanceLogGroup} (events expire after {config.LogRetentionDays} days)");
        kept.Add($"outputs and the attempt journal in s3://{config.Bucket}");

        await store.SaveAsync((state ?? new AwsRunState(config.AppName, config.Cluster, config.FleetMode)) with { Capacity = null, CleanedAt = time.GetUtcNow() }, cancellationToken);
        return new Steps.CleanupResult(removed, kept);
    }

    /// <summary>The fleet the state names, and any other fleet tagged with this run that is still up (a lost state file, a second start).</summary>
    private async Task<IReadOnlyList<LaunchedCapacity>> FleetsAsync(AwsRunState? state, CancellationToken cancellationToken)
    {
        var fleets = new List<LaunchedCapacity>();
        if (state?.Capacity is { } launched)
        {
            fleets.Add(launched);
        }

        try
        {
            foreach (var tagged in await finder.FleetsOfAsync(config.AppName, cancellationToken))
            {
                if (fleets.All(f => f.FleetId != tagged.FleetId))
                {
                    fleets.Add(tagged);
                }
            }
        }
        catch (AwsServiceException) when (fleets.Count > 0)
        {
            // Looking for other tagged fleets is a safety net; without the permission to list fleets, the saved one is enough.
        }

        return fleets;
    }

    private async Task<(bool Removed, string Sentence)> RemoveClusterAsync(AwsRunState? state, CancellationToken cancellationToken)
    {
        var cluster = (await aws.Ecs.DescribeClustersAsync(new DescribeClustersRequest([_names.Cluster], [ClusterField.Tags]), cancellationToken))
            .Clusters.FirstOrDefault(c => c.Status == "ACTIVE");
        if (cluster is null)
        {
            return (true, $"cluster {_names.Cluster} is gone");
        }

        var ours = state?.ClusterCreated == true || cluster.Tags.Any(t => t.Key == Services.AwsTag.RunKey && t.Value == config.AppName);
        if (!ours || _names.Cluster == "default")
        {
            return (false, $"cluster {_names.Cluster} (it was there before this run)");
        }

        var deadline = time.GetUtcNow() + options.ClusterDrainLimit;
        while (!cluster.IsUnused && time.GetUtcNow() < deadline)
        {
            await Task.Delay(options.CleanupPollInterval, time, cancellationToken);
            cluster = (await aws.Ecs.DescribeClustersAsync(new DescribeClustersRequest([_names.Cluster]), cancellationToken)).Clusters.FirstOrDefault(c => c.Status == "ACTIVE");
            if (cluster is null)
            {
                return (true, $"cluster {_names.Cluster} is gone");
            }
        }

        if (!cluster.IsUnused)
        {
            return (false, $"cluster {_names.Cluster}: {cluster.RegisteredContainerInstancesCount} machine(s) still leaving it; run 'fleetbook cleanup' again in a few minutes to delete it");
        }

        try
        {
            await aws.Ecs.DeleteClusterAsync(new DeleteClusterRequest(_names.Cluster), cancellationToken);
            return (true, $"deleted cluster {_names.Cluster}");
        }
        catch (AwsServiceException ex) when (ex.Code.StartsWith("ClusterContains", StringComparison.Ordinal) || ex.Code == "UpdateInProgressException")
        {
            // The service is still draining or a machine is still leaving: ECS refuses until they are gone.
            return (false, $"cluster {_names.Cluster}: ECS is still letting go of it ({ex.ServiceMessage}); run 'fleetbook cleanup' again in a few minutes to delete it");
        }
    }

    private async Task<bool> DashboardExistsAsync(CancellationToken cancellationToken)
    {
        var dashboards = await aws.CloudWatch.ListDashboardsAllAsync(new ListDashboardsRequest(_names.Dashboard), cancellationToken).ReadAllAsync(cancellationToken);
        return dashboards.Any(d => d.DashboardName == _names.Dashboard);
    }

    /// <summary>Exports both log groups to <c>s3://bucket/exportedlogs/&lt;group&gt;</c>, one at a time (AWS allows one running export per account).</summary>
    private async Task<IReadOnlyList<string>> ExportLogsAsync(AwsRunState? state, CancellationToken cancellationToken)
    {
        if (state?.StartedAt is not { } from || state.CleanedAt is not null)
        {
            return [];
        }

        var notes = new List<string>();
        foreach (var group in new[] { _names.LogGroup, _names.PerInstanceLogGroup })
        {
            try
            {
                var task = await aws.Logs.CreateExportTaskAsync(new CreateExportTaskRequest(group, from.AddMinutes(-1), time.GetUtcNow(), config.Bucket, "exportedlogs/" + group, group), cancellationToken);
                notes.Add(await WaitForExportAsync(group, task.TaskId!, cancellationToken));
            }
            catch (AwsServiceException ex) when (ex.Code is "InvalidParameterException" or "ResourceNotFoundException" or "LimitExceededException")
            {
                notes.Add($"log group {group} was not exported: {ex.ServiceMessage} (the bucket must allow logs.{config.Region}.amazonaws.com to write; see Distributed-CellProfiler #144)");
            }
        }

        return notes;
    }

    private async Task<string> WaitForExportAsync(string group, string taskId, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + options.LogExportLimit;
        while (true)
        {
            var task = (await aws.Logs.DescribeExportTasksAsync(new DescribeExportTasksRequest(taskId), cancellationToken)).ExportTasks.FirstOrDefault();
            var code = task?.Status?.Code;
            if (code == ExportTaskStatusCode.Completed)
            {
                return $"logs of {group} exported to s3://{config.Bucket}/exportedlogs/{group}";
            }

            if (code is ExportTaskStatusCode.Failed or ExportTaskStatusCode.Cancelled)
            {
                return $"log export of {group} {code.ToString()!.ToLowerInvariant()}: {task?.Status?.Message}";
            }

            if (time.GetUtcNow() >= deadline)
            {
                return $"log export of {group} (task {taskId}) is still running; it finishes on its own";
            }

            await Task.Delay(options.CleanupPollInterval, time, cancellationToken);
        }
    }
}

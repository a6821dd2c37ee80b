using Fleetbook.Backends.Aws.Capacity;
using Fleetbook.Backends.Aws.Services;
using Fleetbook.Backends.Aws.Services.CloudWatch;
using Fleetbook.Backends.Aws.Services.Ecs;
using Fleetbook.Configuration;
using Fleetbook.Fleet;

namespace Fleetbook.Backends.Aws.Run;

/// <summary>
/// The ECS service and what it runs on: machines of a Spot Fleet or EC2 Fleet (start launches them from the fleet
/// file, then scales the service to machines × tasks per machine), or Fargate Spot (start only scales the service).
/// </summary>
public sealed class AwsFleet(RunConfig config, AwsClients aws, AwsRunStateStore store, Func<FleetMode, IMachineCapacity> capacities, AwsBackendOptions options, TimeProvider time) : IFleet
{
    private readonly AwsRunNames _names = new(config);

    private bool Fargate => config.FleetMode == FleetMode.FargateSpot;

    public async Task<FleetStatus> StartAsync(FleetLaunch launch, CancellationToken cancellationToken)
    {
        var state = await store.LoadAsync(cancellationToken) ?? new AwsRunState(config.AppName, config.Cluster, config.FleetMode);
        state = state with { StartedAt = state.CleanedAt is null && state.StartedAt is { } began ? began : time.GetUtcNow(), CleanedAt = null, Mode = config.FleetMode };
        if (Fargate)
        {
            await store.SaveAsync(state, cancellationToken);
            await PutDashboardAsync(null, launch, cancellationToken);
            await ScaleServiceAsync(launch.Workers, cancellationToken);
            launch.Progress?.Report($"service {_names.Service} scaled to {launch.Workers} Fargate Spot task(s)");
            return await WaitForTasksAsync(launch, cancellationToken);
        }

        if (launch.FleetFile is null)
        {
            throw new InvalidOperationException("Start on machines needs the fleet file.");
        }

        var capacity = capacities(config.FleetMode);
        var launched = await ReuseAsync(capacity, state, launch, cancellationToken);
        if (launched is null)
        {
            launched = await capacity.LaunchAsync(new CapacityRequest(config, launch.FleetFile, _names.Cluster, config.Machines, [AwsTag.Run(config.AppName)], time.GetUtcNow()), cancellationToken);
            launch.Progress?.Report($"requested {config.Machines} machine(s) ({string.Join(", ", launched.InstanceTypes)}): fleet {launched.FleetId}");
        }

        state = state with { Capacity = launched };
        await store.SaveAsync(state, cancellationToken);
        await PutDashboardAsync(launched.FleetId, launch, cancellationToken);
        await ScaleServiceAsync(launch.Workers, cancellationToken);
        launch.Progress?.Report($"service {_names.Service} scaled to {launch.Workers} task(s) ({config.Machines} machine(s) × {config.TasksPerMachine})");

        CapacityOutcome outcome;
        try
        {
            var seen = new Progress<CapacitySnapshot>(s => launch.Progress?.Report($"{s.Running} of {s.Target} machine(s) running"));
            outcome = await CapacityWait.WaitAsync(capacity, launched, TimeSpan.FromSeconds(config.StartTimeoutSeconds), time, options.CapacityPollInterval, seen, cancellationToken);
        }
        catch (Inputs.InputException)
        {
            // The wait cancelled an unusable fleet: nothing of it is left, so the run can start again once the file is fixed.
            await store.SaveAsync(state with { Capacity = null }, cancellationToken);
            await ScaleServiceAsync(0, cancellationToken);
            throw;
        }

        var status = await DescribeAsync(cancellationToken);
        return status with { Description = outcome.Summary };
    }

    /// <summary>The CloudWatch dashboard of the run (queue, dead letters, capacity, memory, job logs), when the config asks for one.</summary>
    private async Task PutDashboardAsync(string? fleetId, FleetLaunch launch, CancellationToken cancellationToken)
    {
        if (!config.CreateDashboard)
        {
            return;
        }

        var reply = await aws.CloudWatch.PutDashboardAsync(
            new PutDashboardRequest(_names.Dashboard, Dashboard.RunDashboard.Body(config, fleetId, config.FleetMode), [AwsTag.Run(config.AppName)]), cancellationToken);
        launch.Progress?.Report($"dashboard {_names.Dashboard} put"
            + string.Concat(reply.DashboardValidationMessages.Select(m => $"; CloudWatch says: {m.Message} ({m.DataPath})")));
    }

    /// <summary>A fleet an earlier start launched and nobody cancelled is used again rather than doubled.</summary>
    private async Task<LaunchedCapacity?> ReuseAsync(IMachineCapacity capacity, AwsRunState state, FleetLaunch launch, CancellationToken cancellationToken)
    {
        if (state.Capacity is not { } earlier || earlier.Mode != config.FleetMode)
        {
            return null;
        }

        var snapshot = await capacity.DescribeAsync(earlier, cancellationToken);
        if (IsGone(snapshot.State))
        {
            return null;
        }

        if (snapshot.Target != config.Machines)
        {
            await capacity.SetTargetAsync(earlier, config.Machines, cancellationToken);
        }

        launch.Progress?.Report($"fleet {earlier.FleetId} from an earlier start is still {snapshot.State}: using it ({snapshot.Running} machine(s) running)");
        return earlier with { Machines = config.Machines };
    }

    internal static bool IsGone(string state) =>
        state.StartsWith("cancel", StringComparison.OrdinalIgnoreCase) || state.StartsWith("delet", StringComparison.OrdinalIgnoreCase)
        || state.StartsWith("fail", StringComparison.OrdinalIgnoreCase) || state.Equals("missing", StringComparison.OrdinalIgnoreCase);

    private async Task<FleetStatus> WaitForTasksAsync(FleetLaunch launch, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + TimeSpan.FromSeconds(config.StartTimeoutSeconds);
        while (true)
        {
            var status = await DescribeAsync(cancellationToken);
            if (status.Running >= status.Desired || time.GetUtcNow() >= deadline)
            {
                var events = await ServiceTroubleAsync(cancellationToken);
                return status with
                {
                    Description = status.Running >= status.Desired
                        ? $"{status.Running} Fargate Spot task(s) running"
                        : $"{status.Running} of {status.Desired} Fargate Spot task(s) running after {config.StartTimeoutSeconds} s; the service keeps trying" + (events is null ? "." : $": {events}"),
                };
            }

            launch.Progress?.Report($"{status.Running} of {status.Desired} task(s) running");
            await Task.Delay(options.CapacityPollInterval, time, cancellationToken);
        }
    }

    /// <summary>The service's latest event when it says why tasks could not be placed or started.</summary>
    private async Task<string?> ServiceTroubleAsync(CancellationToken cancellationToken)
    {
        var service = await ServiceAsync(cancellationToken);
        return service?.Events.FirstOrDefault(e => e.Message is { } m && (m.Contains("unable", StringComparison.OrdinalIgnoreCase) || m.Contains("fail", StringComparison.OrdinalIgnoreCase)))?.Message;
    }

    public async Task<FleetStatus> DescribeAsync(CancellationToken cancellationToken)
    {
        var service = await ServiceAsync(cancellationToken);
        if (service is null)
        {
            return FleetStatus.None with { Description = $"no service {_names.Service}" };
        }

        if (Fargate)
        {
            return new FleetStatus(service.DesiredCount, service.RunningCount, $"{service.RunningCount} of {service.DesiredCount} Fargate Spot task(s) running");
        }

        var state = await store.LoadAsync(cancellationToken);
        if (state?.Capacity is not { } launched || state.CleanedAt is not null)
        {
            LastSnapshot = null;
            return new FleetStatus(service.DesiredCount, service.RunningCount, $"{service.RunningCount} of {service.DesiredCount} task(s) running; no fleet launched")
            {
                Machines = new FleetMachines(0, 0, await RegisteredAsync(cancellationToken)),
            };
        }

        var snapshot = await capacities(launched.Mode).DescribeAsync(launched, cancellationToken);
        LastSnapshot = snapshot;
        var registered = await RegisteredAsync(cancellationToken);
        return new FleetStatus(service.DesiredCount, service.RunningCount,
            $"fleet {launched.FleetId} ({snapshot.State}): {snapshot.Running} of {snapshot.Target} machine(s), {registered} in the cluster; {service.RunningCount} of {service.DesiredCount} task(s) running")
        {
            Machines = new FleetMachines(snapshot.Target, snapshot.Running, registered),
        };
    }

    /// <summary>The fleet as the latest <see cref="DescribeAsync"/> saw it (status estimates the cost from it rather than asking EC2 again).</summary>
    internal CapacitySnapshot? LastSnapshot { get; private set; }

    public Task<FleetStatus> ReplenishAsync(CancellationToken cancellationToken) => DescribeAsync(cancellationToken);

    /// <summary>Scales the service to 0: ECS stops each task politely (SIGTERM, the worker returns its message).</summary>
    public async Task<int> StopAsync(TimeSpan grace, CancellationToken cancellationToken)
    {
        var service = await ServiceAsync(cancellationToken);
        if (service is null)
        {
            return 0;
        }

        await ScaleServiceAsync(0, cancellationToken);
        return service.RunningCount;
    }

    internal async Task<EcsService?> ServiceAsync(CancellationToken cancellationToken)
    {
        try
        {
            var described = await aws.Ecs.DescribeServicesAsync(new DescribeServicesRequest([_names.Service], _names.Cluster), cancellationToken);
            return described.Services.FirstOrDefault(s => s.Status is "ACTIVE" or "DRAINING");
        }
        catch (AwsServiceException ex) when (ex.Code == "ClusterNotFoundException")
        {
            return null;
        }
    }

    internal Task ScaleServiceAsync(int desired, CancellationToken cancellationToken) =>
        aws.Ecs.UpdateServiceAsync(new UpdateServiceRequest(_names.Service, _names.Cluster, DesiredCount: desired), cancellationToken);

    private async Task<int> RegisteredAsync(CancellationToken cancellationToken)
    {
        var described = await aws.Ecs.DescribeClustersAsync(new DescribeClustersRequest([_names.Cluster]), cancellationToken);
        return described.Clusters.FirstOrDefault(c => c.Status == "ACTIVE")?.RegisteredContainerInstancesCount ?? 0;
    }
}

using Fleetbook.Backends.Aws.Capacity;
using Fleetbook.Backends.Aws.Cost;
using Fleetbook.Backends.Aws.Preflight;
using Fleetbook.Configuration;
using Fleetbook.Fleet;

namespace Fleetbook.Backends.Aws.Run;

public sealed partial class AwsBackend
{
    private CostEstimator? _costs;

    private static IMachineCapacity Capacities(FleetMode mode, AwsClients aws) => mode switch
    {
        FleetMode.Ec2Fleet => new Ec2FleetLaunch(aws.Ec2),
        FleetMode.SpotFleet => new SpotFleetLaunch(aws.Ec2),
        _ => throw new InvalidOperationException($"{mode} runs no machines of its own."),
    };

    public Task<IReadOnlyList<Steps.PreflightCheck>> PreflightAsync(FleetFileContents? fleetFile, CancellationToken cancellationToken) =>
        AwsPreflight.RunAsync(new AwsPreflightContext(_config, fleetFile, _aws.Ec2, _aws.Bucket), cancellationToken);

    /// <summary>
    /// Compute cost of the machines running now (spot price history) or the Fargate tasks (vCPU- and GB-hours), counted
    /// from start; to completion at the pace so far. A failed price lookup never fails status: the cost is then left out.
    /// </summary>
    public async Task<Steps.RunCost?> EstimateCostAsync(Steps.RunStatus status, CancellationToken cancellationToken)
    {
        var state = await _state.LoadAsync(cancellationToken);
        if (state is not { StartedAt: { } began, CleanedAt: null } || !status.QueueExists)
        {
            return null;
        }

        try
        {
            var now = _time.GetUtcNow();
            var inputs = new CostInputs(_config.Region)
                .WithRemaining(CostEstimator.RemainingAtPace(status.Visible + status.InFlight, status.Succeeded, now - began));
            if (_config.FleetMode == FleetMode.FargateSpot)
            {
                var tasks = Enumerable.Repeat(new FargateUsage(_config.EffectiveCpuShares / 1024.0, _config.Memory / 1024.0, began, null), status.Fleet.Running).ToList();
                inputs = inputs.WithFargateTasks(tasks);
            }
            else if (state.Capacity is { } launched)
            {
                // FleetRun.StatusAsync described the fleet just before asking for the cost.
                var snapshot = AwsFleet.LastSnapshot ?? await _capacities(launched.Mode).DescribeAsync(launched, cancellationToken);
                inputs = inputs.WithMachines([.. snapshot.Machines.Select(m => new MachineUsage(m.InstanceType, m.AvailabilityZone, began, null))])
                    .WithFallbackHourlyPrice((decimal)_config.MachinePrice);
            }

            _costs ??= new CostEstimator(_aws.Ec2, _time);
            return await _costs.EstimateAsync(inputs, cancellationToken);
        }
        catch (AwsServiceException)
        {
            return null;
        }
    }
}

using Fleetbook.Backends.Aws.Capacity;
using Fleetbook.Configuration;

namespace Fleetbook.Backends.Aws.Run;

/// <summary>
/// What monitor does on AWS besides watching (anchors §2.4 step 3), on its own clock rather than DS's wall-clock
/// minutes: once nothing is visible, lower the fleet to the machines the jobs in flight need (never terminating a
/// machine: the idle alarm ends each one once its work is done); remove the alarms of machines that are gone; in
/// cheapest mode drop the target to one machine after a while.
/// </summary>
internal sealed class AwsTending(RunConfig config, AwsClients aws, AwsRunStateStore store, Func<FleetMode, IMachineCapacity> capacities, AwsBackendOptions options, TimeProvider time)
{
    private readonly AwsRunNames _names = new(config);
    private DateTimeOffset? _lastDownscale;
    private DateTimeOffset? _lastAlarmSweep;

    public async Task<IReadOnlyList<string>> TendAsync(Steps.RunStatus status, CancellationToken cancellationToken)
    {
        var state = await store.LoadAsync(cancellationToken);
        if (state?.Capacity is not { } launched || state.CleanedAt is not null)
        {
            return [];
        }

        var actions = new List<string>();
        var capacity = capacities(launched.Mode);
        var now = time.GetUtcNow();
        CapacitySnapshot? snapshot = null;

        if (config.Cheapest && state.CheapestAppliedAt is null && state.StartedAt is { } began && now - began >= options.CheapestAfter)
        {
            await capacity.SetTargetAsync(launched, 1, cancellationToken);
            await store.SaveAsync(state with { CheapestAppliedAt = now }, cancellationToken);
            actions.Add($"cheapest mode: fleet {launched.FleetId} lowered to 1 machine; running machines keep working");
        }

        if (status.Visible == 0 && status.QueueExists && Due(_lastDownscale, options.DownscaleInterval, now))
        {
            _lastDownscale = now;
            snapshot = await capacity.DescribeAsync(launched, cancellationToken);
            var slotsPerMachine = Math.Max(1, config.TasksPerMachine * config.DockerCores);
            var needed = (int)Math.Ceiling(status.InFlight / (double)slotsPerMachine);
            if (needed < snapshot.Target)
            {
                await capacity.SetTargetAsync(launched, needed, cancellationToken);
                actions.Add($"nothing waiting: fleet {launched.FleetId} lowered from {snapshot.Target} to {needed} machine(s) for the {status.InFlight} job(s) in flight; busy machines are not terminated");
            }
        }

        if (Due(_lastAlarmSweep, options.AlarmSweepInterval, now))
        {
            _lastAlarmSweep = now;
            snapshot ??= await capacity.DescribeAsync(launched, cancellationToken);
            var alive = snapshot.Machines.Select(m => m.InstanceId).ToHashSet(StringComparer.Ordinal);
            var removed = await MachineAlarms.DeleteAsync(aws.CloudWatch, _names, instance => !alive.Contains(instance), cancellationToken);
            if (removed > 0)
            {
                actions.Add($"removed {removed} alarm(s) of machines that are gone");
            }
        }

        return actions;
    }

    private static bool Due(DateTimeOffset? last, TimeSpan interval, DateTimeOffset now) => last is null || now - last >= interval;
}

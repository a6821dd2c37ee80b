using Fleetbook.Backends.Aws.Services;
using Fleetbook.Backends.Aws.Services.CloudWatch;
using Fleetbook.Configuration;
using Fleetbook.Tests.Aws.Emulators;

namespace Fleetbook.Tests.Aws.Run;

/// <summary>What monitor does on AWS besides watching: lower the fleet to the jobs in flight without terminating, remove dead machines' alarms, cheapest mode.</summary>
[Collection(AwsEmulatorCollection.Name)]
public sealed class AwsTendingTests(AwsEmulators emulators)
{
    private static RunConfig SlowJobs(string prefix) => AwsBackendHarness.JobConfig(prefix, FleetMode.SpotFleet) with
    {
        Machines = 3,
        DockerCores = 1,
        Command = ["/bin/sh", "-c", "sleep 6; echo \"$1\" > \"$2/out.txt\"", "job", "{job_id}", "{output_dir}"],
    };

    [AwsRunFact]
    public async Task Once_nothing_waits_the_fleet_drops_to_the_machines_in_flight_and_dead_machines_lose_their_alarms()
    {
        await using var harness = await AwsBackendHarness.CreateAsync(emulators, SlowJobs("Tend"));
        await harness.Run.SetupAsync();
        await harness.Run.SubmitAsync(harness.WriteJobFile(2));
        await harness.Run.StartAsync();
        var app = harness.Config.AppName;
        var running = harness.Server.Ec2Instances().Where(i => i.State == "running").Select(i => i.InstanceId).ToList();
        Assert.Equal(3, running.Count);
        var cloudWatch = harness.Backend.Clients.CloudWatch;
        await cloudWatch.PutMetricAlarmAsync(MetricAlarms.IdleInstance(app, running[0], "us-east-1", "123456789012", [AwsTag.Run(app)]));
        await cloudWatch.PutMetricAlarmAsync(MetricAlarms.IdleInstance(app, "i-0deadbeef0000000", "us-east-1", "123456789012", [AwsTag.Run(app)]));

        var status = await harness.Run.StatusAsync();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(status.Visible == 0 && status.InFlight == 2) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            status = await harness.Run.StatusAsync();
        }

        Assert.Equal((0, 2), (status.Visible, status.InFlight));
        var actions = await harness.Backend.TendAsync(status, CancellationToken.None);

        Assert.Contains(actions, a => a.Contains("lowered from 3 to 2 machine(s)", StringComparison.Ordinal));
        Assert.Contains(actions, a => a == "removed 1 alarm(s) of machines that are gone");
        var modify = Assert.Single(harness.Server.CallsTo("ModifySpotFleetRequest"));
        Assert.Equal("noTermination", modify.Input["ExcessCapacityTerminationPolicy"]?.GetValue<string>());
        Assert.Equal(3, harness.Server.Ec2Instances().Count(i => i.State == "running"));
        Assert.Equal([$"{app}_{running[0]}"], harness.Server.AlarmNames());

        var monitored = await harness.Run.MonitorAsync(options: new Fleetbook.Steps.MonitorOptions { PollInterval = TimeSpan.FromMilliseconds(300), Timeout = TimeSpan.FromMinutes(2) });
        Assert.True(monitored.Completed);
        await harness.Server.WaitUntilAsync(() => harness.Server.ResourcesLeft().Count == 0, TimeSpan.FromSeconds(30), "nothing left: " + string.Join(", ", harness.Server.ResourcesLeft()));
        harness.Server.AssertNoViolations();
    }

    [AwsRunFact]
    public async Task Cheapest_mode_lowers_the_target_to_one_machine_once_and_keeps_the_running_ones()
    {
        await using var harness = await AwsBackendHarness.CreateAsync(emulators, SlowJobs("Cheapest") with { Cheapest = true });
        await harness.Run.SetupAsync();
        await harness.Run.SubmitAsync(harness.WriteJobFile(6));
        await harness.Run.StartAsync();
        var status = await harness.Run.StatusAsync();

        var first = await harness.Backend.TendAsync(status, CancellationToken.None);
        var second = await harness.Backend.TendAsync(status, CancellationToken.None);

        Assert.Contains(first, a => a.StartsWith("cheapest mode:", StringComparison.Ordinal));
        Assert.DoesNotContain(second, a => a.StartsWith("cheapest mode:", StringComparison.Ordinal));
        Assert.Equal(1, Assert.Single(harness.Server.CallsTo("ModifySpotFleetRequest")).Input["TargetCapacity"]?.GetValue<long>());
        Assert.Equal(3, harness.Server.Ec2Instances().Count(i => i.State == "running"));
        await harness.Run.CleanupAsync(force: true); // the slow jobs are still running
        harness.Server.AssertNoViolations();
    }
}

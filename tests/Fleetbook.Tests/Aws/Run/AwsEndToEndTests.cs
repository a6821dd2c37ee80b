using Fleetbook.Backends.Aws.Run;
using Fleetbook.Configuration;
using Fleetbook.Display;
using Fleetbook.Steps;
using Fleetbook.Tests.Aws.Emulators;

namespace Fleetbook.Tests.Aws.Run;

/// <summary>
/// The whole run through <see cref="FleetRun"/> and the real AWS backend — setup → submit → start → monitor →
/// cleanup — against fauxqs and the fake ECS/EC2/Logs/CloudWatch server, whose tasks are real worker processes.
/// Every request is held to the official models, and at the end nothing of the run is left.
/// </summary>
[Collection(AwsEmulatorCollection.Name)]
public sealed class AwsEndToEndTests(AwsEmulators emulators)
{
    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(3);

    [AwsRunFact]
    public Task A_spot_fleet_run_from_the_DS_example_fleet_file_plays_through_and_leaves_nothing() => PlayAsync(FleetMode.SpotFleet);

    [AwsRunFact]
    public Task An_EC2_fleet_run_plays_through_and_leaves_nothing() => PlayAsync(FleetMode.Ec2Fleet);

    [AwsRunFact]
    public Task A_Fargate_Spot_run_plays_through_and_leaves_nothing() => PlayAsync(FleetMode.FargateSpot);

    private async Task PlayAsync(FleetMode mode)
    {
        await using var harness = await AwsBackendHarness.CreateAsync(emulators, AwsBackendHarness.JobConfig("E2e" + mode, mode));
        var results = new List<object>();

        results.Add(await harness.Run.PlanAsync());
        results.Add(await harness.Run.SetupAsync());
        var submitted = await harness.Run.SubmitAsync(harness.WriteJobFile(12));
        results.Add(submitted);
        Assert.True(submitted.Complete);
        var preflight = await harness.Run.PreflightAsync();
        results.Add(preflight);
        Assert.True(preflight.Ready, string.Join("\n", preflight.Problems.Select(p => $"{p.Name}: {p.Message}")));

        var started = await harness.Run.StartAsync();
        results.Add(started);
        Assert.Equal(2, started.Fleet.Desired);
        if (mode != FleetMode.FargateSpot)
        {
            Assert.Equal(new Fleetbook.Fleet.FleetMachines(2, 2, started.Fleet.Machines!.Registered), started.Fleet.Machines);
        }

        var running = await harness.Run.StatusAsync();
        results.Add(running);
        Assert.NotNull(running.Cost);
        Assert.True(running.Cost!.SoFar >= 0 && running.Cost.Basis.Length > 0, running.Cost.ToString());
        if (!running.IsDrained)
        {
            Assert.Contains("Cost so far $", running.Explanation, StringComparison.Ordinal);
        }

        var monitored = await harness.Run.MonitorAsync(options: new MonitorOptions
        {
            PollInterval = TimeSpan.FromMilliseconds(300),
            Timeout = RunLimit,
        });
        results.Add(monitored);
        results.Add(monitored.Final);

        Assert.True(monitored.Completed, monitored.Final.Explanation);
        Assert.NotNull(monitored.Cleanup);
        Assert.Equal(12, monitored.Final.Succeeded);
        Assert.Equal(0, monitored.Final.DeadLetter);
        Assert.True(harness.JobRuns >= 12);
        Assert.Contains(monitored.Cleanup!.Removed, r => r.StartsWith("deleted queue", StringComparison.Ordinal));
        Assert.Contains(monitored.Cleanup.Removed, r => r.StartsWith("deleted service", StringComparison.Ordinal));
        Assert.Contains(monitored.Cleanup.Removed, r => r.StartsWith("deleted cluster", StringComparison.Ordinal));
        await harness.Server.WaitUntilAsync(() => harness.Server.ResourcesLeft().Count == 0, TimeSpan.FromSeconds(30), "nothing of the run left: " + string.Join(", ", harness.Server.ResourcesLeft()));
        Assert.Null(await harness.Run.Backend.Queues.OpenAsync(harness.Config.EffectiveQueueName, CancellationToken.None));
        Assert.Equal(harness.Config.AppName, (await harness.Backend.LoadStateAsync())!.AppName);
        Assert.NotNull((await harness.Backend.LoadStateAsync())!.CleanedAt);
        harness.Server.AssertNoViolations();
        SecretScan.AssertClean(harness, results);
    }
}

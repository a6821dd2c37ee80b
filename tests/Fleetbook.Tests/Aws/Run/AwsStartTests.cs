using Fleetbook.Configuration;
using Fleetbook.Inputs;
using Fleetbook.Steps;
using Fleetbook.Tests.Aws.Emulators;

namespace Fleetbook.Tests.Aws.Run;

/// <summary>Start through the backend when EC2 cannot give what was asked: a launch specification it refuses, or fewer machines than asked.</summary>
[Collection(AwsEmulatorCollection.Name)]
public sealed class AwsStartTests(AwsEmulators emulators)
{
    [AwsRunFact]
    public async Task A_launch_specification_EC2_refuses_cancels_the_fleet_says_why_and_leaves_the_run_startable()
    {
        await using var harness = await AwsBackendHarness.CreateAsync(emulators, AwsBackendHarness.JobConfig("BadKey", FleetMode.SpotFleet));
        harness.Server.KnownKeyNames = new HashSet<string>(StringComparer.Ordinal) { "my-real-key" };
        await harness.Run.SetupAsync();
        await harness.Run.SubmitAsync(harness.WriteJobFile(2));

        var refused = await Assert.ThrowsAsync<InputException>(() => harness.Run.StartAsync());

        var problem = Assert.Single(refused.Problems);
        Assert.Contains("your_key_file_name", problem.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(problem.Fix));
        Assert.Null((await harness.Backend.LoadStateAsync())!.Capacity);
        Assert.Equal(0, (await harness.Run.StatusAsync()).Fleet.Desired);
        Assert.DoesNotContain(harness.Server.ResourcesLeft(), r => r.Contains("sfr-", StringComparison.Ordinal) || r.Contains("i-", StringComparison.Ordinal));

        harness.Server.KnownKeyNames = null;
        var started = await harness.Run.StartAsync();
        Assert.Equal(2, started.Fleet.Machines!.Running);
        await harness.Run.CleanupAsync(force: true); // the two jobs may still be waiting
        harness.Server.AssertNoViolations();
    }

    [AwsRunFact]
    public async Task Partial_capacity_is_reported_and_the_run_goes_on_with_what_came()
    {
        await using var harness = await AwsBackendHarness.CreateAsync(emulators, AwsBackendHarness.JobConfig("Partial", FleetMode.SpotFleet) with { StartTimeoutSeconds = 5 });
        harness.Server.SpotCapacityLimit = 1;
        await harness.Run.SetupAsync();
        await harness.Run.SubmitAsync(harness.WriteJobFile(6));

        var started = await harness.Run.StartAsync();

        Assert.Equal(new Fleetbook.Fleet.FleetMachines(2, 1, started.Fleet.Machines!.Registered), started.Fleet.Machines);
        Assert.Contains("insufficient spot capacity", started.Description + string.Join(" ", started.Notes), StringComparison.Ordinal);
        var monitored = await harness.Run.MonitorAsync(options: new MonitorOptions { PollInterval = TimeSpan.FromMilliseconds(300), Timeout = TimeSpan.FromMinutes(2) });
        Assert.True(monitored.Completed, monitored.Final.Explanation);
        Assert.Equal(6, monitored.Final.Succeeded);
        await harness.Server.WaitUntilAsync(() => harness.Server.ResourcesLeft().Count == 0, TimeSpan.FromSeconds(30), "nothing left: " + string.Join(", ", harness.Server.ResourcesLeft()));
        harness.Server.AssertNoViolations();
    }
}

using Fleetbook.Configuration;
using Fleetbook.Steps;
using Fleetbook.Tests.Aws.Emulators;

namespace Fleetbook.Tests.Aws.Run;

/// <summary>Monitor and cleanup resume from the saved run state after the process that ran them died.</summary>
[Collection(AwsEmulatorCollection.Name)]
public sealed class AwsResumeTests(AwsEmulators emulators)
{
    [AwsRunFact]
    public async Task A_monitor_killed_mid_run_and_again_mid_cleanup_is_started_again_elsewhere_and_finishes_the_cleanup()
    {
        await using var harness = await AwsBackendHarness.CreateAsync(emulators, AwsBackendHarness.JobConfig("Resume", FleetMode.SpotFleet));
        harness.Server.InstanceShutdownDelay = TimeSpan.FromSeconds(4);
        await harness.Run.SetupAsync();
        await harness.Run.SubmitAsync(harness.WriteJobFile(12));
        await harness.Run.StartAsync();

        var first = await harness.Run.MonitorAsync(options: new MonitorOptions { PollInterval = TimeSpan.FromMilliseconds(200), Timeout = TimeSpan.FromMilliseconds(500) });
        Assert.False(first.Completed);

        // Another machine: no local state file, only the bucket's copy of it.
        await harness.ReopenAsync();
        File.Delete(harness.Backend.StateFile);
        using var kill = new CancellationTokenSource();
        var killer = Task.Run(async () =>
        {
            await harness.Server.WaitUntilAsync(() => harness.Server.CallsTo("DeleteService").Count > 0, TimeSpan.FromMinutes(3), "cleanup to delete the service");
            await kill.CancelAsync();
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            harness.Run.MonitorAsync(options: new MonitorOptions { PollInterval = TimeSpan.FromMilliseconds(200) }, cancellationToken: kill.Token));
        await killer;
        Assert.NotEmpty(harness.Server.ResourcesLeft());

        await harness.ReopenAsync();
        var last = await harness.Run.MonitorAsync(options: new MonitorOptions { PollInterval = TimeSpan.FromMilliseconds(200), Timeout = TimeSpan.FromMinutes(2) });

        Assert.True(last.Completed);
        Assert.NotNull(last.Cleanup);
        Assert.Contains(last.Cleanup!.Removed, r => r.StartsWith("deleted cluster", StringComparison.Ordinal));
        Assert.Equal(12, last.Final.Succeeded);
        Assert.Empty(harness.Server.ResourcesLeft());
        harness.Server.AssertNoViolations();
    }

    [AwsRunFact]
    public async Task Cleanup_removes_the_launch_template_of_an_EC2_fleet_start_that_died_before_saving_it()
    {
        await using var harness = await AwsBackendHarness.CreateAsync(emulators, AwsBackendHarness.JobConfig("Orphan", FleetMode.Ec2Fleet));
        await harness.Run.SetupAsync();
        var name = Fleetbook.Backends.Aws.Capacity.Ec2FleetLaunch.LaunchTemplateName(harness.Config);
        await harness.Backend.Clients.Ec2.CreateLaunchTemplateAsync(new Fleetbook.Backends.Aws.Services.Ec2.CreateLaunchTemplateRequest(name,
            new Fleetbook.Backends.Aws.Services.Ec2.LaunchTemplateData(ImageId: "ami-0ce03502c5bb5e188")));
        Assert.Contains(harness.Server.ResourcesLeft(), r => r.Contains(name, StringComparison.Ordinal));

        var cleaned = await harness.Run.CleanupAsync();

        Assert.Contains(cleaned.Removed, r => r.StartsWith("deleted launch template " + name, StringComparison.Ordinal));
        Assert.Empty(harness.Server.ResourcesLeft());
        harness.Server.AssertNoViolations();
    }
}

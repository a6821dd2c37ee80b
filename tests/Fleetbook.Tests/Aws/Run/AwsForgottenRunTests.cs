using Fleetbook.Configuration;
using Fleetbook.Display;
using Fleetbook.Steps;
using Fleetbook.Tests.Aws.Emulators;

namespace Fleetbook.Tests.Aws.Run;

/// <summary>'runs list' finds a run left running by its tag; 'cleanup APP_NAME' from another project removes all of it.</summary>
[Collection(AwsEmulatorCollection.Name)]
public sealed class AwsForgottenRunTests(AwsEmulators emulators)
{
    [AwsRunFact]
    public async Task A_forgotten_run_is_found_by_its_tag_and_removed_by_name_from_another_project()
    {
        await using var harness = await AwsBackendHarness.CreateAsync(emulators, AwsBackendHarness.JobConfig("Forgotten", FleetMode.SpotFleet));
        await harness.Run.SetupAsync();
        await harness.Run.SubmitAsync(harness.WriteJobFile(4));
        await harness.Run.StartAsync();
        var app = harness.Config.AppName;

        // Another project in the same account: a different run name, and no local state of the forgotten run.
        await using var other = FleetRun.Create(harness.Config with { AppName = "SomeOtherRun" }, Path.Combine(harness.ProjectDirectory, "elsewhere"), TimeProvider.System,
            Fleetbook.Backends.Aws.Run.AwsBackend.Open(harness.Config with { AppName = "SomeOtherRun" }, Path.Combine(harness.ProjectDirectory, "elsewhere"), TimeProvider.System, harness.Options));
        var found = await other.FindRunsAsync();

        var run = Assert.Single(found.Runs, r => r.AppName == app);
        Assert.Contains(run.Resources, r => r.StartsWith("Spot Fleet sfr-", StringComparison.Ordinal));
        Assert.Contains(run.Resources, r => r.StartsWith("ECS service " + app + "Service", StringComparison.Ordinal));
        Assert.Contains(run.Resources, r => r.StartsWith("ECS cluster", StringComparison.Ordinal));
        Assert.Contains(run.Resources, r => r.Contains("/run.json", StringComparison.Ordinal));
        Assert.Contains(app, FleetbookDisplay.ToText(found), StringComparison.Ordinal);

        await using var forgotten = other.ForApp(app);
        var cleaned = await forgotten.CleanupAsync(force: true); // its jobs may still be waiting

        Assert.Contains(cleaned.Removed, r => r.StartsWith("deleted queue " + app + "Queue", StringComparison.Ordinal));
        await harness.Server.WaitUntilAsync(() => harness.Server.ResourcesLeft().Count == 0, TimeSpan.FromSeconds(30), "nothing left: " + string.Join(", ", harness.Server.ResourcesLeft()));
        Assert.DoesNotContain((await other.FindRunsAsync()).Runs, r => r.AppName == app);
        harness.Server.AssertNoViolations();
    }
}

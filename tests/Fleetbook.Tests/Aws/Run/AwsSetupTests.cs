using Fleetbook.Backends.Aws.Services;
using Fleetbook.Configuration;
using Fleetbook.Inputs;
using Fleetbook.Tests.Aws.Emulators;
using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Aws.Run;

/// <summary>Setup on AWS (anchors §2.1): queues, cluster, log groups, task definition and service, tagged, idempotent, with no secret in the task definition.</summary>
[Collection(AwsEmulatorCollection.Name)]
public sealed class AwsSetupTests(AwsEmulators emulators)
{
    [AwsRunFact]
    public async Task Setup_creates_every_resource_tagged_with_the_run_and_a_second_setup_changes_nothing()
    {
        await using var harness = await AwsBackendHarness.CreateAsync(emulators, AwsBackendHarness.JobConfig("SetupTwice", FleetMode.SpotFleet));
        var first = await harness.Run.SetupAsync();
        Assert.Contains(first.Actions, a => a.StartsWith("created ECS cluster", StringComparison.Ordinal));
        Assert.Contains(first.Actions, a => a.StartsWith("registered task definition", StringComparison.Ordinal));
        Assert.Contains(first.Actions, a => a.StartsWith("created service", StringComparison.Ordinal));
        Assert.Equal(2, first.Actions.Count(a => a.StartsWith("created log group", StringComparison.Ordinal)));

        var inventory = harness.Server.Inventory();
        Assert.NotEmpty(inventory);
        Assert.All(inventory, r => Assert.Equal(harness.Config.AppName, r.Tags.GetValueOrDefault(AwsTag.RunKey)));
        var mutatingCalls = harness.Server.Calls.Count(IsMutation);

        await harness.ReopenAsync();
        var second = await harness.Run.SetupAsync();

        Assert.False(second.Queue.Created);
        Assert.False(second.Queue.Updated);
        Assert.DoesNotContain(second.Actions, a => a.StartsWith("created", StringComparison.Ordinal) || a.StartsWith("registered", StringComparison.Ordinal) || a.StartsWith("updated", StringComparison.Ordinal));
        Assert.Equal(mutatingCalls, harness.Server.Calls.Count(IsMutation));
        harness.Server.AssertNoViolations();
    }

    [AwsRunFact]
    public async Task A_changed_config_registers_a_new_revision_and_points_the_service_at_it()
    {
        await using var harness = await AwsBackendHarness.CreateAsync(emulators, AwsBackendHarness.JobConfig("SetupChange", FleetMode.SpotFleet));
        await harness.Run.SetupAsync();
        await using var changed = Fleetbook.Steps.FleetRun.Create(harness.Config with { Memory = 3000 }, harness.ProjectDirectory, TimeProvider.System,
            Fleetbook.Backends.Aws.Run.AwsBackend.Open(harness.Config with { Memory = 3000 }, harness.ProjectDirectory, TimeProvider.System, harness.Options));

        var result = await changed.SetupAsync();

        Assert.Contains(result.Actions, a => a.Contains(":2: the config changed since revision 1", StringComparison.Ordinal));
        Assert.Contains(result.Actions, a => a.StartsWith("updated service", StringComparison.Ordinal) && a.EndsWith(":2", StringComparison.Ordinal));
        harness.Server.AssertNoViolations();
    }

    [AwsRunFact]
    public async Task A_credential_or_secret_looking_variable_is_refused_before_the_run_opens()
    {
        var config = AwsBackendHarness.JobConfig("SetupSecret", FleetMode.SpotFleet) with
        {
            Environment = new Dictionary<string, string> { ["AWS_SECRET_ACCESS_KEY"] = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", ["DB_PASSWORD"] = "hunter2" },
        };
        var refused = await Assert.ThrowsAsync<InputException>(() => AwsBackendHarness.CreateAsync(emulators, config));

        Assert.Equal(2, refused.Problems.Count);
        Assert.Contains(refused.Problems, p => p.Where == "environment.AWS_SECRET_ACCESS_KEY" && p.Fix!.Contains("taskRoleArn", StringComparison.Ordinal));
        Assert.Contains(refused.Problems, p => p.Where == "environment.DB_PASSWORD" && p.Fix!.Contains("Secrets Manager", StringComparison.Ordinal));
        Assert.DoesNotContain("hunter2", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wJalr", refused.Message, StringComparison.Ordinal);
    }

    private static bool IsMutation(Fake.RecordedCall call) =>
        !call.Operation.StartsWith("Describe", StringComparison.Ordinal) && !call.Operation.StartsWith("List", StringComparison.Ordinal);
}

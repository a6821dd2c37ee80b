using Fleetbook.Configuration;
using Fleetbook.Inputs;
using Fleetbook.Tests.Aws.Emulators;

namespace Fleetbook.Tests.Aws.Run;

/// <summary>Cleanup on AWS deletes the SQS queue: it refuses while jobs wait in it, unless forced, and keeps only what is there.</summary>
[Collection(AwsEmulatorCollection.Name)]
public sealed class AwsCleanupRefusalTests(AwsEmulators emulators)
{
    [AwsRunFact]
    public async Task Cleanup_refuses_while_jobs_wait_in_the_SQS_queue_and_removes_everything_with_force()
    {
        // Arrange
        await using var harness = await AwsBackendHarness.CreateAsync(emulators, AwsBackendHarness.JobConfig("Refuse", FleetMode.SpotFleet));
        await harness.Run.SetupAsync();
        await harness.Run.SubmitAsync(harness.WriteJobFile(3));

        // Act
        var refused = await Assert.ThrowsAsync<InputException>(() => harness.Run.CleanupAsync());
        var still = await harness.Run.StatusAsync();
        var cleaned = await harness.Run.CleanupAsync(force: true);

        // Assert
        Assert.Contains("3 jobs would be lost: 3 waiting", Assert.Single(refused.Problems).Message, StringComparison.Ordinal);
        Assert.Equal(3, still.Visible);
        Assert.Contains(cleaned.Removed, r => r.StartsWith("deleted queue", StringComparison.Ordinal));
        Assert.Empty(harness.Server.ResourcesLeft());
        harness.Server.AssertNoViolations();
    }

    [AwsRunFact]
    public async Task Cleanup_of_a_run_never_set_up_keeps_no_dead_letter_queue_that_never_existed()
    {
        // Arrange
        await using var harness = await AwsBackendHarness.CreateAsync(emulators, AwsBackendHarness.JobConfig("NeverSetUp", FleetMode.SpotFleet));

        // Act
        var cleaned = await harness.Run.CleanupAsync();

        // Assert
        Assert.DoesNotContain(cleaned.Kept, k => k.StartsWith("dead-letter queue", StringComparison.Ordinal));
        Assert.DoesNotContain(cleaned.Removed, r => r.StartsWith("deleted queue", StringComparison.Ordinal));
        harness.Server.AssertNoViolations();
    }
}

using Fleetbook.Inputs;
using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Local;

public sealed class CleanupRefusalTests
{
    [Fact]
    public async Task Cleanup_refuses_while_jobs_wait_or_run_says_how_many_would_be_lost_and_changes_nothing()
    {
        // Arrange: one worker copy holding a long job, three more waiting.
        var config = LocalRunHarness.ShellJobConfig("RefusedCleanup", "sleep 30") with { Machines = 1, DockerCores = 1, VisibilitySeconds = 60 };
        await using var harness = new LocalRunHarness(config);
        await harness.SetUpWithNumberedJobsAsync(4);
        await harness.Run.StartAsync();
        await WaitAsync(async () => (await harness.Run.StatusAsync()).InFlight == 1);

        // Act
        var refused = await Assert.ThrowsAsync<InputException>(() => harness.Run.CleanupAsync());
        var status = await harness.Run.StatusAsync();

        // Assert: the queue, its jobs and the worker are all still there.
        var problem = Assert.Single(refused.Problems);
        Assert.Contains("4 jobs would be lost: 3 waiting and 1 running", problem.Message);
        Assert.Contains("cleanup --force", problem.Fix);
        Assert.Contains("force: true", problem.Fix);
        Assert.True(status.QueueExists);
        Assert.Equal((3L, 1L), (status.Visible, status.InFlight));
        Assert.Equal(1, status.Fleet.Running);
    }

    [Fact]
    public async Task The_cleanup_command_exits_2_while_jobs_remain_and_removes_them_with_force()
    {
        // Arrange: jobs submitted, no worker started.
        await using var harness = new LocalRunHarness(LocalRunHarness.ShellJobConfig("ForcedCleanup", "true"));
        await harness.SetUpWithNumberedJobsAsync(16);

        // Act
        var refused = await CliRunner.RunAsync("cleanup", "-c", harness.ConfigPath);
        var forced = await CliRunner.RunAsync("cleanup", "--force", "-c", harness.ConfigPath);

        // Assert
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("16 jobs would be lost: 16 waiting and 0 running", refused.Error);
        Assert.Contains("fleetbook cleanup --force", refused.Error);
        Assert.DoesNotContain("[ok]", refused.Output);
        Assert.Equal(0, forced.ExitCode);
        Assert.Contains("deleted queue", forced.Output);
        Assert.False((await harness.Run.StatusAsync()).QueueExists);
    }

    [Fact]
    public async Task Cleanup_of_a_drained_run_needs_no_force()
    {
        // Arrange
        await using var harness = new LocalRunHarness(LocalRunHarness.ShellJobConfig("DrainedCleanup", "true"));
        await harness.Run.SetupAsync();

        // Act
        var cleaned = await harness.Run.CleanupAsync();

        // Assert
        Assert.Contains(cleaned.Removed, r => r.StartsWith("deleted queue", StringComparison.Ordinal));
    }

    private static async Task WaitAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
    }
}

using Fleetbook.Configuration;
using Fleetbook.Fleet;
using Fleetbook.Inputs;
using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Slurm;

/// <summary>What a run says about Slurm's side of things: a partition that is down or drained, workers waiting in Slurm's queue, preflight's findings, cleanup.</summary>
[Collection(SlurmCollection.Name)]
public sealed class SlurmSchedulerTests
{
    [SlurmFact(needsAdmin: true)]
    public async Task A_partition_that_is_down_at_start_stops_start_with_the_reason_and_the_fix()
    {
        // Arrange
        await using var run = new SlurmRunHarness(SlurmRunHarness.ShellConfig("SlurmDown", "true"));
        await run.Run.SetupAsync();
        await run.Run.SubmitAsync(run.WriteNumberedJobs(2));
        var partition = SlurmCluster.Partition;

        // Act
        SlurmCluster.Run("scontrol", "update", $"PartitionName={partition}", "State=DOWN");
        InputException refused;
        try
        {
            refused = await Assert.ThrowsAsync<InputException>(() => run.Run.StartAsync());
        }
        finally
        {
            SlurmCluster.Run("scontrol", "update", $"PartitionName={partition}", "State=UP");
        }

        // Assert: nothing was submitted, and the problem says what and what to do.
        var problem = Assert.Single(refused.Problems, p => p.Where == "partition state");
        Assert.Contains($"partition {partition} is DOWN", problem.Message);
        Assert.Contains("start none of them", problem.Message);
        Assert.Contains("choose another partition", problem.Fix);
        Assert.Empty(SlurmCluster.ActiveJobs(run.Backend.Names.JobName));
    }

    [SlurmFact(needsAdmin: true)]
    public async Task Drained_nodes_at_start_stop_start_with_each_node_and_its_reason()
    {
        // Arrange
        await using var run = new SlurmRunHarness(SlurmRunHarness.ShellConfig("SlurmDrain", "true"));
        await run.Run.SetupAsync();
        await run.Run.SubmitAsync(run.WriteNumberedJobs(2));
        var nodes = SlurmCluster.Run("sinfo", "--noheader", "--partition", SlurmCluster.Partition, "--format=%N").Trim();

        // Act
        SlurmCluster.Run("scontrol", "update", $"NodeName={nodes}", "State=DRAIN", "Reason=fleetbook-test-maintenance");
        InputException refused;
        try
        {
            refused = await Assert.ThrowsAsync<InputException>(() => run.Run.StartAsync());
        }
        finally
        {
            SlurmCluster.Resume(nodes);
        }

        // Assert
        var problem = Assert.Single(refused.Problems, p => p.Where == "nodes");
        Assert.Contains($"no node of partition {SlurmCluster.Partition} takes jobs", problem.Message);
        Assert.Contains("drain", problem.Message);
        Assert.Contains("fleetbook-test-maintenance", problem.Message);
        Assert.Contains("sinfo -R", problem.Fix);
        Assert.Empty(SlurmCluster.ActiveJobs(run.Backend.Names.JobName));
    }

    [SlurmFact(needsAdmin: true)]
    public async Task Workers_waiting_on_a_partition_that_went_down_are_explained_in_words()
    {
        // Arrange: jobs waiting; the partition goes down after preflight, as it may on a real cluster.
        await using var run = new SlurmRunHarness(SlurmRunHarness.ShellConfig("SlurmLater", "true"));
        await run.Run.SetupAsync();
        await run.Run.SubmitAsync(run.WriteNumberedJobs(2));
        var queue = (await run.Run.Backend.Queues.OpenAsync(run.Config.EffectiveQueueName, CancellationToken.None))!;
        var partition = SlurmCluster.Partition;
        SlurmCluster.Run("scontrol", "update", $"PartitionName={partition}", "State=DOWN");
        try
        {
            await run.Backend.Fleet.StartAsync(new FleetLaunch(2, run.Backend.WorkerEnvironment(queue.Url)), CancellationToken.None);

            // Act
            Steps.RunStatus status = null!;
            await SlurmRunHarness.WaitForAsync(async () =>
            {
                status = await run.Run.StatusAsync();
                return status.Fleet.Queued?.Reason == "PartitionDown";
            }, "Slurm to give PartitionDown as the workers' reason");

            // Assert
            Assert.Equal(0, status.Fleet.Running);
            Assert.Contains("2 workers in the scheduler's queue", status.Explanation);
            Assert.Contains("the partition is DOWN", status.Explanation);
            Assert.Contains("PartitionDown", status.Fleet.Description);
        }
        finally
        {
            SlurmCluster.Run("scontrol", "update", $"PartitionName={partition}", "State=UP");
        }
    }

    [SlurmFact]
    public async Task Workers_waiting_for_CPUs_are_explained_and_cleanup_leaves_no_Slurm_job_of_the_run()
    {
        // Arrange: three workers of two CPUs each on a partition whose largest node has two: one runs, two wait for Resources.
        var config = SlurmRunHarness.ShellConfig("SlurmClean", "sleep 60", workers: 3) with { DockerCores = 2 };
        await using var run = new SlurmRunHarness(config);
        await run.SubmitAndStartAsync(run.WriteNumberedJobs(6));
        Steps.RunStatus status = null!;
        await SlurmRunHarness.WaitForAsync(async () =>
        {
            status = await run.Run.StatusAsync();
            return status.Fleet.Running >= 1 && status.Fleet.Queued?.Reason == "Resources";
        }, "one worker running and the others waiting for Resources");
        Assert.Contains("wait in the scheduler's queue (Resources: they wait for CPUs or memory", status.Explanation);

        // Act
        var cleanup = await run.Run.CleanupAsync(force: true);

        // Assert: no job of the run is left in Slurm's queue; dead letters, logs and the journal are kept.
        Assert.Empty(SlurmCluster.ActiveJobs(run.Backend.Names.JobName));
        Assert.Contains(cleanup.Removed, r => r.StartsWith("cancelled 3 Slurm worker job(s)", StringComparison.Ordinal));
        Assert.Contains(cleanup.Removed, r => r == $"deleted queue {config.EffectiveQueueName}");
        Assert.Contains(cleanup.Kept, k => k.StartsWith($"dead-letter queue {config.EffectiveDeadLetterQueue}", StringComparison.Ordinal));
        Assert.True(Directory.Exists(run.Backend.Folders.WorkerLogs));
        Assert.NotNull(await run.Run.Backend.Queues.OpenAsync(config.EffectiveDeadLetterQueue, CancellationToken.None));
        var attempts = await run.AttemptsAsync();
        Assert.All(attempts, a => Assert.NotEqual(Journal.AttemptOutcome.Running, a.Outcome));
    }

    [SlurmFact]
    public async Task Preflight_on_a_partition_that_does_not_exist_exits_2_naming_the_partitions_there_are()
    {
        // Arrange
        var config = SlurmRunHarness.ShellConfig("SlurmNoPart", "true");
        await using var run = new SlurmRunHarness(config with { Slurm = config.Slurm.WithPartition("nosuchpartition") });

        // Act
        var preflight = await CliRunner.RunAsync("preflight", "--config", run.ConfigPath);
        var start = await CliRunner.RunAsync("start", "--config", run.ConfigPath);

        // Assert
        Assert.Equal(2, preflight.ExitCode);
        Assert.Contains("this cluster has no partition 'nosuchpartition'", preflight.All);
        Assert.Contains(SlurmCluster.Partition, preflight.All);
        Assert.Contains("\"partition\":", preflight.All);
        Assert.Equal(2, start.ExitCode);
        Assert.DoesNotContain("   at ", start.All);
    }

    [SlurmFact]
    public async Task Preflight_of_workers_larger_than_any_node_exits_2_with_the_largest_that_fits()
    {
        // Arrange: more memory, and more CPUs, than the partition's largest node has; a job timeout past the time limit.
        var config = SlurmRunHarness.ShellConfig("SlurmBig", "true") with { Memory = 33_000_000, DockerCores = 256, JobTimeoutSeconds = 3600 };
        await using var run = new SlurmRunHarness(config with { Slurm = config.Slurm.WithTimeLimit("30") });

        // Act
        var preflight = await CliRunner.RunAsync("preflight", "--config", run.ConfigPath);

        // Assert
        Assert.Equal(2, preflight.ExitCode);
        Assert.Contains("set memory to at most", preflight.All);
        Assert.Contains("set dockerCores to at most", preflight.All);
        Assert.Contains("a worker lives at most 30 min", preflight.All);
        Assert.Contains("\"timeLimit\": \"01:01:00\"", preflight.All);
    }
}

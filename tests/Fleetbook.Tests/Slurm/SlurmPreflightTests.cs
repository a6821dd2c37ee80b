using Fleetbook.Backends.Slurm;
using Fleetbook.Configuration;
using Fleetbook.Steps;
using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Slurm;

/// <summary>Preflight against a cluster described by canned scontrol output: each problem named, with its fix.</summary>
public sealed class SlurmPreflightTests : IDisposable
{
    private static readonly MountedFileSystem Nfs = new("nfs4", "/home", FileSystemReach.Shared);
    private static readonly MountedFileSystem Ext4 = new("ext4", "/", FileSystemReach.Local);

    private readonly TempFolder _folder = new("slurm-preflight");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_run_that_fits_a_partition_on_a_shared_file_system_passes_every_check()
    {
        // Act
        var result = await PreflightAsync(Config(), FakeSlurm.Cluster());

        // Assert
        Assert.True(result.Ready, string.Join("\n", result.Problems.Select(p => $"{p.Name}: {p.Message}")));
        Assert.Contains(result.Checks, c => c.Name == "partition" && c.Message.Contains("batch, the cluster's default partition", StringComparison.Ordinal));
        Assert.Contains(result.Checks, c => c.Name == "run folder" && c.Message.Contains("nfs4", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_partition_that_does_not_exist_is_named_with_the_ones_that_do()
    {
        // Act
        var result = await PreflightAsync(Config(partition: "bach"), FakeSlurm.Cluster());

        // Assert
        var problem = Assert.Single(result.Problems);
        Assert.Equal("this cluster has no partition 'bach' (it has batch (default))", problem.Message);
        Assert.Equal("set \"slurm\": { \"partition\": \"batch\" } ('sinfo' lists the partitions with their state)", problem.Fix);
    }

    [Theory]
    [InlineData("DOWN", "is DOWN: Slurm would take the workers but start none of them")]
    [InlineData("DRAIN", "is DRAINING: it takes no new jobs")]
    [InlineData("INACTIVE", "is INACTIVE: it neither takes nor runs jobs")]
    public async Task A_partition_that_is_not_up_is_explained(string state, string expected)
    {
        // Arrange
        var cluster = FakeSlurm.Cluster($"PartitionName=batch Default=YES MaxTime=UNLIMITED Nodes=n[01-02] State={state}");

        // Act
        var result = await PreflightAsync(Config(), cluster);

        // Assert
        var problem = Assert.Single(result.Problems);
        Assert.Equal("partition state", problem.Name);
        Assert.Contains($"partition batch {expected}", problem.Message);
        Assert.Contains("choose another partition", problem.Fix);
    }

    [Fact]
    public async Task A_partition_whose_nodes_are_all_drained_or_down_names_each_with_its_reason()
    {
        // Arrange
        var cluster = FakeSlurm.Cluster(nodes:
        [
            "NodeName=n01 CPUTot=8 RealMemory=32000 State=IDLE+DRAIN Partitions=batch Reason=new disks [admin@2026-12-01]",
            "NodeName=n02 CPUTot=8 RealMemory=32000 State=DOWN* Partitions=batch Reason=Not responding",
        ]);

        // Act
        var result = await PreflightAsync(Config(), cluster);

        // Assert
        var problem = Assert.Single(result.Problems);
        Assert.Equal("no node of partition batch takes jobs: n01 is idle+drain (new disks [admin@2026-12-01]); n02 is down* (Not responding). Workers would wait (reason ReqNodeNotAvail or Resources) until one is back", problem.Message);
        Assert.Contains("'sinfo -R' says why each is out", problem.Fix);
    }

    [Fact]
    public async Task Workers_larger_than_any_node_are_refused_with_the_largest_that_fits()
    {
        // Act
        var result = await PreflightAsync(Config() with { DockerCores = 16, Memory = 100_000 }, FakeSlurm.Cluster());

        // Assert
        Assert.Equal("set dockerCores to at most 8, and add workers with machines or tasksPerMachine instead", Assert.Single(result.Problems, p => p.Name == "CPUs per worker").Fix);
        Assert.Equal("set memory to at most 64,000 (MB)", Assert.Single(result.Problems, p => p.Name == "memory per worker").Fix);
    }

    [Fact]
    public async Task A_time_limit_past_the_partitions_MaxTime_is_refused()
    {
        // Act
        var result = await PreflightAsync(Config(timeLimit: "3-00:00:00"), FakeSlurm.Cluster());

        // Assert
        var problem = Assert.Single(result.Problems);
        Assert.Contains("a worker asks for 3 d (slurm.timeLimit) but partition batch allows at most 2 d (MaxTime)", problem.Message);
        Assert.Equal("set \"slurm\": { \"timeLimit\": \"2-00:00:00\" } or less", problem.Fix);
    }

    [Fact]
    public async Task A_job_timeout_that_no_worker_lives_long_enough_for_is_refused()
    {
        // Act
        var result = await PreflightAsync(Config(timeLimit: "30") with { JobTimeoutSeconds = 3600 }, FakeSlurm.Cluster());

        // Assert
        var problem = Assert.Single(result.Problems);
        Assert.Contains("a job may run for 1 h (jobTimeoutSeconds) but a worker lives at most 30 min (slurm.timeLimit)", problem.Message);
        Assert.Equal("set \"slurm\": { \"timeLimit\": \"01:01:00\" } or more, or lower jobTimeoutSeconds", problem.Fix);
    }

    [Fact]
    public async Task More_workers_than_MaxArraySize_are_refused()
    {
        // Act
        var result = await PreflightAsync(Config() with { Machines = 600, TasksPerMachine = 2 }, FakeSlurm.Cluster());

        // Assert
        var problem = Assert.Single(result.Problems);
        Assert.Contains("1,200 workers (machines × tasksPerMachine) make a job array larger than this cluster allows (MaxArraySize 1,001)", problem.Message);
    }

    [Fact]
    public async Task A_run_folder_on_this_machines_own_disk_is_refused_when_the_partition_has_other_nodes()
    {
        // Act
        var result = await PreflightAsync(Config(), FakeSlurm.Cluster(), path => path.StartsWith(_folder.Path, StringComparison.Ordinal) ? Ext4 : Nfs);

        // Assert
        var problem = Assert.Single(result.Problems, p => p.Name == "run folder");
        Assert.Contains("is on ext4 (/), a disk of this machine only: the nodes of batch cannot see it", problem.Message);
        Assert.Equal("set \"stateDir\" (or move the project) to a folder on the file system the nodes share, such as your home or scratch folder", problem.Fix);
    }

    [Fact]
    public async Task A_run_folder_on_this_machines_own_disk_is_enough_when_this_machine_is_the_partitions_only_node()
    {
        // Arrange
        var cluster = FakeSlurm.Cluster("PartitionName=debug Default=YES MaxTime=UNLIMITED Nodes=here State=UP",
            $"NodeName=here NodeHostName={Environment.MachineName} CPUTot=2 RealMemory=8000 State=IDLE Partitions=debug");

        // Act
        var result = await PreflightAsync(Config() with { Memory = 1000 }, cluster, _ => Ext4);

        // Assert
        Assert.True(result.Ready, string.Join("\n", result.Problems.Select(p => $"{p.Name}: {p.Message}")));
        Assert.Contains("which is enough: this machine is the partition's only node", Assert.Single(result.Checks, c => c.Name == "run folder").Message);
    }

    [Fact]
    public async Task A_run_folder_on_an_object_store_mount_is_refused_since_rename_there_is_copy_and_delete()
    {
        // Act
        var result = await PreflightAsync(Config(), FakeSlurm.Cluster(), _ => new MountedFileSystem("fuse.s3fs", "/mnt/bucket", FileSystemReach.SharedWithoutAtomicRename));

        // Assert
        Assert.Contains("a rename is a copy and a delete, so two workers could take the same job", Assert.Single(result.Problems, p => p.Name == "run folder").Message);
    }

    [Fact]
    public async Task Without_Slurms_commands_preflight_says_to_run_on_the_login_node()
    {
        // Arrange
        var missing = new FakeSlurm().Answer(_ => true, call => throw new SlurmUnavailableException(call.Program, "No such file or directory"));

        // Act
        var result = await PreflightAsync(Config(), missing);

        // Assert
        var problem = Assert.Single(result.Checks);
        Assert.False(problem.Passed);
        Assert.Contains("login node", problem.Fix);
    }

    private async Task<PreflightResult> PreflightAsync(RunConfig config, FakeSlurm cluster, Func<string, MountedFileSystem?>? fileSystemOf = null)
    {
        var folders = new SlurmRunFolders(_folder.Path, _folder.File(".fleetbook/Run"), _folder.File("bucket"));
        var preflight = new SlurmPreflight(config, new SlurmClient(cluster), folders, () => ["/usr/bin/dotnet", _folder.File("fleetbook-worker.dll")], fileSystemOf ?? (_ => Nfs));
        return new PreflightResult(await preflight.RunAsync(CancellationToken.None));
    }

    private static RunConfig Config(string partition = "", string timeLimit = "") => new()
    {
        AppName = "Run",
        Backend = BackendKind.Slurm,
        Command = ["/bin/sh", "-c", "true"],
        Machines = 4,
        DockerCores = 2,
        Memory = 4000,
        Slurm = new SlurmOptions { Partition = partition, TimeLimit = timeLimit },
    };
}

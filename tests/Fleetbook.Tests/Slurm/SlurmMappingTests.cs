using System.Text.Json;
using Fleetbook.Backends.Slurm;
using Fleetbook.Configuration;
using Fleetbook.Fleet;
using Fleetbook.Inputs;
using Fleetbook.Steps;
using Fleetbook.Tests.Support;
using Fleetbook.Working;

namespace Fleetbook.Tests.Slurm;

/// <summary>How the config becomes Slurm's resources, and what the Slurm keys accept.</summary>
public sealed class SlurmMappingTests : IDisposable
{
    private readonly TempFolder _folder = new("slurm-mapping");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Start_submits_one_array_of_machines_times_tasks_workers_with_dockerCores_CPUs_and_memory_each()
    {
        // Arrange
        var config = Config() with { Machines = 3, TasksPerMachine = 2, DockerCores = 4, Memory = 8000 };
        config = config with { Slurm = config.Slurm with { Partition = "batch", Account = "lab42", Qos = "short", TimeLimit = "4:00:00", SbatchArguments = ["--constraint=avx2"] } };
        var slurm = SubmittingCluster();
        await using var run = FleetRun.Create(config, _folder.Path, backend: new SlurmBackend(config, _folder.Path, TimeProvider.System, slurm));
        await run.SetupAsync();

        // Act
        var started = await run.Backend.Fleet.StartAsync(new FleetLaunch(config.WorkerCount, run.Backend.WorkerEnvironment("unused")), CancellationToken.None);

        // Assert
        var sbatch = Assert.Single(slurm.Calls, c => c.Program == "sbatch");
        var arguments = sbatch.Arguments;
        Assert.Contains("--array=0-5", arguments);
        Assert.Contains("--cpus-per-task=4", arguments);
        Assert.Contains("--mem=8000M", arguments);
        Assert.Contains("--partition=batch", arguments);
        Assert.Contains("--account=lab42", arguments);
        Assert.Contains("--qos=short", arguments);
        Assert.Contains("--time=4:00:00", arguments);
        Assert.Contains("--no-requeue", arguments);
        Assert.Equal("--constraint=avx2", arguments[^1]);
        Assert.Contains($"--job-name=fleetbook-{config.AppName}", arguments);
        Assert.Contains(arguments, a => a.StartsWith("--comment=fleetbook:" + config.AppName + ":", StringComparison.Ordinal));
        Assert.Equal(6, started.Desired);
    }

    [Fact]
    public async Task The_batch_script_and_arguments_hold_no_setting_and_no_secret_which_reach_the_worker_by_name_only()
    {
        // Arrange
        var config = Config() with { Environment = new Dictionary<string, string> { ["LICENSE_TOKEN"] = "s3cr3t-value-123" } };
        var slurm = SubmittingCluster();
        await using var run = FleetRun.Create(config, _folder.Path, backend: new SlurmBackend(config, _folder.Path, TimeProvider.System, slurm));
        await run.SetupAsync();

        // Act
        await run.Backend.Fleet.StartAsync(new FleetLaunch(config.WorkerCount, run.Backend.WorkerEnvironment("unused")), CancellationToken.None);

        // Assert
        var sbatch = Assert.Single(slurm.Calls, c => c.Program == "sbatch");
        Assert.DoesNotContain("s3cr3t", sbatch.StandardInput);
        Assert.DoesNotContain(sbatch.Arguments, a => a.Contains("s3cr3t", StringComparison.Ordinal));
        var export = Assert.Single(sbatch.Arguments, a => a.StartsWith("--export=", StringComparison.Ordinal))["--export=".Length..].Split(',');
        Assert.Contains("LICENSE_TOKEN", export);
        Assert.Contains(WorkerEnvironment.QueueUrl, export);
        Assert.DoesNotContain("TMPDIR", export);
        Assert.Equal("s3cr3t-value-123", sbatch.Environment["LICENSE_TOKEN"]);
        Assert.StartsWith("shared-folder:///", sbatch.Environment[WorkerEnvironment.QueueUrl]);
        Assert.Contains("FLEETBOOK_WORKER_ID=\"slurm-${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID}\"", sbatch.StandardInput);
        Assert.Contains("FLEETBOOK_WORK_DIR=\"${SLURM_TMPDIR:-${TMPDIR:-/tmp}}/fleetbook-${SLURM_JOB_ID}\"", sbatch.StandardInput);
        Assert.EndsWith("\n", sbatch.StandardInput);
        Assert.Contains("\nexec '", sbatch.StandardInput);
        Assert.DoesNotContain(Directory.EnumerateFiles(_folder.Path, "*", SearchOption.AllDirectories), f => File.ReadAllText(f).Contains("s3cr3t", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Workers_Slurm_refuses_stop_start_with_Slurms_words_and_where_to_look()
    {
        // Arrange
        var config = Config();
        var slurm = SubmittingCluster().Answer("sbatch", "--parsable", "", exitCode: 1, error: "sbatch: error: Batch job submission failed: Invalid account or account/partition combination specified\n");
        await using var run = FleetRun.Create(config, _folder.Path, backend: new SlurmBackend(config, _folder.Path, TimeProvider.System, slurm));
        await run.SetupAsync();

        // Act
        var refused = await Assert.ThrowsAsync<InputException>(() => run.Backend.Fleet.StartAsync(new FleetLaunch(1, run.Backend.WorkerEnvironment("unused")), CancellationToken.None));

        // Assert
        var problem = Assert.Single(refused.Problems);
        Assert.Equal("Slurm refused the workers: sbatch: error: Batch job submission failed: Invalid account or account/partition combination specified", problem.Message);
        Assert.Contains("slurm.account", problem.Fix);
    }

    [Fact]
    public async Task A_container_image_runs_the_command_with_the_runs_folders_bound()
    {
        // Arrange
        var config = Config();
        config = config with { Slurm = config.Slurm.WithContainer("images/tool.sif") };
        await using var run = FleetRun.Create(config, _folder.Path, backend: new SlurmBackend(config, _folder.Path, TimeProvider.System, SubmittingCluster()));

        // Act
        var environment = run.Backend.WorkerEnvironment("unused");

        // Assert
        Assert.Equal(Path.Combine(_folder.Path, "images", "tool.sif"), environment[WorkerEnvironment.Container]);
        var binds = JsonSerializer.Deserialize<string[]>(environment[WorkerEnvironment.ContainerBinds])!;
        Assert.Equal([_folder.Path, Path.Combine(_folder.Path, "bucket"), Path.Combine(_folder.Path, ".fleetbook", config.AppName)], binds);
        Assert.Equal(
            ["/opt/apptainer", "exec", "--bind", "/data", "--bind", "/scratch/w1", "/img.sif", "/bin/sh", "-c", "run"],
            ContainerCommand.Wrap("/opt/apptainer", "/img.sif", ["/data", "/scratch/w1", "/data"], ["/bin/sh", "-c", "run"]));
    }

    [Fact]
    public void The_slurm_keys_round_trip_through_fleetbook_json_and_the_schema_describes_each()
    {
        // Arrange
        var config = Config() with
        {
            Slurm = new SlurmOptions { Partition = "gpu", Account = "lab", Qos = "long", TimeLimit = "1-00:00:00", SbatchArguments = ["--gres=gpu:1"], Container = "tool.sif", WorkDir = "/scratch/$USER" },
        };

        // Act
        var reloaded = ConfigFile.Parse(ConfigFile.ToJson(config), "fleetbook.json");
        var schema = JsonDocument.Parse(ConfigSchemaDocument.ToJson()).RootElement.GetProperty("properties");

        // Assert
        Assert.Equal(BackendKind.Slurm, reloaded.Backend);
        Assert.Equal(config.Slurm with { SbatchArguments = reloaded.Slurm.SbatchArguments }, reloaded.Slurm);
        Assert.Equal(["--gres=gpu:1"], reloaded.Slurm.SbatchArguments);
        Assert.Contains("slurm", schema.GetProperty("backend").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        var slurm = schema.GetProperty("slurm").GetProperty("properties");
        foreach (var key in new[] { "partition", "account", "qos", "timeLimit", "sbatchArgs", "container", "workDir" })
        {
            Assert.False(string.IsNullOrWhiteSpace(slurm.GetProperty(key).GetProperty("description").GetString()), key);
        }
    }

    [Theory]
    [InlineData("\"timeLimit\": \"two hours\"", "slurm.timeLimit", "\"2:00:00\"")]
    [InlineData("\"sbatchArgs\": [\"--array=1-10\"]", "slurm.sbatchArgs[0]", "machines × tasksPerMachine")]
    [InlineData("\"sbatchArgs\": [\"-p\", \"gpu\"]", "slurm.sbatchArgs[0]", "set slurm.partition")]
    [InlineData("\"sbatchArgs\": [\"--mem=4G\"]", "slurm.sbatchArgs[0]", "set memory (MB)")]
    [InlineData("\"sbatchArgs\": [\"job.sh\"]", "slurm.sbatchArgs[0]", "give options only")]
    [InlineData("\"partition\": \"gpu; rm -rf\"", "slurm.partition", "letters, digits")]
    [InlineData("\"workDir\": \"$(whoami)\"", "slurm.workDir", "absolute path")]
    public void A_slurm_key_sbatch_cannot_take_is_refused_with_the_key_line_and_fix(string slurmKey, string where, string fix)
    {
        // Arrange
        var json = $$"""
            {
              "appName": "Run",
              "backend": "slurm",
              "command": ["true"],
              "slurm": { {{slurmKey}} }
            }
            """;

        // Act
        var refused = Assert.Throws<InputException>(() => ConfigFile.Parse(json, "fleetbook.json"));

        // Assert
        var problem = Assert.Single(refused.Problems);
        Assert.Equal(where, problem.Where);
        Assert.Equal(5, problem.Line);
        Assert.Contains(fix, problem.Fix);
    }

    [Fact]
    public void Workers_waiting_in_Slurms_queue_are_explained_in_words_while_nothing_runs_and_while_some_do()
    {
        // Arrange
        var waiting = new FleetStatus(4, 0, "0 Slurm worker(s) running, 4 pending (QOSMaxJobsPerUserLimit)")
        {
            Queued = new FleetQueued(4, "QOSMaxJobsPerUserLimit", "4 QOSMaxJobsPerUserLimit: " + SlurmReasons.ExplainPending("QOSMaxJobsPerUserLimit")),
        };
        var some = new FleetStatus(4, 2, "2 Slurm worker(s) running, 2 pending (Priority)") { Queued = new FleetQueued(2, "Priority", "2 Priority: ...") };

        // Act
        var idle = new RunStatus(DateTimeOffset.UnixEpoch, true, 100, 0, 0, 0, 0, waiting, "");
        var busy = new RunStatus(DateTimeOffset.UnixEpoch, true, 50, 2, 0, 48, 0, some, "");
        var idleWords = StatusExplanation.Explain(idle);
        var busyWords = StatusExplanation.Explain(busy);

        // Assert
        Assert.Equal("100 jobs are waiting, and so are the 4 workers in the scheduler's queue: 4 QOSMaxJobsPerUserLimit: your QOS allows only so many running jobs per user, and you have that many.", idleWords);
        Assert.Equal("Running: 2 in flight, 50 waiting, 48 done on 2 workers. 2 more workers wait in the scheduler's queue (Priority: other jobs of higher priority come first; they start as those ahead of them do).", busyWords);
    }

    private FakeSlurm SubmittingCluster() => FakeSlurm.Cluster()
        .Answer("sbatch", "--parsable", "4242\n")
        .Answer("squeue", "--name=", "");

    private static RunConfig Config() => new()
    {
        AppName = "Mapped",
        Backend = BackendKind.Slurm,
        Command = ["/bin/sh", "-c", "true"],
    };
}

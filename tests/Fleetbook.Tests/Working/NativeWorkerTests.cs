using System.Diagnostics;
using System.Globalization;
using Fleetbook.Backends.SharedFolder;
using Fleetbook.Configuration;
using Fleetbook.Queues;
using Fleetbook.Tests.Support;
using Fleetbook.Working;

namespace Fleetbook.Tests.Working;

/// <summary>The native worker (src/Worker, -p:NativeWorker=true) keeps the portable worker's promises on the backends it serves.</summary>
public sealed class NativeWorkerTests
{
    [NativeWorkerFact]
    public async Task A_local_run_of_native_workers_killed_mid_run_leaves_every_output_holding_its_own_job()
    {
        // Arrange: each job writes its id and the program that started it (its parent: the worker) into its output.
        var native = await NativeWorker.GetAsync();
        const int jobs = 200;
        var config = LocalRunHarness.ShellJobConfig("NativeRun", "printf '%s %s' \"$1\" \"$(readlink /proc/$PPID/exe)\" > \"$2/out.txt\"; sleep 0.05", "{job_id}", "{output_dir}") with
        {
            VisibilitySeconds = 3,
            MaxReceives = 20,
            IdleExitSeconds = 3,
        };
        await using var harness = new LocalRunHarness(config);
        await harness.SetUpWithNumberedJobsAsync(jobs);
        var environment = new Dictionary<string, string> { ["FLEETBOOK_WORKER"] = native, ["AWS_EC2_METADATA_DISABLED"] = "true" };

        // Act: start and monitor as the CLI does, with a SIGKILL for a running worker every 500 ms, three times.
        var started = await Cli(environment, "start", "-c", harness.ConfigPath);
        var monitor = Cli(environment, "monitor", "-c", harness.ConfigPath);
        var kills = 0;
        while (kills < 3 && !monitor.IsCompleted)
        {
            await Task.Delay(500);
            if (harness.Backend.LocalFleet.WorkerProcessIds().FirstOrDefault() is var victim and > 0)
            {
                using var process = Process.GetProcessById(victim);
                process.Kill();
                kills++;
            }
        }

        var monitored = await monitor;

        // Assert: every output is its own job's, written by a job the native worker started.
        Assert.True(started.ExitCode == 0, started.All);
        Assert.True(monitored.ExitCode == 0, monitored.All);
        Assert.Equal(3, kills);
        Assert.Empty(harness.WrongOutputs(jobs, id => $"{id} {native}"));
        var status = await harness.Run.StatusAsync();
        Assert.Equal(0L, status.DeadLetter);
        Assert.Equal(jobs, (await harness.Run.AttemptsAsync()).Where(a => a.Outcome == Fleetbook.Journal.AttemptOutcome.Succeeded).Select(a => a.JobId).Distinct().Count());
    }

    [NativeWorkerFact]
    public async Task The_native_worker_works_the_shared_folder_queue_of_a_Slurm_run()
    {
        // Arrange: the queue a Slurm run keeps on the shared file system, and the environment its workers get.
        using var folder = new TempFolder("native-shared");
        var native = await NativeWorker.GetAsync();
        var service = new SharedFolderQueueService(folder.File("state/queues"), TimeProvider.System);
        var info = await service.EnsureAsync(new QueueSpec("Jobs", 30, "JobsDead", 3), default);
        var queue = (await service.OpenAsync("Jobs", default))!;
        await queue.SendBatchAsync([.. Enumerable.Range(1, 20).Select(i => $"{{\"group\": {{\"n\": \"{i:0000}\"}}}}")], default);
        var config = new RunConfig { AppName = "NativeShared", Command = ["/bin/sh", "-c", "printf '%s' \"$1\" > \"$2/out.txt\"", "job", "{group.n}", "{output_dir}"], IdleExitSeconds = 1 };
        var environment = WorkerEnvironmentBuilder.Build(config, info.Url, folder.File("bucket"));
        environment[WorkerEnvironment.WorkDir] = folder.File("work");
        environment[WorkerEnvironment.WorkerId] = "slurm-7_1";

        // Act
        var outcome = await ChildProcess.RunAsync(native, [], environment, limit: TimeSpan.FromMinutes(2));

        // Assert: every job done, its output in the bucket, its attempt in the shared journal.
        Assert.True(outcome.ExitCode == 0, outcome.All);
        Assert.Equal(new QueueCounts(0, 0), await queue.GetCountsAsync(default));
        for (var n = 1; n <= 20; n++)
        {
            var id = n.ToString("0000", CultureInfo.InvariantCulture);
            Assert.Equal(id, File.ReadAllText(folder.File($"bucket/results/{id}/out.txt")));
        }

        var journal = new SharedFolderJournal(folder.File("state/journal"), SharedFolderJournal.LoginWriter(), TimeProvider.System);
        Assert.Equal(20, await journal.AllAsync(default).CountAsync(a => a.Outcome == Fleetbook.Journal.AttemptOutcome.Succeeded));
    }

    [NativeWorkerFact]
    public async Task The_native_worker_given_an_SQS_queue_exits_2_and_says_to_run_the_portable_worker()
    {
        // Arrange
        var native = await NativeWorker.GetAsync();
        using var folder = new TempFolder("native-sqs");
        var config = new RunConfig { AppName = "NativeSqs", Command = ["true"] };
        var environment = WorkerEnvironmentBuilder.Build(config, "https://sqs.us-east-1.amazonaws.com/123456789012/NativeSqsQueue", "bucket");
        environment[WorkerEnvironment.WorkDir] = folder.File("work");
        environment["AWS_EC2_METADATA_DISABLED"] = "true";

        // Act
        var outcome = await ChildProcess.RunAsync(native, [], environment, limit: TimeSpan.FromMinutes(1));

        // Assert
        Assert.True(outcome.ExitCode == 2, outcome.All);
        Assert.Contains("native build for local runs, which leaves AWS out", outcome.All);
        Assert.Contains("run the portable worker on AWS", outcome.All);
        Assert.DoesNotContain("   at ", outcome.All);
    }

    private static Task<CliOutcome> Cli(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        ChildProcess.RunDotnetAsync([Path.Combine(AppContext.BaseDirectory, "Fleetbook.Cli.dll"), .. args], environment, limit: TimeSpan.FromMinutes(3));
}

/// <summary>A test of the native worker: skipped, with the reason, where it cannot be published.</summary>
public sealed class NativeWorkerFactAttribute : FactAttribute
{
    public NativeWorkerFactAttribute()
    {
        if (NativeWorker.Unavailable is { } reason)
        {
            Skip = reason;
        }
    }
}

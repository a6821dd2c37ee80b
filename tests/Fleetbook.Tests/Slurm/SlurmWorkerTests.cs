using Fleetbook.Backends.Local;
using Fleetbook.Backends.SharedFolder;
using Fleetbook.Backends.Slurm;
using Fleetbook.Backends.Slurm.Worker;
using Fleetbook.Jobs;
using Fleetbook.Journal;
using Fleetbook.Queues;
using Fleetbook.Tests.Aws.Connection;
using Fleetbook.Tests.Support;
using Fleetbook.Working;

namespace Fleetbook.Tests.Slurm;

/// <summary>A worker as Slurm runs it, without Slurm: over the shared-folder queue, with a stop reason, a time limit and a container runtime standing in.</summary>
public sealed class SlurmWorkerTests : IDisposable
{
    private readonly TempFolder _folder = new("slurm-worker");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_stopped_worker_returns_its_job_at_once_and_the_attempt_says_why_in_the_platforms_words()
    {
        // Arrange: a long job, and a stop reason as Slurm's scancel would give it.
        var (queue, services) = await SharedFolderRunAsync(1);
        services = services with { StopReason = new FixedReason("the worker's job 7_1 was cancelled (scancel, by its owner or an administrator)") };
        var settings = Settings(queue, "sleep 30");
        using var stop = new CancellationTokenSource();
        var host = new WorkerHost(settings, services, TimeProvider.System, TextWriter.Null).RunAsync(stop.Token);
        await WaitForAsync(() => File.Exists(JobLog()) && File.ReadAllText(JobLog()).Contains("Running", StringComparison.Ordinal));

        // Act
        await stop.CancelAsync();
        await host;

        // Assert
        var attempt = Assert.Single(await services.Journal.AttemptsAsync((await queue.PeekAsync(1, default))[0].MessageId, default));
        Assert.Equal(AttemptOutcome.Killed, attempt.Outcome);
        Assert.Equal("the worker's job 7_1 was cancelled (scancel, by its owner or an administrator); the job went back to the queue", attempt.Detail);
        Assert.Equal(new QueueCounts(1, 0), await queue.GetCountsAsync(default));
    }

    [Fact]
    public async Task A_program_killed_by_the_same_signal_that_stops_its_worker_is_a_stop_and_not_a_failure()
    {
        // Arrange: the program dies of SIGTERM an instant before the worker hears of its own stop, as when Slurm signals the whole job.
        var (queue, services) = await SharedFolderRunAsync(1);
        services = services with { StopReason = new FixedReason("the worker's job 7_1 was cancelled") };
        using var stop = new CancellationTokenSource();
        var host = new WorkerHost(Settings(queue, "kill -TERM $$"), services, TimeProvider.System, TextWriter.Null).RunAsync(stop.Token);
        await WaitForAsync(() => File.Exists(JobLog()) && File.ReadAllText(JobLog()).Contains("Running", StringComparison.Ordinal));

        // Act
        await stop.CancelAsync();
        await host;

        // Assert
        var message = (await queue.PeekAsync(1, default))[0];
        var attempt = Assert.Single(await services.Journal.AttemptsAsync(message.MessageId, default));
        Assert.Equal(AttemptOutcome.Killed, attempt.Outcome);
        Assert.Null(attempt.ExitCode);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task A_job_in_a_container_image_runs_through_the_runtime_with_its_folders_bound()
    {
        // Arrange: a stand-in for apptainer that notes what it was asked and runs the command.
        var (queue, services) = await SharedFolderRunAsync(1);
        var notes = _folder.File("runtime.log");
        var runtime = _folder.Write("bin/apptainer", $$"""
            #!/bin/sh
            [ "$1" = exec ] || exit 90
            shift
            while [ "$1" = --bind ]; do echo "bind $2" >> '{{notes}}'; shift 2; done
            echo "image $1" >> '{{notes}}'
            shift
            exec "$@"
            """);
        File.SetUnixFileMode(runtime, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var settings = Settings(queue, "echo inside > \"$1/o.txt\"", "{output_dir}") with
        {
            Container = "/images/tool.sif",
            ContainerRuntime = runtime,
            ContainerBinds = [_folder.File("bucket")],
            IdleExit = TimeSpan.FromSeconds(1),
        };

        // Act
        var exit = await new WorkerHost(settings, services, TimeProvider.System, TextWriter.Null).RunAsync(CancellationToken.None);

        // Assert
        Assert.Equal(0, exit);
        Assert.Equal("inside\n", File.ReadAllText(_folder.File("bucket/results/0001/o.txt")));
        Assert.Equal([$"bind {_folder.File("bucket")}", $"bind {settings.WorkDir}", "image /images/tool.sif"], File.ReadAllLines(notes));
    }

    [Fact]
    public async Task A_worker_near_its_time_limit_takes_no_new_job_once_less_than_the_job_timeout_is_left()
    {
        // Arrange: ten minutes left, jobs that may take five.
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.Zero));
        var slurm = new FakeSlurm().Answer("squeue", "--format=%L", "10:00\n");
        var clock = new SlurmWorkerClock();
        var watch = new SlurmTimeLimitWatch(new SlurmClient(slurm), "77", TimeSpan.FromMinutes(5), clock, time, TextWriter.Null);
        using var stop = new CancellationTokenSource();
        var control = new WorkerControl(stop);

        // Act
        var watching = watch.RunAsync(control, CancellationToken.None);
        var due = await time.WaitForTimerAsync(TimeSpan.FromHours(1));
        time.Advance(due - TimeSpan.FromSeconds(1));
        var before = control.Draining;
        time.Advance(TimeSpan.FromSeconds(1));
        await watching;

        // Assert: at 10 min − 5 min − the margin.
        Assert.Equal(TimeSpan.FromMinutes(5) - SlurmTimeLimitWatch.Margin, due);
        Assert.Null(before);
        Assert.Contains("less than 5 min 30 s is left of its Slurm time limit", control.Draining);
        Assert.False(stop.IsCancellationRequested);
        Assert.Equal(time.GetUtcNow().AddSeconds(SlurmTimeLimitWatch.Margin.TotalSeconds + 300), clock.End);
    }

    private async Task<(IJobQueue Queue, WorkerServices Services)> SharedFolderRunAsync(int jobs)
    {
        var service = new SharedFolderQueueService(_folder.File("state/queues"), TimeProvider.System);
        var info = await service.EnsureAsync(new QueueSpec("Jobs", 30, "JobsDead", 3), default);
        var queue = (await service.OpenAsync("Jobs", default))!;
        await queue.SendBatchAsync([.. Enumerable.Range(1, jobs).Select(i => $"{{\"group\": {{\"n\": \"{i:0000}\"}}}}")], default);
        var services = SharedFolderWorkerServices.Open(new WorkerSettings
        {
            QueueUrl = info.Url,
            Bucket = _folder.File("bucket"),
            Command = [Template.Parse("true")],
            WorkDir = _folder.File("work"),
            WorkerId = "slurm-7_1",
        }, TimeProvider.System);
        return (queue, services);
    }

    private WorkerSettings Settings(IJobQueue queue, string script, params string[] arguments) => new()
    {
        QueueUrl = queue.Url,
        Bucket = _folder.File("bucket"),
        Command = [Template.Parse("/bin/sh"), Template.Parse("-c"), Template.Parse(script), Template.Parse("job"), .. arguments.Select(Template.Parse)],
        WorkDir = _folder.File("work"),
        WorkerId = "slurm-7_1",
        IdleExit = TimeSpan.FromSeconds(30),
        Visibility = TimeSpan.FromSeconds(30),
    };

    private string JobLog() => _folder.File("state/logs/jobs/0001.log");

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "waited 30 s in vain");
            await Task.Delay(20);
        }
    }

    private sealed class FixedReason(string reason) : IStopReason
    {
        public Task<string?> ExplainAsync(CancellationToken cancellationToken) => Task.FromResult<string?>(reason);
    }
}

using System.Diagnostics;
using Fleetbook.Backends.Aws.Worker;
using Fleetbook.Backends.Local;
using Fleetbook.Jobs;
using Fleetbook.Journal;
using Fleetbook.Queues;
using Fleetbook.Tests.Support;
using Fleetbook.Working;
using Microsoft.Data.Sqlite;

namespace Fleetbook.Tests.Aws.Worker;

public sealed class SpotInterruptionWorkerTests
{
    [Fact]
    public async Task A_job_running_when_a_spot_notice_arrives_ends_killed_and_its_message_is_visible_at_once()
    {
        // Arrange: a local queue holding one 60 s job with a 300 s visibility timeout, and a worker watching a fake IMDS.
        using var folder = new TempFolder("spot-worker");
        await using var imds = new FakeInstanceMetadata();
        var databasePath = folder.File("state/queue.db");
        Directory.CreateDirectory(Path.GetDirectoryName(databasePath)!);
        var queueInfo = await new SqliteQueueService(databasePath, TimeProvider.System).EnsureAsync(new QueueSpec("SpotQueue", 300, "", 0), CancellationToken.None);
        var settings = new WorkerSettings
        {
            QueueUrl = queueInfo.Url,
            Bucket = folder.File("bucket"),
            Command = [Template.Parse("sleep"), Template.Parse("60")],
            Visibility = TimeSpan.FromSeconds(300),
            IdleExit = TimeSpan.FromSeconds(30),
            StateDir = folder.File("state"),
            WorkDir = folder.File("work"),
            WorkerId = "spot-test",
        };
        var services = LocalBackend.OpenForWorker(settings, TimeProvider.System);
        await services.Queue.SendBatchAsync(["""{"group": {"plate": "P1", "well": "A01"}}"""], CancellationToken.None);
        var watchClock = new ManualClock();
        using var client = imds.Client(watchClock);
        var output = new StringWriter();
        var watcher = new SpotInterruptionWatcher(client, watchClock, output, _ => null);
        var host = new WorkerHost(settings, services, TimeProvider.System, TextWriter.Synchronized(output), [watcher]);
        var worker = host.RunAsync(CancellationToken.None);
        await WaitForAsync(async () => (await services.Queue.GetCountsAsync(CancellationToken.None)).InFlight == 1);
        await imds.WaitForPollsAsync(1);
        await watchClock.WaitForTimersAsync();

        // Act: the notice appears; the next poll is 5 s of the watch's clock away.
        imds.Set(SpotInterruptionWatcher.NoticePath, """{"action": "terminate", "time": "2025-03-01T12:02:00Z"}""");
        var watch = Stopwatch.StartNew();
        watchClock.Advance(TimeSpan.FromSeconds(5));
        var exitCode = await worker.WaitAsync(TimeSpan.FromSeconds(20));

        // Assert
        Assert.Equal(0, exitCode);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"the worker took {watch.Elapsed} to stop");
        Assert.Equal(new QueueCounts(1, 0), await services.Queue.GetCountsAsync(CancellationToken.None));
        var attempt = Assert.Single(await AllAttemptsAsync(services.Journal));
        Assert.Equal(AttemptOutcome.Killed, attempt.Outcome);
        Assert.Contains("spot interruption notice for 2025-03-01T12:02:00Z (terminate): returning 1 jobs to the queue", output.ToString());
        Assert.Contains("worker stopped", output.ToString());
        SqliteConnection.ClearAllPools();
    }

    private static async Task<List<JobAttempt>> AllAttemptsAsync(IJobJournal journal)
    {
        var attempts = new List<JobAttempt>();
        await foreach (var attempt in journal.AllAsync(CancellationToken.None))
        {
            attempts.Add(attempt);
        }

        return attempts;
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the job never started");
            await Task.Delay(20);
        }
    }
}

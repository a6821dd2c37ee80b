using Fleetbook.Backends.Local;
using Fleetbook.Jobs;
using Fleetbook.Queues;
using Fleetbook.Tests.Support;
using Fleetbook.Working;

namespace Fleetbook.Tests.Working;

public class WorkerHostTests
{
    [Fact]
    public async Task A_receive_that_fails_after_the_backends_retries_is_retried_later_instead_of_crashing_the_worker()
    {
        // Arrange: a real local queue holding one job, behind a queue that fails its first two receives.
        using var folder = new TempFolder("host");
        var database = folder.File("queue.db");
        var service = new SqliteQueueService(database, TimeProvider.System);
        await service.EnsureAsync(new QueueSpec("Jobs", 30, "JobsDead", 3), CancellationToken.None);
        var queue = (await service.OpenAsync("Jobs", CancellationToken.None))!;
        await queue.SendBatchAsync(["{\"group\": {\"n\": \"1\"}}"], CancellationToken.None);
        var flaky = new FailingFirstReceives(queue, failures: 2);
        var settings = new WorkerSettings
        {
            QueueUrl = queue.Url,
            Bucket = folder.File("bucket"),
            Command = [Template.Parse("true")],
            WorkDir = folder.File("work"),
            WorkerId = "w1",
            IdleExit = TimeSpan.FromSeconds(10),
        };
        var services = new WorkerServices(flaky, new FolderObjectStore(folder.File("bucket")), new SqliteJobJournal(database), new FileLogStore(folder.File("logs"), TimeProvider.System));
        var output = new StringWriter();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        // Act: the worker runs until the job is done and the queue stays empty.
        var host = new WorkerHost(settings with { IdleExit = TimeSpan.FromSeconds(8) }, services, TimeProvider.System, output);
        var exit = await host.RunAsync(stop.Token);

        // Assert
        Assert.Equal(0, exit);
        Assert.Contains("receiving failed", output.ToString());
        Assert.Equal(new QueueCounts(0, 0), await queue.GetCountsAsync(CancellationToken.None));
        Assert.Equal(1, (await services.Journal.CountsAsync(CancellationToken.None)).Succeeded);
    }

    private sealed class FailingFirstReceives(IJobQueue inner, int failures) : IJobQueue
    {
        private int _left = failures;

        public string Name => inner.Name;
        public string Url => inner.Url;

        public Task<IReadOnlyList<QueueMessage>> ReceiveAsync(int maxMessages, TimeSpan wait, CancellationToken cancellationToken) =>
            Interlocked.Decrement(ref _left) >= 0
                ? throw new IOException("the queue is unreachable")
                : inner.ReceiveAsync(maxMessages, wait, cancellationToken);

        public Task<SendResult> SendBatchAsync(IReadOnlyList<string> bodies, CancellationToken cancellationToken) => inner.SendBatchAsync(bodies, cancellationToken);
        public Task<bool> DeleteAsync(string receiptHandle, CancellationToken cancellationToken) => inner.DeleteAsync(receiptHandle, cancellationToken);
        public Task<bool> ChangeVisibilityAsync(string receiptHandle, TimeSpan visibility, CancellationToken cancellationToken) => inner.ChangeVisibilityAsync(receiptHandle, visibility, cancellationToken);
        public Task<QueueCounts> GetCountsAsync(CancellationToken cancellationToken) => inner.GetCountsAsync(cancellationToken);
        public Task<IReadOnlyList<QueueMessage>> PeekAsync(int maxMessages, CancellationToken cancellationToken) => inner.PeekAsync(maxMessages, cancellationToken);
    }
}

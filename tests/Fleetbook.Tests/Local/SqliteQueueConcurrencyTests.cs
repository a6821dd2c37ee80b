using System.Collections.Concurrent;
using Fleetbook.Backends.Local;
using Fleetbook.Queues;

namespace Fleetbook.Tests.Local;

public sealed class SqliteQueueConcurrencyTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task Eight_workers_with_their_own_connections_receive_every_message_exactly_once()
    {
        const int messages = 2_000;
        const int workers = 8;
        var path = folder.File("queue.db");
        var service = new SqliteQueueService(path, TimeProvider.System);
        await service.EnsureAsync(new QueueSpec("Jobs", 300, "JobsDead", 3), default);
        var sent = await (await service.OpenAsync("Jobs", default))!
            .SendBatchAsync(Enumerable.Range(0, messages).Select(i => $"job {i}").ToArray(), default);
        var received = new ConcurrentBag<string>();
        var staleDeletes = 0;

        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            var queue = new SqliteJobQueue(path, "Jobs", TimeProvider.System);
            while (await queue.ReceiveAsync(10, TimeSpan.Zero, default) is { Count: > 0 } batch)
            {
                foreach (var message in batch)
                {
                    received.Add(message.Body);
                    if (!await queue.DeleteAsync(message.ReceiptHandle, default))
                    {
                        Interlocked.Increment(ref staleDeletes);
                    }
                }
            }
        })));

        Assert.Equal(messages, sent.Sent);
        Assert.Equal(messages, received.Count);
        Assert.Equal(messages, received.Distinct().Count());
        Assert.Equal(0, staleDeletes);
        Assert.Equal(new QueueCounts(0, 0), await new SqliteJobQueue(path, "Jobs", TimeProvider.System).GetCountsAsync(default));
    }

    [Fact]
    public async Task Workers_sending_and_receiving_at_the_same_time_lose_nothing()
    {
        const int senders = 4;
        const int perSender = 500;
        var path = folder.File("queue.db");
        var service = new SqliteQueueService(path, TimeProvider.System);
        await service.EnsureAsync(new QueueSpec("Jobs", 300, "JobsDead", 3), default);
        var received = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var sending = Enumerable.Range(0, senders).Select(s => Task.Run(async () =>
        {
            var queue = new SqliteJobQueue(path, "Jobs", TimeProvider.System);
            for (var i = 0; i < perSender; i += 50)
            {
                await queue.SendBatchAsync(Enumerable.Range(i, 50).Select(n => $"{s}:{n}").ToArray(), default);
            }
        })).ToArray();
        var receiving = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            var queue = new SqliteJobQueue(path, "Jobs", TimeProvider.System);
            while (received.Count < senders * perSender && !stop.IsCancellationRequested)
            {
                foreach (var message in await queue.ReceiveAsync(10, TimeSpan.FromMilliseconds(50), default))
                {
                    received.Add(message.Body);
                    await queue.DeleteAsync(message.ReceiptHandle, default);
                }
            }
        })).ToArray();
        await Task.WhenAll(sending.Concat(receiving));

        Assert.Equal(senders * perSender, received.Count);
        Assert.Equal(senders * perSender, received.Distinct().Count());
    }
}

using System.Diagnostics;
using Fleetbook.Backends.Local;
using Fleetbook.Queues;

namespace Fleetbook.Tests.Local;

/// <summary>Long polling is about real waiting, so these tests use the real clock.</summary>
[Collection(LocalTimingCollection.Name)]
public sealed class SqliteQueueWaitingTests : IDisposable
{
    private readonly TempFolder folder = new();
    private readonly SqliteQueueService service;

    public SqliteQueueWaitingTests()
    {
        service = new SqliteQueueService(folder.File("queue.db"), TimeProvider.System);
    }

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task A_long_poll_returns_as_soon_as_a_message_arrives()
    {
        var queue = await CreateQueueAsync();
        var watch = Stopwatch.StartNew();
        var receiving = queue.ReceiveAsync(1, TimeSpan.FromSeconds(5), default);

        await Task.Delay(200);
        await queue.SendBatchAsync(["late job"], default);
        var received = await receiving;

        Assert.Equal("late job", Assert.Single(received).Body);
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(150), TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task A_long_poll_on_an_empty_queue_waits_its_full_time_and_returns_nothing()
    {
        var queue = await CreateQueueAsync();
        var watch = Stopwatch.StartNew();

        var received = await queue.ReceiveAsync(1, TimeSpan.FromMilliseconds(300), default);

        Assert.Empty(received);
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(280), TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task A_long_poll_stops_when_cancelled()
    {
        var queue = await CreateQueueAsync();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var watch = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queue.ReceiveAsync(1, TimeSpan.FromSeconds(10), cancel.Token));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    private async Task<IJobQueue> CreateQueueAsync()
    {
        await service.EnsureAsync(new QueueSpec("Jobs", 30, "JobsDead", 3), default);
        return (await service.OpenAsync("Jobs", default))!;
    }
}

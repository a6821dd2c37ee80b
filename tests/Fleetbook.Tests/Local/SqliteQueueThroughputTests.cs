using System.Diagnostics;
using Fleetbook.Backends.Local;
using Fleetbook.Queues;
using Xunit.Abstractions;

namespace Fleetbook.Tests.Local;

[Collection(LocalTimingCollection.Name)]
public sealed class SqliteQueueThroughputTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    /// <summary>Prints the time only: the machine running the tests decides what is fast.</summary>
    [Fact]
    public async Task Sending_100000_messages_in_one_call_prints_how_long_it_took()
    {
        const int messages = 100_000;
        var service = new SqliteQueueService(folder.File("queue.db"), TimeProvider.System);
        await service.EnsureAsync(new QueueSpec("Jobs", 300, "JobsDead", 3), default);
        var queue = (await service.OpenAsync("Jobs", default))!;
        var bodies = Enumerable.Range(0, messages)
            .Select(i => $$$"""{"group":{"Metadata_Plate":"Plate{{{i / 384}}}","Metadata_Well":"W{{{i % 384}}}"}}""")
            .ToArray();

        var watch = Stopwatch.StartNew();
        var result = await queue.SendBatchAsync(bodies, default);
        watch.Stop();
        var countWatch = Stopwatch.StartNew();
        var counts = await queue.GetCountsAsync(default);
        countWatch.Stop();

        output.WriteLine($"Sent {result.Sent:N0} messages in {watch.Elapsed.TotalMilliseconds:N0} ms; counted them in {countWatch.Elapsed.TotalMilliseconds:N1} ms.");
        Assert.Equal(messages, result.Sent);
        Assert.Equal(new QueueCounts(messages, 0), counts);
    }
}

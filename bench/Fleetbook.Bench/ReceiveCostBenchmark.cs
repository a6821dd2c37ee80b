using System.Diagnostics;
using Fleetbook.Backends.Local;
using Fleetbook.Journal;

namespace Fleetbook.Bench;

/// <summary>
/// The cost of one receive, one delete and one journal write with 10k, 100k and 1M messages waiting in the local
/// queue: it must not grow with the queue. One process, one message at a time, as a worker copy does.
/// </summary>
internal static class ReceiveCostBenchmark
{
    private const int Operations = 2000;

    public static async Task RunAsync(IReadOnlyList<int> sizes)
    {
        Console.WriteLine($"== receive cost: {Operations} receive + delete + journal write, by queue size");
        foreach (var size in sizes)
        {
            await MeasureAsync(size);
        }
    }

    private static async Task MeasureAsync(int size)
    {
        var folder = Directory.CreateTempSubdirectory("fleetbook-bench-receive").FullName;
        try
        {
            var database = Path.Combine(folder, "queue.db");
            var service = new SqliteQueueService(database, TimeProvider.System);
            await service.EnsureAsync(new Queues.QueueSpec("Jobs", 60, "JobsDead", 5), CancellationToken.None);
            var queue = (await service.OpenQueueAsync("Jobs", CancellationToken.None))!;
            var journal = new SqliteJobJournal(database);
            const int chunk = 10_000;
            for (var sent = 0; sent < size; sent += chunk)
            {
                var bodies = Enumerable.Range(sent, Math.Min(chunk, size - sent)).Select(i => $"{{\"group\": {{\"n\": \"{i}\"}}}}").ToList();
                await queue.SendBatchAsync(bodies, CancellationToken.None);
            }

            var receive = TimeSpan.Zero;
            var delete = TimeSpan.Zero;
            var record = TimeSpan.Zero;
            for (var i = 0; i < Operations + 100; i++)
            {
                var start = Stopwatch.GetTimestamp();
                var message = (await queue.ReceiveAsync(1, TimeSpan.Zero, CancellationToken.None)).Single();
                var received = Stopwatch.GetTimestamp();
                await queue.DeleteAsync(message.ReceiptHandle, CancellationToken.None);
                var deleted = Stopwatch.GetTimestamp();
                await journal.RecordAsync(new JobAttempt(message.MessageId, "job", 1, "bench", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, AttemptOutcome.Succeeded, 0), CancellationToken.None);
                var recorded = Stopwatch.GetTimestamp();
                if (i >= 100)
                {
                    // The first hundred warm up the JIT and SQLite's caches.
                    receive += Stopwatch.GetElapsedTime(start, received);
                    delete += Stopwatch.GetElapsedTime(received, deleted);
                    record += Stopwatch.GetElapsedTime(deleted, recorded);
                }
            }

            var status = Stopwatch.StartNew();
            var counts = await queue.GetCountsAsync(CancellationToken.None);
            await journal.CountsAsync(CancellationToken.None);
            status.Stop();
            Console.WriteLine($"{size,9:N0} queued: receive {Us(receive)} µs, delete {Us(delete)} µs, journal write {Us(record)} µs; counts {status.Elapsed.TotalMilliseconds:0.0} ms ({counts.Visible:N0} visible)");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Us(TimeSpan total) => (total.TotalMilliseconds * 1000 / Operations).ToString("0", System.Globalization.CultureInfo.InvariantCulture);
}

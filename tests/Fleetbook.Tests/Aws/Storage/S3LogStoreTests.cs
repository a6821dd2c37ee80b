using System.Text.RegularExpressions;
using Fleetbook.Backends.Aws.Storage;
using Fleetbook.Backends.Local;
using Fleetbook.Storage;
using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Aws.Storage;

public sealed partial class S3LogStoreTests : IDisposable
{
    private readonly TempFolder _folder = new("s3-logs");
    private readonly ManualClock _time = new(new DateTimeOffset(2025, 1, 31, 12, 0, 0, TimeSpan.Zero));

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_job_stream_is_uploaded_as_one_object_when_it_ends()
    {
        var bucket = new FolderObjectStore(_folder.Path);
        var logs = new S3LogStore(bucket, "MyApp", _time, TextWriter.Null);

        await using (var stream = await logs.OpenJobStreamAsync("Plate1-A01", CancellationToken.None))
        {
            await stream.WriteLineAsync("first", CancellationToken.None);
            await stream.WriteLineAsync("two\nlines", CancellationToken.None);
            Assert.Empty(await KeysAsync(bucket));
        }

        var key = Assert.Single(await KeysAsync(bucket));
        Assert.Matches(ObjectName(), key);
        Assert.Equal(
            "2025-01-31T12:00:00.000Z first\n2025-01-31T12:00:00.000Z two\n2025-01-31T12:00:00.000Z lines\n",
            System.Text.Encoding.UTF8.GetString((await bucket.GetBytesAsync(key, CancellationToken.None))!));
    }

    [Fact]
    public async Task Tail_reads_the_last_lines_across_a_jobs_attempts()
    {
        var logs = new S3LogStore(new FolderObjectStore(_folder.Path), "App", _time, TextWriter.Null);
        foreach (var attempt in new[] { "one", "two", "three" })
        {
            await using var stream = await logs.OpenJobStreamAsync("job/1", CancellationToken.None);
            await stream.WriteLineAsync($"{attempt} a", CancellationToken.None);
            await stream.WriteLineAsync($"{attempt} b", CancellationToken.None);
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        var tail = await logs.TailJobAsync("job/1", 3, CancellationToken.None);
        var none = await logs.TailJobAsync("other", 3, CancellationToken.None);

        Assert.Equal(["2025-01-31T12:00:01.000Z two b", "2025-01-31T12:00:02.000Z three a", "2025-01-31T12:00:02.000Z three b"], tail);
        Assert.Empty(none);
    }

    [Fact]
    public async Task A_long_log_is_uploaded_in_pieces_while_the_job_runs()
    {
        var bucket = new FolderObjectStore(_folder.Path);
        var logs = new S3LogStore(bucket, "App", _time, TextWriter.Null) { FlushBytes = 1000 };

        await using (var stream = await logs.OpenJobStreamAsync("chatty", CancellationToken.None))
        {
            for (var i = 0; i < 100; i++)
            {
                await stream.WriteLineAsync($"line {i:000}", CancellationToken.None);
                _time.Advance(TimeSpan.FromMilliseconds(1));
            }
        }

        var keys = await KeysAsync(bucket);
        var tail = await logs.TailJobAsync("chatty", 100, CancellationToken.None);
        Assert.True(keys.Count > 1);
        Assert.Equal(Enumerable.Range(0, 100).Select(i => $"line {i:000}"), tail.Select(l => l[25..]));
    }

    [Fact]
    public async Task Worker_streams_write_to_the_workers_output()
    {
        var output = new StringWriter();
        var logs = new S3LogStore(new FolderObjectStore(_folder.Path), "App", _time, output);

        await using (var stream = await logs.OpenWorkerStreamAsync("w-1", CancellationToken.None))
        {
            await stream.WriteLineAsync("idle", CancellationToken.None);
        }

        Assert.Equal("2025-01-31T12:00:00.000Z [w-1] idle\n", output.ToString());
    }

    [Fact]
    public async Task A_log_that_cannot_be_uploaded_is_a_warning_not_a_failed_job()
    {
        var output = new StringWriter();
        var logs = new S3LogStore(new FailingStore(), "App", _time, output);

        var stream = await logs.OpenJobStreamAsync("j", CancellationToken.None);
        await stream.WriteLineAsync("x", CancellationToken.None);
        await stream.DisposeAsync();

        Assert.Contains("WARNING: the job log fleetbook/App/logs/jobs/j/", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("the disk is on fire", output.ToString(), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^fleetbook/MyApp/logs/jobs/Plate1-A01/20250131T120000000Z-[0-9a-f]{8}\.log$")]
    private static partial Regex ObjectName();

    private static async Task<List<string>> KeysAsync(IObjectStore bucket)
    {
        var keys = new List<string>();
        await foreach (var item in bucket.ListAsync("", CancellationToken.None))
        {
            keys.Add(item.Key);
        }

        return keys;
    }

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        private DateTimeOffset _now = now;

        public void Advance(TimeSpan by) => _now += by;

        public override DateTimeOffset GetUtcNow() => _now;
    }

    private sealed class FailingStore : IObjectStore
    {
        public string Name => "failing";

        public IAsyncEnumerable<StoredObject> ListAsync(string prefix, CancellationToken cancellationToken) => AsyncEnumerable.Empty<StoredObject>();

        public Task<StoredObject?> HeadAsync(string key, CancellationToken cancellationToken) => Task.FromResult<StoredObject?>(null);

        public Task PutFileAsync(string key, string localPath, CancellationToken cancellationToken) => throw new IOException("the disk is on fire");

        public Task PutBytesAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) => throw new IOException("the disk is on fire");

        public Task<bool> GetFileAsync(string key, string localPath, CancellationToken cancellationToken) => Task.FromResult(false);

        public Task<byte[]?> GetBytesAsync(string key, CancellationToken cancellationToken) => Task.FromResult<byte[]?>(null);

        public Task DeleteAsync(string key, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

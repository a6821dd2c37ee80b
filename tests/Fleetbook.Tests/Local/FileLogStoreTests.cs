using Fleetbook.Backends.Local;

namespace Fleetbook.Tests.Local;

public sealed class FileLogStoreTests : IDisposable
{
    private readonly TempFolder folder = new();
    private readonly ManualTime time = new();
    private readonly FileLogStore logs;

    public FileLogStoreTests()
    {
        logs = new FileLogStore(folder.File("logs"), time);
    }

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task Each_line_is_stamped_with_the_UTC_time_it_was_written()
    {
        await using (var stream = await logs.OpenJobStreamAsync("Plate1-A01", default))
        {
            await stream.WriteLineAsync("starting", default);
            time.Advance(TimeSpan.FromSeconds(1.5));
            await stream.WriteLineAsync("done", default);
        }

        var lines = File.ReadAllLines(folder.File("logs/jobs/Plate1-A01.log"));

        Assert.Equal(["2025-01-31T12:00:00.000Z starting", "2025-01-31T12:00:01.500Z done"], lines);
    }

    [Fact]
    public async Task A_line_with_line_breaks_becomes_several_stamped_lines()
    {
        await using (var stream = await logs.OpenJobStreamAsync("job", default))
        {
            await stream.WriteLineAsync("one\r\ntwo\nthree", default);
        }

        var tail = await logs.TailJobAsync("job", 10, default);

        Assert.Equal(["2025-01-31T12:00:00.000Z one", "2025-01-31T12:00:00.000Z two", "2025-01-31T12:00:00.000Z three"], tail);
    }

    [Fact]
    public async Task A_retry_appends_to_the_same_job_log()
    {
        await WriteJobAsync("job", "attempt 1");

        await WriteJobAsync("job", "attempt 2");

        Assert.Equal(["attempt 1", "attempt 2"], (await logs.TailJobAsync("job", 10, default)).Select(WithoutStamp));
    }

    [Fact]
    public async Task Tail_returns_the_last_lines_of_a_long_log()
    {
        await using (var stream = await logs.OpenJobStreamAsync("long", default))
        {
            for (var i = 0; i < 20_000; i++)
            {
                await stream.WriteLineAsync($"line {i}", default);
            }
        }

        var tail = await logs.TailJobAsync("long", 3, default);
        var all = await logs.TailJobAsync("long", 50_000, default);

        Assert.Equal(["line 19997", "line 19998", "line 19999"], tail.Select(WithoutStamp));
        Assert.Equal(20_000, all.Count);
        Assert.Equal("line 0", WithoutStamp(all[0]));
    }

    [Fact]
    public async Task Tail_of_a_job_without_a_log_is_empty()
    {
        Assert.Empty(await logs.TailJobAsync("never ran", 10, default));
    }

    [Fact]
    public async Task Job_ids_that_are_not_safe_file_names_get_distinct_safe_names_in_the_jobs_folder()
    {
        await WriteJobAsync("Plate1/A01:x", "with slash");
        await WriteJobAsync("Plate1_A01_x", "with underscores");
        await WriteJobAsync("..", "dots");

        var files = Directory.GetFiles(folder.File("logs/jobs")).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(3, files.Count);
        Assert.Contains("Plate1_A01_x.log", files);
        Assert.Single(files, f => f!.StartsWith("..~", StringComparison.Ordinal)); // never "..", which as a folder would lead up
        Assert.Single(files, f => f!.StartsWith("Plate1_A01_x~", StringComparison.Ordinal));
        Assert.All(files, f => Assert.Matches("^[A-Za-z0-9._~-]+$", f!));
        Assert.Equal(["with slash"], (await logs.TailJobAsync("Plate1/A01:x", 5, default)).Select(WithoutStamp));
        Assert.Equal(logs.JobLogPath("Plate1/A01:x"), logs.JobLogPath("Plate1/A01:x"));
    }

    [Fact]
    public async Task Worker_logs_go_to_the_workers_folder()
    {
        await using (var stream = await logs.OpenWorkerStreamAsync("local-1", default))
        {
            await stream.WriteLineAsync("polling", default);
        }

        Assert.Equal(folder.File("logs/workers/local-1.log"), logs.WorkerLogPath("local-1"));
        Assert.Equal("2025-01-31T12:00:00.000Z polling", File.ReadAllText(logs.WorkerLogPath("local-1")).TrimEnd('\n'));
    }

    [Fact]
    public async Task Two_writers_appending_to_one_job_log_keep_every_line_whole()
    {
        const int linesEach = 2_000;
        var first = await logs.OpenJobStreamAsync("duplicate", default);
        var second = await logs.OpenJobStreamAsync("duplicate", default);

        await Task.WhenAll(
            Task.Run(async () =>
            {
                for (var i = 0; i < linesEach; i++)
                {
                    await first.WriteLineAsync($"first {i}", default);
                }
            }),
            Task.Run(async () =>
            {
                for (var i = 0; i < linesEach; i++)
                {
                    await second.WriteLineAsync($"second {i}", default);
                }
            }));
        await first.DisposeAsync();
        await second.DisposeAsync();

        var lines = File.ReadAllLines(logs.JobLogPath("duplicate")).Select(WithoutStamp).ToList();
        Assert.Equal(2 * linesEach, lines.Count);
        Assert.Equal(Enumerable.Range(0, linesEach).Select(i => $"first {i}"), lines.Where(l => l.StartsWith("first ", StringComparison.Ordinal)));
        Assert.Equal(Enumerable.Range(0, linesEach).Select(i => $"second {i}"), lines.Where(l => l.StartsWith("second ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_log_can_be_read_and_deleted_while_a_writer_has_it_open()
    {
        await using var stream = await logs.OpenJobStreamAsync("open", default);
        await stream.WriteLineAsync("before", default);

        var tail = await logs.TailJobAsync("open", 1, default);
        File.Delete(logs.JobLogPath("open"));
        await stream.WriteLineAsync("after delete", default);

        Assert.Equal(["before"], tail.Select(WithoutStamp));
    }

    private async Task WriteJobAsync(string jobId, string line)
    {
        await using var stream = await logs.OpenJobStreamAsync(jobId, default);
        await stream.WriteLineAsync(line, default);
    }

    private static string WithoutStamp(string line) => line[(line.IndexOf(' ') + 1)..];
}

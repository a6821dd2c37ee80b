using System.Text;
using Fleetbook.Backends.Aws.Services.Logs;
using Fleetbook.Backends.Aws.Worker;

namespace Fleetbook.Tests.Aws.Worker;

public sealed class CloudWatchLogStoreTests : IAsyncLifetime
{
    private const string Group = "MyApp";

    private readonly FakeCloudWatchLogs _fake = new(Group);
    private readonly ManualClock _clock = new();
    private readonly StringWriter _output = new();
    private Backends.Aws.Connection.AwsConnection? _connection;

    private CloudWatchLogStore Store()
    {
        _connection ??= _fake.Connect();
        return new CloudWatchLogStore(new LogsClient(_connection), Group, _clock, _output);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _connection?.Dispose();
        await _fake.DisposeAsync();
    }

    [Fact]
    public async Task A_job_stream_is_named_by_the_job_id_and_receives_the_lines_in_order_when_it_ends()
    {
        // Arrange
        var store = Store();

        // Act
        await using (var stream = await store.OpenJobStreamAsync("plate1-A01", CancellationToken.None))
        {
            await stream.WriteLineAsync("first", CancellationToken.None);
            _clock.Advance(TimeSpan.FromMilliseconds(500));
            await stream.WriteLineAsync("second\nthird", CancellationToken.None);
            Assert.Empty(_fake.Puts);
        }

        // Assert
        Assert.Equal(["CreateLogStream", "PutLogEvents"], _fake.Calls.Select(c => c.Operation));
        var events = _fake.Events(Group, "plate1-A01");
        Assert.Equal(["first", "second", "third"], events.Select(e => e.Message));
        var start = _clock.GetUtcNow().AddMilliseconds(-500).ToUnixTimeMilliseconds();
        Assert.Equal([start, start + 500, start + 500], events.Select(e => e.Timestamp));
        Assert.Empty(_fake.Violations);
        Assert.Equal("", _output.ToString());
    }

    [Fact]
    public async Task A_stream_that_already_exists_is_appended_to_as_retries_and_duplicates_of_a_job_do()
    {
        // Arrange
        _fake.AddStream(Group, "job-7", "from the first attempt");
        var store = Store();

        // Act
        await using (var stream = await store.OpenJobStreamAsync("job-7", CancellationToken.None))
        {
            await stream.WriteLineAsync("from the retry", CancellationToken.None);
        }

        // Assert
        Assert.Equal(["from the first attempt", "from the retry"], _fake.Events(Group, "job-7").Select(e => e.Message));
        Assert.Equal("", _output.ToString());
    }

    [Fact]
    public async Task Buffered_lines_are_sent_two_seconds_after_the_first_of_them_was_written()
    {
        // Arrange
        var store = Store();
        await using var stream = await store.OpenJobStreamAsync("job-1", CancellationToken.None);
        await stream.WriteLineAsync("one", CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(1.5));
        await stream.WriteLineAsync("two", CancellationToken.None);

        // Act
        _clock.Advance(TimeSpan.FromSeconds(0.4));
        await Task.Delay(100);
        var before = _fake.Puts.Count;
        _clock.Advance(TimeSpan.FromSeconds(0.1));
        await _fake.WaitForPutsAsync(1);

        // Assert
        Assert.Equal(0, before);
        Assert.Equal(["one", "two"], _fake.Events(Group, "job-1").Select(e => e.Message));
    }

    [Fact]
    public async Task Ten_thousand_and_one_lines_go_out_as_a_full_batch_at_once_and_the_rest_at_the_end()
    {
        // Arrange
        var store = Store();
        var stream = await store.OpenJobStreamAsync("chatty", CancellationToken.None);

        // Act
        for (var i = 0; i < 10_001; i++)
        {
            await stream.WriteLineAsync($"line {i}", CancellationToken.None);
        }

        var putsBeforeEnd = _fake.Puts.Count;
        await stream.DisposeAsync();

        // Assert: the clock never moved, so only the batch limit can have sent the first 10,000.
        Assert.Equal(1, putsBeforeEnd);
        Assert.Equal([10_000, 1], _fake.Puts.Select(p => p["logEvents"]!.AsArray().Count));
        Assert.Equal(Enumerable.Range(0, 10_001).Select(i => $"line {i}"), _fake.Events(Group, "chatty").Select(e => e.Message));
        Assert.Empty(_fake.Violations);
    }

    [Fact]
    public async Task Batches_stay_within_one_megabyte_counting_26_bytes_per_event()
    {
        // Arrange: 100,000-byte lines; ten make 1,000,260 bytes with overhead, eleven would be 1,100,286.
        var store = Store();
        var line = new string('x', 100_000);

        // Act
        await using (var stream = await store.OpenJobStreamAsync("big", CancellationToken.None))
        {
            for (var i = 0; i < 25; i++)
            {
                await stream.WriteLineAsync(line, CancellationToken.None);
            }
        }

        // Assert
        Assert.Equal([10, 10, 5], _fake.Puts.Select(p => p["logEvents"]!.AsArray().Count));
        Assert.Equal(25, _fake.Events(Group, "big").Count);
        Assert.Empty(_fake.Violations);
    }

    [Fact]
    public async Task A_line_over_256_KB_is_split_into_events_that_fit_and_read_back_whole()
    {
        // Arrange: 300,000 characters of 2-byte UTF-8 (600,000 bytes).
        var store = Store();
        var line = string.Concat(Enumerable.Repeat("é", 300_000));

        // Act
        await using (var stream = await store.OpenJobStreamAsync("wide", CancellationToken.None))
        {
            await stream.WriteLineAsync(line, CancellationToken.None);
        }

        // Assert
        var events = _fake.Events(Group, "wide");
        Assert.Equal(3, events.Count);
        Assert.All(events, e => Assert.True(Encoding.UTF8.GetByteCount(e.Message) + 26 <= 262_144));
        Assert.Equal(line, string.Concat(events.Select(e => e.Message)));
        Assert.Empty(_fake.Violations);
    }

    [Fact]
    public async Task Events_stay_in_chronological_order_when_the_wall_clock_steps_back()
    {
        // Arrange
        var store = Store();

        // Act
        await using (var stream = await store.OpenJobStreamAsync("clock", CancellationToken.None))
        {
            await stream.WriteLineAsync("before", CancellationToken.None);
            _clock.Advance(TimeSpan.FromSeconds(-30));
            await stream.WriteLineAsync("after the step", CancellationToken.None);
        }

        // Assert
        var events = _fake.Events(Group, "clock");
        Assert.Equal(2, events.Count);
        Assert.True(events[1].Timestamp >= events[0].Timestamp);
        Assert.Empty(_fake.Violations);
    }

    [Theory]
    [InlineData("plate:A01")]
    [InlineData("wells*")]
    [InlineData("")]
    public async Task A_job_id_cloudwatch_would_refuse_gets_a_valid_stream_of_its_own(string jobId)
    {
        // Arrange
        var store = Store();

        // Act
        await using (var stream = await store.OpenJobStreamAsync(jobId, CancellationToken.None))
        {
            await stream.WriteLineAsync("hello", CancellationToken.None);
        }

        var tail = await store.TailJobAsync(jobId, 5, CancellationToken.None);

        // Assert
        var name = Assert.Single(_fake.StreamNames(Group));
        Assert.Equal(LogStreamNames.For(jobId), name);
        Assert.Empty(_fake.Violations);
        Assert.EndsWith(" hello", Assert.Single(tail));
    }

    [Fact]
    public void Stream_names_keep_valid_ids_and_map_others_deterministically_and_distinctly()
    {
        // Arrange
        var longId = new string('a', 600);

        // Act
        var names = new[] { "plate1-A01/site 2", "a:b", "a_b", "a*b", longId, longId + "b" }.Select(LogStreamNames.For).ToList();

        // Assert
        Assert.Equal("plate1-A01/site 2", names[0]);
        Assert.Equal("a_b", names[2]);
        Assert.StartsWith("a_b~", names[1]);
        Assert.StartsWith("a_b~", names[3]);
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.All(names, n => Assert.True(n.Length is > 0 and <= 512 && !n.Contains(':') && !n.Contains('*'), n));
        Assert.Equal(names[1], LogStreamNames.For("a:b"));
    }

    [Fact]
    public async Task A_failing_flush_never_fails_the_job_and_its_lines_reach_the_worker_output()
    {
        // Arrange
        _fake.FailPuts = true;
        var store = Store();
        var stream = await store.OpenJobStreamAsync("unlucky", CancellationToken.None);
        await stream.WriteLineAsync("the program said this", CancellationToken.None);

        // Act
        var ending = await Record.ExceptionAsync(async () => await stream.DisposeAsync());

        // Assert
        Assert.Null(ending);
        Assert.Equal(2, _fake.Puts.Count);
        var output = _output.ToString();
        Assert.Contains($"WARNING: 1 line(s) of job unlucky could not be written to {Group}/unlucky", output);
        Assert.Contains("[unlucky] the program said this", output);
    }

    [Fact]
    public async Task A_missing_log_group_is_reported_and_the_job_goes_on_with_its_lines_in_the_worker_output()
    {
        // Arrange
        _connection = _fake.Connect();
        var store = new CloudWatchLogStore(new LogsClient(_connection), "NoSuchGroup", _clock, _output);

        // Act
        var stream = await store.OpenJobStreamAsync("job-1", CancellationToken.None);
        await stream.WriteLineAsync("still running", CancellationToken.None);
        await stream.DisposeAsync();

        // Assert
        var output = _output.ToString();
        Assert.Contains("WARNING: could not create the log stream NoSuchGroup/job-1 for job job-1: the log group NoSuchGroup does not exist", output);
        Assert.Contains("[job-1] still running", output);
        Assert.Empty(_fake.Puts);
    }

    [Fact]
    public async Task The_tail_of_a_job_is_its_newest_lines_oldest_first_read_back_across_pages()
    {
        // Arrange
        _fake.AddStream(Group, "job-3", Enumerable.Range(0, 25_000).Select(i => $"line {i}").ToArray());
        var store = Store();

        // Act
        var tail = await store.TailJobAsync("job-3", 12_000, CancellationToken.None);
        var few = await store.TailJobAsync("job-3", 3, CancellationToken.None);

        // Assert
        Assert.Equal(12_000, tail.Count);
        Assert.EndsWith(" line 13000", tail[0]);
        Assert.EndsWith(" line 24999", tail[^1]);
        Assert.Equal(["line 24997", "line 24998", "line 24999"], few.Select(l => l[(l.IndexOf(' ') + 1)..]));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z line", few[0]);
        var gets = _fake.Calls.Where(c => c.Operation == "GetLogEvents").Select(c => c.Body).ToList();
        Assert.All(gets, g => Assert.False((bool)g["startFromHead"]!));
    }

    [Fact]
    public async Task The_tail_of_a_job_that_never_logged_is_empty()
    {
        // Arrange
        var store = Store();

        // Act
        var tail = await store.TailJobAsync("never-ran", 10, CancellationToken.None);

        // Assert
        Assert.Empty(tail);
    }

    [Fact]
    public async Task The_worker_stream_writes_stamped_lines_to_the_worker_output()
    {
        // Arrange
        var store = Store();

        // Act
        await using (var stream = await store.OpenWorkerStreamAsync("worker-1", CancellationToken.None))
        {
            await stream.WriteLineAsync("started", CancellationToken.None);
        }

        // Assert
        Assert.Equal("2025-03-01T12:00:00.000Z [worker-1] started" + Environment.NewLine, _output.ToString());
        Assert.Empty(_fake.Calls);
    }

    [Fact]
    public void Four_events_of_256_KB_fill_one_batch_exactly_and_a_fifth_starts_another()
    {
        // Arrange
        var at = DateTimeOffset.UnixEpoch;
        var events = Enumerable.Range(0, 5).Select(_ => new InputLogEvent(at, new string('m', LogBatches.MaxMessageBytes))).ToList();

        // Act
        var batches = LogBatches.Split(events);

        // Assert
        Assert.Equal([4, 1], batches.Select(b => b.Count));
        Assert.Equal(LogBatches.MaxBatchBytes, batches[0].Sum(LogBatches.SizeOf));
    }

    [Fact]
    public void Events_more_than_a_day_apart_go_in_different_batches()
    {
        // Arrange
        var at = DateTimeOffset.UnixEpoch;
        var events = new[] { new InputLogEvent(at, "a"), new InputLogEvent(at.AddHours(24), "b"), new InputLogEvent(at.AddHours(24.5), "c") };

        // Act
        var batches = LogBatches.Split(events);

        // Assert
        Assert.Equal([2, 1], batches.Select(b => b.Count));
    }

    [Fact]
    public void An_empty_line_becomes_a_single_space_since_cloudwatch_refuses_empty_events()
    {
        // Act
        var messages = LogBatches.Messages("a\r\n\nb");

        // Assert
        Assert.Equal(["a", " ", "b"], messages);
    }
}

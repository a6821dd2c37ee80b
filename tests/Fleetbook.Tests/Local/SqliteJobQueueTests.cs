using Fleetbook.Backends.Local;
using Fleetbook.Queues;

namespace Fleetbook.Tests.Local;

public sealed class SqliteJobQueueTests : IDisposable
{
    private const int Visibility = 30;
    private static readonly TimeSpan NoWait = TimeSpan.Zero;

    private readonly TempFolder folder = new();
    private readonly ManualTime time = new();
    private readonly SqliteQueueService service;

    public SqliteJobQueueTests()
    {
        service = new SqliteQueueService(folder.File("queue.db"), time);
    }

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task A_received_message_is_hidden_until_its_visibility_timeout_expires()
    {
        var queue = await CreateQueueAsync();
        await queue.SendBatchAsync(["job 1"], default);
        var first = Assert.Single(await queue.ReceiveAsync(10, NoWait, default));

        var whileHidden = await queue.ReceiveAsync(10, NoWait, default);
        time.Advance(TimeSpan.FromSeconds(Visibility));
        var again = Assert.Single(await queue.ReceiveAsync(10, NoWait, default));

        Assert.Empty(whileHidden);
        Assert.Equal(first.MessageId, again.MessageId);
        Assert.Equal("job 1", again.Body);
    }

    [Fact]
    public async Task A_stale_receipt_handle_cannot_delete_a_re_received_message()
    {
        var queue = await CreateQueueAsync();
        await queue.SendBatchAsync(["job 1"], default);
        var first = Assert.Single(await queue.ReceiveAsync(1, NoWait, default));
        time.Advance(TimeSpan.FromSeconds(Visibility + 1));
        var second = Assert.Single(await queue.ReceiveAsync(1, NoWait, default));

        var deletedWithStale = await queue.DeleteAsync(first.ReceiptHandle, default);
        var hiddenWithStale = await queue.ChangeVisibilityAsync(first.ReceiptHandle, TimeSpan.Zero, default);
        var deletedWithCurrent = await queue.DeleteAsync(second.ReceiptHandle, default);

        Assert.False(deletedWithStale);
        Assert.False(hiddenWithStale);
        Assert.True(deletedWithCurrent);
        Assert.Equal(new QueueCounts(0, 0), await queue.GetCountsAsync(default));
    }

    [Fact]
    public async Task A_handle_still_deletes_after_its_visibility_expired_if_nobody_received_the_message_since()
    {
        var queue = await CreateQueueAsync();
        await queue.SendBatchAsync(["job 1"], default);
        var message = Assert.Single(await queue.ReceiveAsync(1, NoWait, default));
        time.Advance(TimeSpan.FromSeconds(Visibility * 2));

        var deleted = await queue.DeleteAsync(message.ReceiptHandle, default);

        Assert.True(deleted);
        Assert.Empty(await queue.ReceiveAsync(1, NoWait, default));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a handle")]
    [InlineData("12.")]
    [InlineData("999.0123456789abcdef")]
    public async Task An_unknown_or_malformed_receipt_handle_deletes_nothing(string handle)
    {
        var queue = await CreateQueueAsync();
        await queue.SendBatchAsync(["job 1"], default);
        await queue.ReceiveAsync(1, NoWait, default);

        Assert.False(await queue.DeleteAsync(handle, default));
        Assert.False(await queue.ChangeVisibilityAsync(handle, TimeSpan.Zero, default));
        Assert.Equal(new QueueCounts(0, 1), await queue.GetCountsAsync(default));
    }

    [Fact]
    public async Task A_handle_from_another_queue_deletes_nothing()
    {
        var queue = await CreateQueueAsync();
        var other = await CreateQueueAsync("OtherQueue");
        await queue.SendBatchAsync(["job 1"], default);
        var message = Assert.Single(await queue.ReceiveAsync(1, NoWait, default));

        var deleted = await other.DeleteAsync(message.ReceiptHandle, default);

        Assert.False(deleted);
        Assert.Equal(new QueueCounts(0, 1), await queue.GetCountsAsync(default));
    }

    [Fact]
    public async Task Changing_visibility_to_zero_makes_the_message_visible_at_once()
    {
        var queue = await CreateQueueAsync();
        await queue.SendBatchAsync(["job 1"], default);
        var message = Assert.Single(await queue.ReceiveAsync(1, NoWait, default));

        var changed = await queue.ChangeVisibilityAsync(message.ReceiptHandle, TimeSpan.Zero, default);
        var again = await queue.ReceiveAsync(1, NoWait, default);

        Assert.True(changed);
        Assert.Equal(message.MessageId, Assert.Single(again).MessageId);
    }

    [Fact]
    public async Task Changing_visibility_extends_the_time_a_message_stays_hidden()
    {
        var queue = await CreateQueueAsync();
        await queue.SendBatchAsync(["job 1"], default);
        var message = Assert.Single(await queue.ReceiveAsync(1, NoWait, default));

        await queue.ChangeVisibilityAsync(message.ReceiptHandle, TimeSpan.FromMinutes(10), default);
        time.Advance(TimeSpan.FromSeconds(Visibility + 1));
        var afterOldTimeout = await queue.ReceiveAsync(1, NoWait, default);
        time.Advance(TimeSpan.FromMinutes(10));
        var afterNewTimeout = await queue.ReceiveAsync(1, NoWait, default);

        Assert.Empty(afterOldTimeout);
        Assert.Single(afterNewTimeout);
    }

    [Fact]
    public async Task The_receive_count_counts_every_receive_including_the_current_one()
    {
        var queue = await CreateQueueAsync(maxReceives: 10);
        await queue.SendBatchAsync(["job 1"], default);

        var counts = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            counts.Add(Assert.Single(await queue.ReceiveAsync(1, NoWait, default)).ReceiveCount);
            time.Advance(TimeSpan.FromSeconds(Visibility));
        }

        Assert.Equal([1, 2, 3], counts);
    }

    [Fact]
    public async Task A_message_received_max_receives_times_moves_to_the_dead_letter_queue_with_its_id_body_and_count()
    {
        var queue = await CreateQueueAsync(maxReceives: 2);
        await queue.SendBatchAsync(["""{"job":"A01"}"""], default);
        var first = Assert.Single(await queue.ReceiveAsync(1, NoWait, default));
        time.Advance(TimeSpan.FromSeconds(Visibility));
        Assert.Single(await queue.ReceiveAsync(1, NoWait, default));
        time.Advance(TimeSpan.FromSeconds(Visibility));

        var third = await queue.ReceiveAsync(1, NoWait, default);

        Assert.Empty(third);
        Assert.Equal(new QueueCounts(0, 0), await queue.GetCountsAsync(default));
        var deadLetters = (await service.OpenAsync("JobsDead", default))!;
        var dead = Assert.Single(await deadLetters.PeekAsync(10, default));
        Assert.Equal(first.MessageId, dead.MessageId);
        Assert.Equal("""{"job":"A01"}""", dead.Body);
        Assert.Equal(2, dead.ReceiveCount);
        Assert.Equal(new QueueCounts(1, 0), await deadLetters.GetCountsAsync(default));
    }

    [Fact]
    public async Task A_receive_that_moves_messages_to_the_dead_letter_queue_still_returns_the_others()
    {
        var queue = await CreateQueueAsync(maxReceives: 1);
        await queue.SendBatchAsync(["worn out"], default);
        Assert.Single(await queue.ReceiveAsync(1, NoWait, default));
        time.Advance(TimeSpan.FromSeconds(Visibility));
        await queue.SendBatchAsync(["fresh"], default);

        var received = await queue.ReceiveAsync(1, NoWait, default);

        Assert.Equal("fresh", Assert.Single(received).Body);
        var deadLetters = (await service.OpenAsync("JobsDead", default))!;
        Assert.Equal("worn out", Assert.Single(await deadLetters.PeekAsync(10, default)).Body);
    }

    [Fact]
    public async Task Counts_separate_visible_messages_from_messages_in_flight()
    {
        var queue = await CreateQueueAsync();
        await queue.SendBatchAsync(["1", "2", "3", "4", "5"], default);

        await queue.ReceiveAsync(2, NoWait, default);
        var whileTwoAreOut = await queue.GetCountsAsync(default);
        time.Advance(TimeSpan.FromSeconds(Visibility));
        var afterTimeout = await queue.GetCountsAsync(default);

        Assert.Equal(new QueueCounts(3, 2), whileTwoAreOut);
        Assert.Equal(5, whileTwoAreOut.Total);
        Assert.Equal(new QueueCounts(5, 0), afterTimeout);
    }

    [Fact]
    public async Task Peek_returns_messages_in_send_order_without_receiving_them()
    {
        var queue = await CreateQueueAsync();
        await queue.SendBatchAsync(["a", "b", "c"], default);

        var peeked = await queue.PeekAsync(2, default);

        Assert.Equal(["a", "b"], peeked.Select(m => m.Body));
        Assert.All(peeked, m => Assert.Equal(0, m.ReceiveCount));
        Assert.Equal(new QueueCounts(3, 0), await queue.GetCountsAsync(default));
    }

    [Fact]
    public async Task Bodies_SQS_would_reject_are_reported_and_the_rest_are_sent()
    {
        var queue = await CreateQueueAsync();
        var tooLong = new string('x', 256 * 1024 + 1);

        var result = await queue.SendBatchAsync(["ok", "", "bad\u0001char", tooLong, "lone \ud800 surrogate", "emoji 😀 ok"], default);

        Assert.Equal(2, result.Sent);
        Assert.Equal([1, 2, 3, 4], result.Failures.Select(f => f.Index));
        Assert.Equal("MessageTooLong", result.Failures[2].Code);
        Assert.Equal(["ok", "emoji 😀 ok"], (await queue.PeekAsync(10, default)).Select(m => m.Body));
    }

    [Fact]
    public async Task Each_message_gets_its_own_id()
    {
        var queue = await CreateQueueAsync();
        await queue.SendBatchAsync(Enumerable.Repeat("same body", 100).ToArray(), default);

        var ids = (await queue.PeekAsync(1000, default)).Select(m => m.MessageId).ToList();

        Assert.Equal(100, ids.Distinct().Count());
    }

    [Fact]
    public async Task Many_messages_with_rejected_ones_among_them_are_sent_in_order_each_with_a_random_uuid()
    {
        // Arrange: more than a statement's rows, and a remainder, with rejected bodies in between
        var queue = await CreateQueueAsync();
        var bodies = Enumerable.Range(0, 3 * MessageInsert.RowsPerStatement + 5).Select(i => i % 7 == 3 ? "" : $"body {i} é😀").ToArray();

        // Act
        var result = await queue.SendBatchAsync(bodies, default);

        // Assert
        var expected = bodies.Where(body => body.Length > 0).ToList();
        var sent = await queue.PeekAsync(1000, default);
        Assert.Equal(expected.Count, result.Sent);
        Assert.Equal(expected, sent.Select(m => m.Body));
        Assert.Equal(sent.Count, sent.Select(m => m.MessageId).Distinct().Count());
        Assert.All(sent, m => Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", m.MessageId));
    }

    [Fact]
    public async Task A_worker_given_only_the_queue_url_opens_the_same_queue()
    {
        var queue = await CreateQueueAsync();
        await queue.SendBatchAsync(["job 1"], default);

        var opened = SqliteJobQueue.OpenUrl(queue.Url, time);
        var message = await opened.ReceiveAsync(1, NoWait, default);

        Assert.Equal($"sqlite://{folder.File("queue.db")}#Jobs", queue.Url);
        Assert.True(SqliteJobQueue.IsLocalUrl(queue.Url));
        Assert.Equal("Jobs", opened.Name);
        Assert.Equal(queue.Url, opened.Url);
        Assert.Equal("job 1", Assert.Single(message).Body);
    }

    [Theory]
    [InlineData("https://sqs.us-east-1.amazonaws.com/123456789012/Jobs")]
    [InlineData("sqlite://relative/queue.db#Jobs")]
    [InlineData("sqlite:///tmp/queue.db")]
    [InlineData("sqlite:///tmp/queue.db#bad name")]
    [InlineData("")]
    public void A_url_that_is_not_a_local_queue_url_is_refused(string url)
    {
        Assert.Throws<ArgumentException>(() => SqliteJobQueue.OpenUrl(url, time));
    }

    [Fact]
    public void Only_sqlite_urls_are_local()
    {
        Assert.True(SqliteJobQueue.IsLocalUrl("sqlite:///runs/demo/queue.db#Jobs"));
        Assert.False(SqliteJobQueue.IsLocalUrl("https://sqs.us-east-1.amazonaws.com/123456789012/Jobs"));
        Assert.False(SqliteJobQueue.IsLocalUrl(null));
    }

    [Fact]
    public void Opening_a_url_whose_database_does_not_exist_fails_without_creating_it()
    {
        var url = $"sqlite://{folder.File("missing.db")}#Jobs";

        var error = Assert.Throws<StateDatabaseException>(() => SqliteJobQueue.OpenUrl(url, time));
        Assert.Equal(folder.File("missing.db"), error.Path);
        Assert.False(File.Exists(folder.File("missing.db")));
    }

    [Fact]
    public async Task Using_a_queue_that_was_deleted_fails_clearly()
    {
        var queue = await CreateQueueAsync();
        await service.DeleteAsync("Jobs", default);

        var problem = await Assert.ThrowsAsync<InvalidOperationException>(() => queue.SendBatchAsync(["x"], default));
        await Assert.ThrowsAsync<InvalidOperationException>(() => queue.ReceiveAsync(1, NoWait, default));
        await Assert.ThrowsAsync<InvalidOperationException>(() => queue.GetCountsAsync(default));

        Assert.Contains("'Jobs' does not exist", problem.Message);
    }

    [Fact]
    public async Task A_receive_asks_for_between_1_and_10_messages_like_SQS()
    {
        var queue = await CreateQueueAsync();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => queue.ReceiveAsync(0, NoWait, default));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => queue.ReceiveAsync(11, NoWait, default));
    }

    private async Task<IJobQueue> CreateQueueAsync(string name = "Jobs", int maxReceives = 3)
    {
        await service.EnsureAsync(new QueueSpec(name, Visibility, name + "Dead", maxReceives), default);
        return (await service.OpenAsync(name, default))!;
    }
}

using Fleetbook.Backends.SharedFolder;
using Fleetbook.Queues;
using Fleetbook.Tests.Local;

namespace Fleetbook.Tests.SharedFolder;

/// <summary>The shared-folder queue keeps SQS's promises: visibility, receipts, receive counts, dead letters.</summary>
public sealed class SharedFolderQueueTests : IDisposable
{
    private const int Visibility = 30;
    private static readonly TimeSpan NoWait = TimeSpan.Zero;

    private readonly Local.TempFolder _folder = new();
    private readonly ManualTime _time = new();
    private readonly SharedFolderQueueService _service;

    public SharedFolderQueueTests() => _service = new SharedFolderQueueService(_folder.File("queues"), _time);

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_received_message_is_hidden_until_its_visibility_timeout_expires_and_then_comes_back_counted()
    {
        // Arrange
        var queue = await CreateQueueAsync();
        await queue.SendBatchAsync(["job 1"], default);

        // Act
        var first = Assert.Single(await queue.ReceiveAsync(10, NoWait, default));
        var whileHidden = await queue.ReceiveAsync(10, NoWait, default);
        var counts = await queue.GetCountsAsync(default);
        _time.Advance(TimeSpan.FromSeconds(Visibility));
        var again = Assert.Single(await queue.ReceiveAsync(10, NoWait, default));

        // Assert
        Assert.Empty(whileHidden);
        Assert.Equal(new QueueCounts(0, 1), counts);
        Assert.Equal(first.MessageId, again.MessageId);
        Assert.Equal("job 1", again.Body);
        Assert.Equal(1, first.ReceiveCount);
        Assert.Equal(2, again.ReceiveCount);
    }

    [Fact]
    public async Task A_stale_receipt_can_neither_delete_nor_extend_a_message_received_again_since()
    {
        // Arrange
        var queue = await CreateQueueAsync();
        await queue.SendBatchAsync(["job 1"], default);
        var first = Assert.Single(await queue.ReceiveAsync(1, NoWait, default));
        _time.Advance(TimeSpan.FromSeconds(Visibility + 1));
        var second = Assert.Single(await queue.ReceiveAsync(1, NoWait, default));

        // Act
        var deletedWithStale = await queue.DeleteAsync(first.ReceiptHandle, default);
        var extendedWithStale = await queue.ChangeVisibilityAsync(first.ReceiptHandle, TimeSpan.Zero, default);
        var deletedWithCurrent = await queue.DeleteAsync(second.ReceiptHandle, default);

        // Assert
        Assert.False(deletedWithStale);
        Assert.False(extendedWithStale);
        Assert.True(deletedWithCurrent);
        Assert.Equal(new QueueCounts(0, 0), await queue.GetCountsAsync(default));
    }

    [Fact]
    public async Task Extending_visibility_keeps_the_message_hidden_and_its_receipt_valid()
    {
        // Arrange
        var queue = await CreateQueueAsync();
        await queue.SendBatchAsync(["job 1"], default);
        var message = Assert.Single(await queue.ReceiveAsync(1, NoWait, default));

        // Act: a heartbeat every 20 s for a minute.
        for (var beat = 0; beat < 3; beat++)
        {
            _time.Advance(TimeSpan.FromSeconds(20));
            Assert.True(await queue.ChangeVisibilityAsync(message.ReceiptHandle, TimeSpan.FromSeconds(Visibility), default));
            Assert.Empty(await queue.ReceiveAsync(1, NoWait, default));
        }

        // Assert
        Assert.True(await queue.DeleteAsync(message.ReceiptHandle, default));
        Assert.Equal(new QueueCounts(0, 0), await queue.GetCountsAsync(default));
    }

    [Fact]
    public async Task A_returned_message_is_visible_at_once_or_after_the_delay_asked_for()
    {
        // Arrange
        var queue = await CreateQueueAsync();
        await queue.SendBatchAsync(["now", "later"], default);
        var received = await queue.ReceiveAsync(2, NoWait, default);

        // Act
        await queue.ChangeVisibilityAsync(received.Single(m => m.Body == "now").ReceiptHandle, TimeSpan.Zero, default);
        await queue.ChangeVisibilityAsync(received.Single(m => m.Body == "later").ReceiptHandle, TimeSpan.FromSeconds(10), default);
        var atOnce = await queue.ReceiveAsync(10, NoWait, default);
        _time.Advance(TimeSpan.FromSeconds(10));
        var afterDelay = await queue.ReceiveAsync(10, NoWait, default);

        // Assert
        Assert.Equal(["now"], atOnce.Select(m => m.Body));
        Assert.Equal(["later"], afterDelay.Select(m => m.Body));
    }

    [Fact]
    public async Task A_message_received_max_receives_times_moves_to_the_dead_letter_queue_instead_of_out_again()
    {
        // Arrange: three receives allowed.
        var queue = await CreateQueueAsync(maxReceives: 3);
        await queue.SendBatchAsync(["poison"], default);
        for (var receive = 1; receive <= 3; receive++)
        {
            Assert.Single(await queue.ReceiveAsync(1, NoWait, default));
            _time.Advance(TimeSpan.FromSeconds(Visibility));
        }

        // Act
        var fourth = await queue.ReceiveAsync(1, NoWait, default);

        // Assert
        Assert.Empty(fourth);
        var dead = (await _service.OpenAsync("JobsDead", default))!;
        var letter = Assert.Single(await dead.PeekAsync(10, default));
        Assert.Equal("poison", letter.Body);
        Assert.Equal(3, letter.ReceiveCount);
        Assert.Equal(new QueueCounts(0, 0), await queue.GetCountsAsync(default));
    }

    [Fact]
    public async Task A_receipt_given_to_another_process_deletes_through_a_queue_opened_anew()
    {
        // Arrange: one instance receives (the worker), another deletes (as after a restart, or from another process).
        var queue = await CreateQueueAsync();
        await queue.SendBatchAsync(["job 1"], default);
        var message = Assert.Single(await queue.ReceiveAsync(1, NoWait, default));
        Assert.True(await queue.ChangeVisibilityAsync(message.ReceiptHandle, TimeSpan.FromSeconds(100), default));

        // Act
        var other = SharedFolderQueue.OpenUrl(queue.Url, _time);
        var deleted = await other.DeleteAsync(message.ReceiptHandle, default);

        // Assert
        Assert.True(deleted);
        Assert.False(await queue.DeleteAsync(message.ReceiptHandle, default));
    }

    [Fact]
    public async Task Peek_lists_the_oldest_messages_first_without_receiving_them()
    {
        // Arrange
        var queue = await CreateQueueAsync();
        for (var i = 1; i <= 3; i++)
        {
            await queue.SendBatchAsync([$"job {i}"], default);
            _time.Advance(TimeSpan.FromMilliseconds(5));
        }

        // Act
        var peeked = await queue.PeekAsync(2, default);

        // Assert
        Assert.Equal(["job 1", "job 2"], peeked.Select(m => m.Body));
        Assert.Equal(new QueueCounts(3, 0), await queue.GetCountsAsync(default));
    }

    [Fact]
    public async Task A_message_SQS_would_refuse_is_refused_and_the_rest_are_sent()
    {
        // Arrange
        var queue = await CreateQueueAsync();

        // Act
        var result = await queue.SendBatchAsync(["ok", "", new string('x', 256 * 1024 + 1), "bad \u0001"], default);

        // Assert
        Assert.Equal(1, result.Sent);
        Assert.Equal([1, 2, 3], result.Failures.Select(f => f.Index));
        Assert.Empty(Directory.GetFiles(Path.Combine(_folder.File("queues"), "Jobs", "incoming")));
    }

    [Fact]
    public async Task Returning_a_lost_workers_message_makes_it_visible_only_while_that_receive_still_holds_it()
    {
        // Arrange
        var queue = (SharedFolderQueue)await CreateQueueAsync();
        await queue.SendBatchAsync(["job 1"], default);
        var message = Assert.Single(await queue.ReceiveAsync(1, NoWait, default));

        // Act
        var wrongAttempt = queue.ReturnNow(message.MessageId, receives: 2);
        var returned = queue.ReturnNow(message.MessageId, receives: 1);
        var again = Assert.Single(await queue.ReceiveAsync(1, NoWait, default));

        // Assert
        Assert.False(wrongAttempt);
        Assert.True(returned);
        Assert.Equal(2, again.ReceiveCount);
        Assert.False(await queue.DeleteAsync(message.ReceiptHandle, default));
    }

    [Fact]
    public async Task Setup_twice_changes_nothing_and_a_changed_config_updates_the_queue()
    {
        // Act
        var created = await _service.EnsureAsync(new QueueSpec("Jobs", Visibility, "JobsDead", 3), default);
        var again = await _service.EnsureAsync(new QueueSpec("Jobs", Visibility, "JobsDead", 3), default);
        var changed = await _service.EnsureAsync(new QueueSpec("Jobs", 90, "JobsDead", 5), default);

        // Assert
        Assert.True(created.Created);
        Assert.False(again.Created || again.Updated);
        Assert.True(changed.Updated);
        Assert.StartsWith("shared-folder:///", created.Url);
        Assert.NotNull(await _service.OpenAsync("JobsDead", default));
    }

    [Fact]
    public async Task Deleting_the_queue_removes_its_messages_and_keeps_its_dead_letters()
    {
        // Arrange
        var queue = await CreateQueueAsync();
        await queue.SendBatchAsync(["job 1"], default);

        // Act
        var deleted = await _service.DeleteAsync("Jobs", default);
        var deletedTwice = await _service.DeleteAsync("Jobs", default);

        // Assert
        Assert.True(deleted);
        Assert.False(deletedTwice);
        Assert.Null(await _service.OpenAsync("Jobs", default));
        Assert.NotNull(await _service.OpenAsync("JobsDead", default));
        await Assert.ThrowsAsync<InvalidOperationException>(() => queue.ReceiveAsync(1, NoWait, default));
    }

    private async Task<IJobQueue> CreateQueueAsync(int maxReceives = 3)
    {
        await _service.EnsureAsync(new QueueSpec("Jobs", Visibility, "JobsDead", maxReceives), default);
        return (await _service.OpenAsync("Jobs", default))!;
    }
}

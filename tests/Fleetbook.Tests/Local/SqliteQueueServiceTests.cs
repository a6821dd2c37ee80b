using Fleetbook.Backends.Local;
using Fleetbook.Queues;

namespace Fleetbook.Tests.Local;

public sealed class SqliteQueueServiceTests : IDisposable
{
    private readonly TempFolder folder = new();
    private readonly ManualTime time = new();
    private readonly SqliteQueueService service;

    public SqliteQueueServiceTests()
    {
        service = new SqliteQueueService(folder.File("queue.db"), time);
    }

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task Ensure_creates_the_queue_and_its_dead_letter_queue()
    {
        var info = await service.EnsureAsync(new QueueSpec("Jobs", 30, "JobsDead", 3), default);

        Assert.Equal(new QueueInfo("Jobs", $"sqlite://{folder.File("queue.db")}#Jobs", Created: true, Updated: false), info);
        Assert.NotNull(await service.OpenAsync("Jobs", default));
        Assert.NotNull(await service.OpenAsync("JobsDead", default));
    }

    [Fact]
    public async Task Ensure_on_an_up_to_date_queue_changes_nothing()
    {
        var spec = new QueueSpec("Jobs", 30, "JobsDead", 3);
        await service.EnsureAsync(spec, default);

        var again = await service.EnsureAsync(spec, default);

        Assert.False(again.Created);
        Assert.False(again.Updated);
    }

    [Fact]
    public async Task Ensure_updates_stale_attributes_of_an_existing_queue()
    {
        await service.EnsureAsync(new QueueSpec("Jobs", 30, "JobsDead", 3), default);
        var queue = (await service.OpenAsync("Jobs", default))!;
        await queue.SendBatchAsync(["job 1"], default);

        var info = await service.EnsureAsync(new QueueSpec("Jobs", 120, "JobsDead", 3), default);
        Assert.Single(await queue.ReceiveAsync(1, TimeSpan.Zero, default));
        time.Advance(TimeSpan.FromSeconds(60));
        var afterOldVisibility = await queue.ReceiveAsync(1, TimeSpan.Zero, default);
        time.Advance(TimeSpan.FromSeconds(60));
        var afterNewVisibility = await queue.ReceiveAsync(1, TimeSpan.Zero, default);

        Assert.False(info.Created);
        Assert.True(info.Updated);
        Assert.Empty(afterOldVisibility);
        Assert.Single(afterNewVisibility);
    }

    [Fact]
    public async Task Ensure_with_fewer_max_receives_applies_to_messages_already_in_the_queue()
    {
        await service.EnsureAsync(new QueueSpec("Jobs", 30, "JobsDead", 5), default);
        var queue = (await service.OpenAsync("Jobs", default))!;
        await queue.SendBatchAsync(["job 1"], default);
        Assert.Single(await queue.ReceiveAsync(1, TimeSpan.Zero, default));
        time.Advance(TimeSpan.FromSeconds(30));

        var info = await service.EnsureAsync(new QueueSpec("Jobs", 30, "OtherDead", 1), default);
        var received = await queue.ReceiveAsync(1, TimeSpan.Zero, default);

        Assert.True(info.Updated);
        Assert.Empty(received);
        Assert.Single(await (await service.OpenAsync("OtherDead", default))!.PeekAsync(10, default));
    }

    [Fact]
    public async Task A_queue_without_a_dead_letter_queue_keeps_handing_out_its_messages()
    {
        await service.EnsureAsync(new QueueSpec("Jobs", 30, "", 0), default);
        var queue = (await service.OpenAsync("Jobs", default))!;
        await queue.SendBatchAsync(["job 1"], default);

        for (var i = 0; i < 5; i++)
        {
            Assert.Single(await queue.ReceiveAsync(1, TimeSpan.Zero, default));
            time.Advance(TimeSpan.FromSeconds(30));
        }
    }

    [Theory]
    [InlineData("has space", "Dead", 3)]
    [InlineData("Jobs", "Jobs", 3)]
    [InlineData("Jobs", "Dead", 0)]
    [InlineData("", "Dead", 3)]
    public async Task Ensure_rejects_specs_SQS_would_reject(string name, string deadLetterQueue, int maxReceives)
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(
            () => service.EnsureAsync(new QueueSpec(name, 30, deadLetterQueue, maxReceives), default));
    }

    [Fact]
    public async Task Open_returns_null_for_a_queue_that_does_not_exist()
    {
        await service.EnsureAsync(new QueueSpec("Jobs", 30, "JobsDead", 3), default);

        Assert.Null(await service.OpenAsync("Missing", default));
        Assert.Null(await service.OpenAsync("not/a/name", default));
    }

    [Fact]
    public async Task Delete_removes_the_queue_and_its_messages_but_not_its_dead_letter_queue()
    {
        await service.EnsureAsync(new QueueSpec("Jobs", 30, "JobsDead", 3), default);
        await (await service.OpenAsync("Jobs", default))!.SendBatchAsync(["a", "b"], default);

        var deleted = await service.DeleteAsync("Jobs", default);
        var deletedAgain = await service.DeleteAsync("Jobs", default);
        await service.EnsureAsync(new QueueSpec("Jobs", 30, "JobsDead", 3), default);
        var recreated = (await service.OpenAsync("Jobs", default))!;

        Assert.True(deleted);
        Assert.False(deletedAgain);
        Assert.NotNull(await service.OpenAsync("JobsDead", default));
        Assert.Equal(new QueueCounts(0, 0), await recreated.GetCountsAsync(default));
    }

    [Fact]
    public async Task All_queues_of_a_run_live_in_one_file_next_to_the_journal()
    {
        var path = folder.File("state/queue.db");
        var inState = new SqliteQueueService(path, time);
        var journal = new SqliteJobJournal(path);

        await inState.EnsureAsync(new QueueSpec("Jobs", 30, "JobsDead", 3), default);
        await journal.RecordAsync(new Journal.JobAttempt("m", "job", 1, "w", time.GetUtcNow()), default);

        Assert.Equal([path], Directory.GetFiles(folder.File("state"), "*.db"));
        Assert.Equal(1, (await journal.CountsAsync(default)).Running);
    }
}

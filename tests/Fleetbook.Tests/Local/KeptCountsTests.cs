using Fleetbook.Backends.Local;
using Fleetbook.Journal;
using Fleetbook.Queues;
using Microsoft.Data.Sqlite;

namespace Fleetbook.Tests.Local;

/// <summary>The counts status reads from one row, kept by triggers, always equal a count of every row.</summary>
public sealed class KeptCountsTests : IDisposable
{
    private static readonly DateTimeOffset Noon = new(2025, 1, 31, 12, 0, 0, TimeSpan.Zero);

    private readonly TempFolder folder = new();
    private readonly ManualTime time = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task Queue_counts_match_a_recount_through_sends_receives_deletes_dead_letters_and_queue_deletion()
    {
        var service = new SqliteQueueService(folder.File("queue.db"), time);
        await service.EnsureAsync(new QueueSpec("Jobs", 30, "JobsDead", 2), default);
        var queue = (await service.OpenQueueAsync("Jobs", default))!;
        var dead = (await service.OpenQueueAsync("JobsDead", default))!;
        await queue.SendBatchAsync(Enumerable.Range(0, 25).Select(i => $"job {i}").ToList(), default);

        await AssertRecountedAsync(queue, dead);
        for (var round = 0; round < 5; round++)
        {
            var received = await queue.ReceiveAsync(10, TimeSpan.Zero, default);
            await queue.DeleteAsync(received[0].ReceiptHandle, default);
            await queue.DeleteAsync(received[0].ReceiptHandle, default); // already gone: nothing changes
            await AssertRecountedAsync(queue, dead);
            time.Advance(TimeSpan.FromSeconds(31)); // the others come back, and after two receives go to the dead letters
        }

        Assert.True((await dead.GetCountsAsync(default)).Visible > 0);
        await service.DeleteAsync("Jobs", default);
        await AssertRecountedAsync(dead);
        await service.EnsureAsync(new QueueSpec("Jobs", 30, "JobsDead", 2), default);
        var again = (await service.OpenQueueAsync("Jobs", default))!;
        await again.SendBatchAsync(["one"], default);
        Assert.Equal(new QueueCounts(1, 0), await again.GetCountsAsync(default));
        await AssertRecountedAsync(again, dead);
    }

    [Fact]
    public async Task Journal_counts_match_a_recount_through_inserts_replacements_and_lost_attempts()
    {
        var journal = new SqliteJobJournal(folder.File("queue.db"));
        await journal.RecordAsync(Attempt("m1", 1, AttemptOutcome.Running), default);
        await journal.RecordAsync(Attempt("m1", 1, AttemptOutcome.Failed), default);
        await journal.RecordAsync(Attempt("m1", 2, AttemptOutcome.Succeeded), default);
        await journal.RecordAsync(Attempt("m1", 3, AttemptOutcome.Succeeded), default); // the same job done twice counts once
        await journal.RecordAsync(Attempt("m2", 1, AttemptOutcome.Running), default);
        await journal.RecordAsync(Attempt("m2", 2, AttemptOutcome.Running), default);
        await journal.MarkLostAsync("m2", 2, Noon, default);
        await journal.RecordAsync(Attempt("m3", 1, AttemptOutcome.SkippedDone), default);
        await journal.RecordAsync(Attempt("m3", 1, AttemptOutcome.Killed), default); // done, then not

        var kept = await journal.CountsAsync(default);

        Assert.Equal(new JournalCounts(1, 2, 1), kept);
        Assert.Equal(kept, Recount(folder.File("queue.db")));
    }

    [Fact]
    public async Task A_database_made_before_the_counts_were_kept_is_counted_once_when_opened()
    {
        var path = folder.File("queue.db");
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE queues (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, visibility_seconds INTEGER NOT NULL,
                    dead_letter_queue TEXT NOT NULL, max_receives INTEGER NOT NULL, created_ms INTEGER NOT NULL);
                CREATE TABLE messages (id INTEGER PRIMARY KEY, queue_id INTEGER NOT NULL, message_id TEXT NOT NULL, body TEXT NOT NULL,
                    visible_at_ms INTEGER NOT NULL, receive_count INTEGER NOT NULL, receipt TEXT, sent_ms INTEGER NOT NULL);
                CREATE TABLE attempts (message_id TEXT NOT NULL, attempt INTEGER NOT NULL, job_id TEXT NOT NULL, worker TEXT NOT NULL,
                    started_ticks INTEGER NOT NULL, ended_ticks INTEGER, outcome TEXT NOT NULL, exit_code INTEGER, detail TEXT,
                    PRIMARY KEY (message_id, attempt));
                INSERT INTO queues VALUES (1, 'Jobs', 30, '', 0, 0);
                INSERT INTO messages (queue_id, message_id, body, visible_at_ms, receive_count, receipt, sent_ms)
                    VALUES (1, 'a', '{}', 0, 0, NULL, 0), (1, 'b', '{}', 0, 0, NULL, 0), (1, 'c', '{}', 99999999999999, 1, 'x', 0);
                INSERT INTO attempts VALUES ('m1', 1, 'j', 'w', 0, 1, 'Succeeded', 0, NULL), ('m1', 2, 'j', 'w', 0, 1, 'Succeeded', 0, NULL),
                    ('m2', 1, 'j', 'w', 0, 1, 'Failed', 1, NULL), ('m3', 1, 'j', 'w', 0, NULL, 'Running', NULL, NULL);
                """;
            command.ExecuteNonQuery();
        }

        var queue = (await new SqliteQueueService(path, time).OpenQueueAsync("Jobs", default))!;
        var journal = new SqliteJobJournal(path);

        await AssertCountsAsync(queue, 2, 1);
        Assert.Equal(new JournalCounts(1, 1, 1), await journal.CountsAsync(default));
        await journal.RecordAsync(Attempt("m4", 1, AttemptOutcome.Succeeded), default);
        Assert.Equal(new JournalCounts(2, 1, 1), await journal.CountsAsync(default));
    }

    private async Task AssertCountsAsync(SqliteJobQueue queue, long visible, long inFlight)
    {
        Assert.Equal(new QueueCounts(visible, inFlight), await queue.GetCountsAsync(default));
        await AssertRecountedAsync(queue);
    }

    private async Task AssertRecountedAsync(params SqliteJobQueue[] queues)
    {
        foreach (var queue in queues)
        {
            using var connection = new SqliteConnection($"Data Source={queue.DatabasePath};Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT COUNT(*) - SUM(visible_at_ms > $now), SUM(visible_at_ms > $now) FROM messages
                WHERE queue_id = (SELECT id FROM queues WHERE name = $name)
                """;
            command.Parameters.AddWithValue("$name", queue.Name);
            command.Parameters.AddWithValue("$now", time.GetUtcNow().ToUnixTimeMilliseconds());
            using var reader = command.ExecuteReader();
            reader.Read();
            var recounted = reader.IsDBNull(1) ? new QueueCounts(0, 0) : new QueueCounts(reader.GetInt64(0), reader.GetInt64(1));
            Assert.Equal(recounted, await queue.GetCountsAsync(default));
        }
    }

    private static JournalCounts Recount(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT (SELECT COUNT(DISTINCT message_id) FROM attempts WHERE outcome IN ('Succeeded', 'SkippedDone')),
                   (SELECT COUNT(*) FROM attempts WHERE outcome IN ('Failed', 'TimedOut', 'LostWorker', 'InputProblem', 'OutputProblem')),
                   (SELECT COUNT(*) FROM attempts WHERE outcome = 'Running')
            """;
        using var reader = command.ExecuteReader();
        reader.Read();
        return new JournalCounts(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    private static JobAttempt Attempt(string messageId, int attempt, AttemptOutcome outcome) =>
        new(messageId, "job-" + messageId, attempt, "worker1/copy0", Noon, outcome == AttemptOutcome.Running ? null : Noon.AddMinutes(1), outcome);
}

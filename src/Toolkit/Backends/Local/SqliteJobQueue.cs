using System.Runtime.InteropServices;
using Fleetbook.Queues;
using Microsoft.Data.Sqlite;

namespace Fleetbook.Backends.Local;

/// <summary>
/// One queue of a run's <c>queue.db</c>, with SQS semantics. Every guard lives in the database (transactions,
/// receipt tokens), so any number of instances in any number of processes can share the queue.
/// </summary>
public sealed class SqliteJobQueue : IJobQueue
{
    /// <summary>SQS's limit on messages per receive.</summary>
    public const int MaxReceiveBatch = 10;

    private const int SendChunk = 10_000;
    private static readonly TimeSpan FirstPollDelay = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan LongestPollDelay = TimeSpan.FromMilliseconds(100);

    private readonly SqliteDatabase database;
    private readonly TimeProvider time;
    private volatile bool lastReceiveFound;

    /// <summary>Opens the queue <paramref name="name"/> in <paramref name="databasePath"/>; operations throw if it does not exist.</summary>
    public SqliteJobQueue(string databasePath, string name, TimeProvider time)
        : this(new SqliteDatabase(databasePath, QueueSchema.Sql), name, time)
    {
    }

    internal SqliteJobQueue(SqliteDatabase database, string name, TimeProvider time)
    {
        QueueNames.Validate(name, nameof(name));
        ArgumentNullException.ThrowIfNull(time);
        this.database = database;
        this.time = time;
        Name = name;
        Url = SqliteQueueUrl.Format(database.Path, name);
    }

    public string Name { get; }

    /// <summary><c>sqlite:///absolute/path/queue.db#QueueName</c>.</summary>
    public string Url { get; }

    public string DatabasePath => database.Path;

    /// <summary>Whether <paramref name="url"/> names a local queue (<c>sqlite:///...</c>) rather than an SQS queue.</summary>
    public static bool IsLocalUrl(string? url) => SqliteQueueUrl.IsLocal(url);

    /// <summary>Opens the queue a worker was given as SQS_QUEUE_URL.</summary>
    /// <exception cref="ArgumentException">The URL is not a local queue URL.</exception>
    /// <exception cref="StateDatabaseException">The database file does not exist (or is empty): a worker never creates it.</exception>
    public static SqliteJobQueue OpenUrl(string url, TimeProvider time)
    {
        if (!SqliteQueueUrl.TryParse(url, out var path, out var name))
        {
            throw new ArgumentException($"'{url}' is not a local queue URL (sqlite:///absolute/path/queue.db#QueueName).", nameof(url));
        }

        var database = new SqliteDatabase(path, QueueSchema.Sql, mayCreate: false);
        database.Exists();
        return new SqliteJobQueue(database, name, time);
    }

    public async Task<SendResult> SendBatchAsync(IReadOnlyList<string> bodies, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bodies);
        var failures = new List<SendFailure>();
        var sent = 0;
        return await database.Use<SendResult>(connection =>
        {
            var checkpointer = WalCheckpointer.For(database.Path);
            using var ownCheckpointsOff = WalCheckpointer.TakeOver(connection);
            var accepted = new List<int>(Math.Min(bodies.Count, SendChunk));
            for (var start = 0; start < bodies.Count; start += SendChunk)
            {
                cancellationToken.ThrowIfCancellationRequested();
                accepted.Clear();
                var end = Math.Min(bodies.Count, start + SendChunk);
                for (var i = start; i < end; i++)
                {
                    if (MessageRules.Check(i, bodies[i]) is { } failure)
                    {
                        failures.Add(failure);
                    }
                    else
                    {
                        accepted.Add(i);
                    }
                }

                using var transaction = connection.BeginTransaction(deferred: false);
                using (var insert = new MessageInsert(connection, FindQueue(connection, transaction).Id, NowMs()))
                {
                    insert.Insert(bodies, CollectionsMarshal.AsSpan(accepted));
                }

                transaction.Commit();
                sent += accepted.Count;
                checkpointer.Request();
            }

            return new SendResult(sent, failures);
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<QueueMessage>> ReceiveAsync(int maxMessages, TimeSpan wait, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxMessages, MaxReceiveBatch);
        ArgumentOutOfRangeException.ThrowIfLessThan(wait, TimeSpan.Zero);

        var started = time.GetTimestamp();
        var delay = FirstPollDelay;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var received = await TryReceiveAsync(maxMessages, cancellationToken);
            var left = wait - time.GetElapsedTime(started);
            if (received.Count > 0 || left <= TimeSpan.Zero)
            {
                return received;
            }

            // Short at first so a message sent just now is picked up at once, longer later so idle workers stay cheap.
            await Task.Delay(delay < left ? delay : left, time, cancellationToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LongestPollDelay.Ticks));
        }
    }

    public async Task<bool> DeleteAsync(string receiptHandle, CancellationToken cancellationToken)
    {
        if (!ReceiptHandle.TryParse(receiptHandle, out var handle))
        {
            return false;
        }

        return await database.Use(connection => Delete(connection, null, handle), cancellationToken);
    }

    /// <summary>Deletes the message of <paramref name="receiptHandle"/> inside <paramref name="transaction"/> (a connection to this queue's database); false when the handle is stale.</summary>
    internal bool Delete(SqliteConnection connection, SqliteTransaction? transaction, string receiptHandle) =>
        ReceiptHandle.TryParse(receiptHandle, out var handle) && Delete(connection, transaction, handle);

    private bool Delete(SqliteConnection connection, SqliteTransaction? transaction, ReceiptHandle handle)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            DELETE FROM messages
            WHERE id = $row AND receipt = $token AND queue_id = (SELECT id FROM queues WHERE name = $name)
            """;
        command.Parameters.AddWithValue("$row", handle.Row);
        command.Parameters.AddWithValue("$token", handle.Token);
        command.Parameters.AddWithValue("$name", Name);
        return command.ExecuteNonQuery() == 1;
    }

    public async Task<bool> ChangeVisibilityAsync(string receiptHandle, TimeSpan visibility, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(visibility, TimeSpan.Zero);
        if (!ReceiptHandle.TryParse(receiptHandle, out var handle))
        {
            return false;
        }

        return await database.UseAsync<bool>(async connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = """
                UPDATE messages SET visible_at_ms = $visible_at
                WHERE id = $row AND receipt = $token AND queue_id = (SELECT id FROM queues WHERE name = $name)
                """;
            command.Parameters.AddWithValue("$visible_at", NowMs() + (long)visibility.TotalMilliseconds);
            command.Parameters.AddWithValue("$row", handle.Row);
            command.Parameters.AddWithValue("$token", handle.Token);
            command.Parameters.AddWithValue("$name", Name);
            return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        }, cancellationToken);
    }

    public async Task<QueueCounts> GetCountsAsync(CancellationToken cancellationToken)
    {
        return await database.UseAsync<QueueCounts>(async connection =>
        {
            using var command = connection.CreateCommand();
            // The size is kept by triggers (QueueSchema); only the messages in flight are counted, from the visibility index.
            command.CommandText = """
                SELECT
                    COALESCE((SELECT messages FROM queue_sizes WHERE queue_id = q.id), 0),
                    (SELECT COUNT(*) FROM messages WHERE queue_id = q.id AND visible_at_ms > $now)
                FROM queues q WHERE q.name = $name
                """;
            command.Parameters.AddWithValue("$now", NowMs());
            command.Parameters.AddWithValue("$name", Name);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken)
                ? new QueueCounts(reader.GetInt64(0) - reader.GetInt64(1), reader.GetInt64(1))
                : throw Missing();
        }, cancellationToken);
    }

    /// <summary>The oldest messages first, as they are: receipt handles are empty, receive counts are the current ones.</summary>
    public async Task<IReadOnlyList<QueueMessage>> PeekAsync(int maxMessages, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        return await database.UseAsync<IReadOnlyList<QueueMessage>>(async connection =>
        {
            using var transaction = connection.BeginTransaction(deferred: true);
            var queue = FindQueue(connection, transaction);
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "SELECT message_id, body, receive_count FROM messages WHERE queue_id = $queue ORDER BY id LIMIT $limit";
            command.Parameters.AddWithValue("$queue", queue.Id);
            command.Parameters.AddWithValue("$limit", maxMessages);
            var messages = new List<QueueMessage>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                messages.Add(new QueueMessage(reader.GetString(0), reader.GetString(1), "", reader.GetInt32(2)));
            }

            return messages;
        }, cancellationToken);
    }

    public override string ToString() => Url;

    private async Task<IReadOnlyList<QueueMessage>> TryReceiveAsync(int maxMessages, CancellationToken cancellationToken)
    {
        return await database.Use<IReadOnlyList<QueueMessage>>(connection =>
        {

            // A read first, without the write lock: an idle worker polling an empty queue never holds up the others.
            // While receives find messages the queue is rarely empty, and the write transaction below says so itself.
            if (!lastReceiveFound && !AnyVisible(connection))
            {
                return [];
            }

            using var transaction = connection.BeginTransaction(deferred: false); // BEGIN IMMEDIATE: select + update as one
            var queue = FindQueue(connection, transaction);
            var deadLetterQueueId = queue.MaxReceives > 0 && queue.DeadLetterQueue.Length > 0
                ? FindQueueId(connection, transaction, queue.DeadLetterQueue)
                : null;
            var now = NowMs();
            var received = new List<QueueMessage>(maxMessages);
            while (received.Count < maxMessages)
            {
                var candidates = VisibleMessages(connection, transaction, queue.Id, now, maxMessages - received.Count);
                var movedAny = false;
                foreach (var (row, messageId, body, receiveCount) in candidates)
                {
                    // SQS redrive: a message already received maxReceiveCount times goes to the DLQ instead of out again.
                    if (deadLetterQueueId is { } dlq && receiveCount >= queue.MaxReceives)
                    {
                        MoveToDeadLetters(connection, transaction, row, dlq, now);
                        movedAny = true;
                        continue;
                    }

                    var handle = ReceiptHandle.New(row);
                    MarkReceived(connection, transaction, handle, now + (queue.VisibilitySeconds * 1000L));
                    received.Add(new QueueMessage(messageId, body, handle.ToString(), receiveCount + 1));
                }

                if (!movedAny)
                {
                    break;
                }
            }

            transaction.Commit();
            lastReceiveFound = received.Count > 0;
            return received;
        }, cancellationToken);
    }

    private bool AnyVisible(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT EXISTS (SELECT 1 FROM messages WHERE queue_id = q.id AND visible_at_ms <= $now)
            FROM queues q WHERE q.name = $name
            """;
        command.Parameters.AddWithValue("$now", NowMs());
        command.Parameters.AddWithValue("$name", Name);
        return command.ExecuteScalar() is long found ? found != 0 : throw Missing();
    }

    private static List<(long Row, string MessageId, string Body, int ReceiveCount)> VisibleMessages(
        SqliteConnection connection, SqliteTransaction transaction, long queueId, long now, int limit)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            SELECT id, message_id, body, receive_count FROM messages
            WHERE queue_id = $queue AND visible_at_ms <= $now
            ORDER BY visible_at_ms, id LIMIT $limit
            """;
        command.Parameters.AddWithValue("$queue", queueId);
        command.Parameters.AddWithValue("$now", now);
        command.Parameters.AddWithValue("$limit", limit);
        var rows = new List<(long, string, string, int)>(limit);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3)));
        }

        return rows;
    }

    private static void MarkReceived(SqliteConnection connection, SqliteTransaction transaction, ReceiptHandle handle, long visibleAt)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            UPDATE messages SET receive_count = receive_count + 1, visible_at_ms = $visible_at, receipt = $token
            WHERE id = $row
            """;
        command.Parameters.AddWithValue("$visible_at", visibleAt);
        command.Parameters.AddWithValue("$token", handle.Token);
        command.Parameters.AddWithValue("$row", handle.Row);
        command.ExecuteNonQuery();
    }

    private static void MoveToDeadLetters(SqliteConnection connection, SqliteTransaction transaction, long row, long deadLetterQueueId, long now)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "UPDATE messages SET queue_id = $dlq, visible_at_ms = $now, receipt = NULL WHERE id = $row";
        command.Parameters.AddWithValue("$dlq", deadLetterQueueId);
        command.Parameters.AddWithValue("$now", now);
        command.Parameters.AddWithValue("$row", row);
        command.ExecuteNonQuery();
    }

    private QueueRow FindQueue(SqliteConnection connection, SqliteTransaction transaction) =>
        QueueRow.Find(connection, transaction, Name) ?? throw Missing();

    private static long? FindQueueId(SqliteConnection connection, SqliteTransaction transaction, string name) =>
        QueueRow.Find(connection, transaction, name)?.Id;

    private long NowMs() => time.GetUtcNow().ToUnixTimeMilliseconds();

    private InvalidOperationException Missing() =>
        new($"The queue '{Name}' does not exist in {database.Path}.");
}

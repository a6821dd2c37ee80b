using Fleetbook.Queues;
using Microsoft.Data.Sqlite;

namespace Fleetbook.Backends.Local;

/// <summary>All queues of a run, in one SQLite file (<c>queue.db</c> in the run's state folder).</summary>
public sealed class SqliteQueueService : IQueueService
{
    private readonly SqliteDatabase database;
    private readonly TimeProvider time;

    public SqliteQueueService(string databasePath, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        database = new SqliteDatabase(databasePath, QueueSchema.Sql);
        this.time = time;
    }

    public string DatabasePath => database.Path;

    /// <summary>Lets go of this process's pooled connections to the file, so that it can be deleted or moved (Windows refuses an open file).</summary>
    internal void ReleasePooledConnections() => database.ReleasePooledConnections();

    /// <summary>
    /// Creates the dead-letter queue if it is missing (with the job queue's visibility and no redrive of its own),
    /// then creates the job queue or brings its visibility, dead-letter queue and max receives up to date.
    /// An empty <see cref="QueueSpec.DeadLetterQueue"/> means no redrive.
    /// </summary>
    public async Task<QueueInfo> EnsureAsync(QueueSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        QueueNames.Validate(spec.Name, nameof(spec));
        ArgumentOutOfRangeException.ThrowIfNegative(spec.VisibilitySeconds, nameof(spec));
        var deadLetterQueue = spec.DeadLetterQueue ?? "";
        if (deadLetterQueue.Length > 0)
        {
            QueueNames.Validate(deadLetterQueue, nameof(spec));
            if (deadLetterQueue == spec.Name)
            {
                throw new ArgumentException($"The queue '{spec.Name}' cannot be its own dead-letter queue.", nameof(spec));
            }

            ArgumentOutOfRangeException.ThrowIfLessThan(spec.MaxReceives, 1, nameof(spec));
        }

        return await database.Use<QueueInfo>(connection =>
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            var now = time.GetUtcNow().ToUnixTimeMilliseconds();
            if (deadLetterQueue.Length > 0 && QueueRow.Find(connection, transaction, deadLetterQueue) is null)
            {
                Insert(connection, transaction, new QueueRow(0, deadLetterQueue, spec.VisibilitySeconds, "", 0), now);
            }

            var wanted = new QueueRow(0, spec.Name, spec.VisibilitySeconds, deadLetterQueue, deadLetterQueue.Length > 0 ? spec.MaxReceives : 0);
            var existing = QueueRow.Find(connection, transaction, spec.Name);
            var created = existing is null;
            var updated = false;
            if (existing is null)
            {
                Insert(connection, transaction, wanted, now);
            }
            else if (existing with { Id = 0 } != wanted)
            {
                Update(connection, transaction, wanted with { Id = existing.Id });
                updated = true;
            }

            transaction.Commit();
            return new QueueInfo(spec.Name, SqliteQueueUrl.Format(database.Path, spec.Name), created, updated);
        }, cancellationToken, setup: true);
    }

    public async Task<IJobQueue?> OpenAsync(string name, CancellationToken cancellationToken) =>
        await OpenQueueAsync(name, cancellationToken);

    /// <summary>The queue, or null when it does not exist.</summary>
    public async Task<SqliteJobQueue?> OpenQueueAsync(string name, CancellationToken cancellationToken)
    {
        if (!QueueNames.IsValid(name) || !database.Exists())
        {
            return null;
        }

        return await database.Use<SqliteJobQueue?>(connection =>
        {
            return QueueRow.Find(connection, null, name) is null ? null : new SqliteJobQueue(database, name, time);
        }, cancellationToken);
    }

    /// <summary>Deletes the queue and its messages (not its dead-letter queue).</summary>
    public async Task<bool> DeleteAsync(string name, CancellationToken cancellationToken)
    {
        if (!QueueNames.IsValid(name) || !database.Exists())
        {
            return false;
        }

        return await database.Use<bool>(connection =>
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            if (QueueRow.Find(connection, transaction, name) is not { } queue)
            {
                return false;
            }

            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "DELETE FROM messages WHERE queue_id = $id; DELETE FROM queues WHERE id = $id;";
            command.Parameters.AddWithValue("$id", queue.Id);
            command.ExecuteNonQuery();
            transaction.Commit();
            return true;
        }, cancellationToken);
    }

    private static void Insert(SqliteConnection connection, SqliteTransaction transaction, QueueRow queue, long now)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO queues (name, visibility_seconds, dead_letter_queue, max_receives, created_ms)
            VALUES ($name, $visibility, $dlq, $max_receives, $now)
            """;
        AddAttributes(command, queue);
        command.Parameters.AddWithValue("$now", now);
        command.ExecuteNonQuery();
    }

    private static void Update(SqliteConnection connection, SqliteTransaction transaction, QueueRow queue)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            UPDATE queues SET visibility_seconds = $visibility, dead_letter_queue = $dlq, max_receives = $max_receives
            WHERE name = $name
            """;
        AddAttributes(command, queue);
        command.ExecuteNonQuery();
    }

    private static void AddAttributes(SqliteCommand command, QueueRow queue)
    {
        command.Parameters.AddWithValue("$name", queue.Name);
        command.Parameters.AddWithValue("$visibility", queue.VisibilitySeconds);
        command.Parameters.AddWithValue("$dlq", queue.DeadLetterQueue);
        command.Parameters.AddWithValue("$max_receives", queue.MaxReceives);
    }
}

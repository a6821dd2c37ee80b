using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Fleetbook.Backends.Local;

/// <summary>
/// The INSERT of a new message into one queue, prepared once and run for each message of a send with its id and body
/// bound as UTF-8. It goes through SQLite's own interface: a Microsoft.Data.Sqlite command makes a data reader and
/// re-binds every parameter on each run, which at a million messages cost more than SQLite's insert itself.
/// </summary>
internal sealed class MessageInsert : IDisposable
{
    private const string Sql = """
        INSERT INTO messages (queue_id, message_id, body, visible_at_ms, receive_count, receipt, sent_ms)
        VALUES (?1, ?2, ?3, ?4, 0, NULL, ?4)
        """;

    private readonly sqlite3 _database;
    private readonly sqlite3_stmt _statement;

    /// <summary>Prepares the insert on <paramref name="connection"/>, for messages of the queue <paramref name="queueId"/> sent (and visible) at <paramref name="nowMs"/>.</summary>
    public MessageInsert(SqliteConnection connection, long queueId, long nowMs)
    {
        _database = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        Check(raw.sqlite3_prepare_v2(_database, Sql, out _statement));
        try
        {
            Check(raw.sqlite3_bind_int64(_statement, 1, queueId));
            Check(raw.sqlite3_bind_int64(_statement, 4, nowMs));
        }
        catch
        {
            _statement.Dispose();
            throw;
        }
    }

    public void Insert(ReadOnlySpan<byte> messageId, ReadOnlySpan<byte> body)
    {
        Check(raw.sqlite3_bind_text(_statement, 2, messageId));
        Check(raw.sqlite3_bind_text(_statement, 3, body));
        var done = raw.sqlite3_step(_statement);
        var reset = raw.sqlite3_reset(_statement);
        if (done != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(reset != raw.SQLITE_OK ? reset : done, _database);
        }
    }

    public void Dispose() => _statement.Dispose();

    private void Check(int result)
    {
        if (result != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(result, _database);
        }
    }
}

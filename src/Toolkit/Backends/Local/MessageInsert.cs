using System.Buffers;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Fleetbook.Backends.Local;

/// <summary>
/// The INSERT of new messages into one queue, each with a new id (<see cref="MessageIds"/>), prepared once per transaction.
/// It goes through SQLite's own interface with the values bound as UTF-8, <see cref="RowsPerStatement"/> messages to a
/// statement: a Microsoft.Data.Sqlite command makes a data reader and binds every parameter again on each run, and a
/// statement per row pays SQLite's start and end of a statement each time; at a million messages each cost more than
/// the rows themselves.
/// </summary>
internal sealed class MessageInsert : IDisposable
{
    public const int RowsPerStatement = 32;

    private readonly sqlite3 _database;
    private readonly Statement _many;
    private readonly Statement _one;
    private readonly MessageIds _ids = new();

    /// <summary>Prepares the insert on <paramref name="connection"/>, for messages of the queue <paramref name="queueId"/> sent (and visible) at <paramref name="nowMs"/>.</summary>
    public MessageInsert(SqliteConnection connection, long queueId, long nowMs)
    {
        _database = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        _many = new Statement(_database, RowsPerStatement, queueId, nowMs);
        try
        {
            _one = new Statement(_database, 1, queueId, nowMs);
        }
        catch
        {
            _many.Dispose();
            throw;
        }
    }

    /// <summary>Inserts <paramref name="bodies"/>[<paramref name="which"/>[0]], [<paramref name="which"/>[1]]…, in that order; each body must pass <see cref="MessageRules.Check"/>.</summary>
    public void Insert(IReadOnlyList<string> bodies, ReadOnlySpan<int> which)
    {
        var utf8 = ArrayPool<byte>.Shared.Rent(MessageRules.MaxBodyBytes);
        try
        {
            Span<byte> id = stackalloc byte[MessageIds.TextBytes];
            var next = 0;
            while (next < which.Length)
            {
                var statement = which.Length - next >= RowsPerStatement ? _many : _one;
                for (var row = 0; row < statement.Rows; row++)
                {
                    var length = Encoding.UTF8.GetBytes(bodies[which[next++]], utf8);
                    statement.Bind(row, id[.._ids.Next(id)], utf8.AsSpan(0, length));
                }

                statement.Run();
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(utf8);
        }
    }

    public void Dispose()
    {
        _many.Dispose();
        _one.Dispose();
    }

    private static void Check(sqlite3 database, int result)
    {
        if (result != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(result, database);
        }
    }

    /// <summary>An INSERT of <see cref="Rows"/> messages; the queue and the time are bound once, each row's id and body for each run (SQLite copies them).</summary>
    private sealed class Statement : IDisposable
    {
        private readonly sqlite3 _database;
        private readonly sqlite3_stmt _statement;

        public Statement(sqlite3 database, int rows, long queueId, long nowMs)
        {
            _database = database;
            Rows = rows;
            var sql = new StringBuilder("INSERT INTO messages (queue_id, message_id, body, visible_at_ms, receive_count, receipt, sent_ms) VALUES ");
            for (var row = 0; row < rows; row++)
            {
                sql.Append(row == 0 ? "" : ", ").Append($"(?1, ?{IdParameter(row)}, ?{IdParameter(row) + 1}, ?2, 0, NULL, ?2)");
            }

            Check(database, raw.sqlite3_prepare_v2(database, sql.ToString(), out _statement));
            try
            {
                Check(database, raw.sqlite3_bind_int64(_statement, 1, queueId));
                Check(database, raw.sqlite3_bind_int64(_statement, 2, nowMs));
            }
            catch
            {
                _statement.Dispose();
                throw;
            }
        }

        public int Rows { get; }

        public void Bind(int row, ReadOnlySpan<byte> messageId, ReadOnlySpan<byte> body)
        {
            Check(_database, raw.sqlite3_bind_text(_statement, IdParameter(row), messageId));
            Check(_database, raw.sqlite3_bind_text(_statement, IdParameter(row) + 1, body));
        }

        public void Run()
        {
            var done = raw.sqlite3_step(_statement);
            var reset = raw.sqlite3_reset(_statement);
            if (done != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(reset != raw.SQLITE_OK ? reset : done, _database);
            }
        }

        public void Dispose() => _statement.Dispose();

        private static int IdParameter(int row) => 3 + (2 * row);
    }
}

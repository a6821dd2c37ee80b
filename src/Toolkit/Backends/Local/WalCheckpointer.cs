using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Fleetbook.Backends.Local;

/// <summary>
/// Copies a queue database's write-ahead log into the database on a thread of its own while a sender goes on inserting.
/// SQLite checkpoints in the commit that fills the log past its limit, so a sender of many messages spent about a sixth
/// of its time copying pages instead of inserting; with <see cref="TakeOver"/> its commits leave that to this. Nothing
/// about durability changes: a committed transaction is in the log, and a checkpoint is safe to stop at any point.
/// </summary>
internal sealed class WalCheckpointer(string databasePath)
{
    private static readonly ConcurrentDictionary<string, WalCheckpointer> ByPath = new(StringComparer.Ordinal);

    private readonly string _databasePath = databasePath;
    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = databasePath,
        Mode = SqliteOpenMode.ReadWrite, // never creates a database that was removed meanwhile
        Pooling = true,
    }.ToString();

    private int _requested;
    private int _running;

    /// <summary>The one checkpointer of this process for the database at <paramref name="databasePath"/> (a full path), so that its checkpoints run one at a time.</summary>
    public static WalCheckpointer For(string databasePath) => ByPath.GetOrAdd(databasePath, path => new WalCheckpointer(path));

    /// <summary>Turns <paramref name="connection"/>'s own checkpoints off until the result is disposed, which restores them.</summary>
    public static IDisposable TakeOver(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_autocheckpoint";
        var pages = Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        command.CommandText = "PRAGMA wal_autocheckpoint = 0";
        command.ExecuteNonQuery();
        return new Restore(connection, pages);
    }

    /// <summary>Asks for a checkpoint of what is committed now; it runs on the thread pool, one at a time.</summary>
    public void Request()
    {
        Volatile.Write(ref _requested, 1);
        if (Interlocked.CompareExchange(ref _running, 1, 0) == 0)
        {
            _ = Task.Run(Run);
        }
    }

    private void Run()
    {
        try
        {
            while (Interlocked.Exchange(ref _requested, 0) == 1)
            {
                Checkpoint();
            }
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }

        // A request made after the loop found none and before it said so would otherwise wait for the next one.
        if (Volatile.Read(ref _requested) == 1 && Interlocked.CompareExchange(ref _running, 1, 0) == 0)
        {
            Run();
        }
    }

    private void Checkpoint()
    {
        if (!File.Exists(_databasePath))
        {
            return;
        }

        try
        {
            using var connection = new SqliteConnection(_connectionString);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)"; // waits for no one and holds up no one
            command.ExecuteNonQuery();
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
        {
            // Best effort: a checkpoint not made here is made by the next commit that fills the log.
        }
    }

    private sealed class Restore(SqliteConnection connection, long pages) : IDisposable
    {
        public void Dispose()
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA wal_autocheckpoint = {pages}";
            command.ExecuteNonQuery();
        }
    }
}

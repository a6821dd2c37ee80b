using Microsoft.Data.Sqlite;

namespace Fleetbook.Backends.Local;

/// <summary>
/// Opens connections to a run's <c>queue.db</c> with the settings every process sharing the file relies on:
/// WAL (readers never block the writer), a busy timeout (writers queue up instead of failing) and pooling.
/// </summary>
/// <remarks>
/// A database that was never there is created on first use. One that was there and is gone, emptied or damaged is
/// reported (<see cref="StateDatabaseException"/>) rather than silently re-created: once the file has been opened, a
/// marker beside it (<c>queue.db.created</c>) remembers that it existed. Every open checks the file first (one stat),
/// which is how a long-running worker notices that its database was deleted: pooled connections would otherwise
/// carry on with the deleted file. For the same reason an instance lets go of the process's pooled connections to the
/// path before its first use and when it creates the file: they may hold a file that has since been deleted or
/// replaced (a demo resetting its folder, a notebook whose run folder was set up again), and SQLite would go on
/// reading and writing that one.
/// </remarks>
internal sealed class SqliteDatabase
{
    public const string MarkerSuffix = ".created";

    private const int BusyTimeoutMilliseconds = 10_000;

    /// <summary>The native connections already given their busy wait and <c>PRAGMA synchronous</c> (pooled ones come back).</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SQLitePCL.sqlite3, object> Configured = [];

    private readonly string createConnectionString;
    private readonly string openConnectionString;
    private readonly string schema;
    private readonly bool mayCreate;
    private volatile bool schemaReady;
    private long markerStamp; // the marker's write time when this instance first used the file: a new marker means a new file

    static SqliteDatabase() => SqliteNativeLibrary.EnsureResolvable();

    /// <param name="path">The database file.</param>
    /// <param name="schema">Idempotent DDL (<c>CREATE ... IF NOT EXISTS</c>) run once per instance before first use.</param>
    /// <param name="mayCreate">False for a worker: the database must be there already, and a missing one is lost, marker or not.</param>
    public SqliteDatabase(string path, string schema, bool mayCreate = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        this.schema = schema;
        this.mayCreate = mayCreate;
        createConnectionString = ConnectionString(SqliteOpenMode.ReadWriteCreate);
        openConnectionString = ConnectionString(SqliteOpenMode.ReadWrite);
    }

    public string Path { get; }

    /// <summary>Beside the database once it has been opened: its absence later means the database was lost, not never made.</summary>
    public string MarkerPath => Path + MarkerSuffix;

    /// <summary>
    /// Whether the database is there: false when it was never made (or, for <paramref name="setup"/>, when it is missing:
    /// setup is how a lost database is made again). Throws <see cref="StateDatabaseException"/> when it was made and is
    /// now missing, is an empty file, or was replaced by another since this instance first used it.
    /// </summary>
    public bool Exists(bool setup = false)
    {
        var file = new FileInfo(Path);
        var marker = new FileInfo(MarkerPath);
        if (!file.Exists)
        {
            return (marker.Exists && !setup) || !mayCreate ? throw StateDatabaseException.Missing(Path) : false;
        }

        // SQLite writes the header with the first transaction; a 0-byte file without the marker is one being created now.
        if (file.Length == 0 && marker.Exists)
        {
            throw StateDatabaseException.Empty(Path);
        }

        var stamp = Interlocked.Read(ref markerStamp);
        if (stamp != 0 && marker.Exists && marker.LastWriteTimeUtc.Ticks != stamp)
        {
            throw StateDatabaseException.Replaced(Path);
        }

        return true;
    }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken, bool setup = false)
    {
        var existed = Exists(setup);
        if (!existed && System.IO.Path.GetDirectoryName(Path) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }

        if (!schemaReady || !existed)
        {
            ReleasePooledConnections();
        }

        var connection = new SqliteConnection(existed ? openConnectionString : createConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);

            if (connection.Handle is { } handle && !Configured.TryGetValue(handle, out _))
            {
                // Per native connection; a pooled one comes back with both still set (Microsoft.Data.Sqlite touches neither).
                SqliteBusyWait.Install(connection, BusyTimeoutMilliseconds);
                Execute(connection, "PRAGMA synchronous = NORMAL;");
                Configured.TryAdd(handle, true);
            }

            if (!schemaReady || !existed)
            {
                // journal_mode is stored in the file; it cannot change inside a transaction.
                Execute(connection, "PRAGMA journal_mode = WAL;");
                using (var transaction = connection.BeginTransaction(deferred: false))
                {
                    Execute(connection, schema, transaction);
                    transaction.Commit();
                }

                schemaReady = true;
                WriteMarker(newFile: !existed);
            }

            return connection;
        }
        catch (SqliteException ex) when (IsDamage(ex))
        {
            await connection.DisposeAsync();
            throw StateDatabaseException.Damaged(Path, ex);
        }
        catch (SqliteException) when (existed && !File.Exists(Path))
        {
            await connection.DisposeAsync();
            throw StateDatabaseException.Missing(Path);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs <paramref name="work"/> on a connection of its own; a damaged file is reported as such, with its path and the fix.</summary>
    public async Task<T> UseAsync<T>(Func<SqliteConnection, Task<T>> work, CancellationToken cancellationToken, bool setup = false)
    {
        try
        {
            await using var connection = await OpenAsync(cancellationToken, setup);
            return await work(connection);
        }
        catch (SqliteException ex) when (IsDamage(ex))
        {
            throw StateDatabaseException.Damaged(Path, ex);
        }
    }

    public Task<T> Use<T>(Func<SqliteConnection, T> work, CancellationToken cancellationToken, bool setup = false) =>
        UseAsync(connection => Task.FromResult(work(connection)), cancellationToken, setup);

    public static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// Closes this process's idle pooled connections to the file (one pool per connection string) and keeps those in use
    /// from going back to a pool, so the next open sees the file now at the path.
    /// </summary>
    public void ReleasePooledConnections()
    {
        foreach (var connectionString in new[] { openConnectionString, createConnectionString })
        {
            using var connection = new SqliteConnection(connectionString);
            SqliteConnection.ClearPool(connection);
        }
    }

    /// <summary>SQLITE_CORRUPT (11) and SQLITE_NOTADB (26), with their extended codes: the file is not a usable database.</summary>
    private static bool IsDamage(SqliteException ex) => (ex.SqliteErrorCode & 0xff) is 11 or 26;

    /// <summary>
    /// Leaves the marker beside the file: a new one for a file made just now (so processes still holding the old file
    /// learn it was replaced), else the one there (written once, whoever comes first). Remembers its write time.
    /// </summary>
    private void WriteMarker(bool newFile)
    {
        var text = $"{System.IO.Path.GetFileName(Path)} was created here. While this file exists, Fleetbook reports a missing or empty {System.IO.Path.GetFileName(Path)} as lost instead of starting a new one.\n";
        try
        {
            using (var marker = new FileStream(MarkerPath, newFile ? FileMode.Create : FileMode.CreateNew, FileAccess.Write, FileShare.Read))
            {
                marker.Write(System.Text.Encoding.UTF8.GetBytes(text));
            }
        }
        catch (IOException) when (File.Exists(MarkerPath))
        {
            // Written already, by this process or another.
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A read-only folder: the file is still checked for emptiness and damage, only a deletion goes unnoticed.
        }

        var written = new FileInfo(MarkerPath);
        Interlocked.Exchange(ref markerStamp, written.Exists ? written.LastWriteTimeUtc.Ticks : 0);
    }

    private string ConnectionString(SqliteOpenMode mode) => new SqliteConnectionStringBuilder
    {
        DataSource = Path,
        Mode = mode,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();
}

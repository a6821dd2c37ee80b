using Microsoft.Data.Sqlite;

namespace Fleetbook.Backends.Local;

/// <summary>
/// Opens connections to a run's <c>queue.db</c> with the settings every process sharing the file relies on:
/// WAL (readers never block the writer), a busy timeout (writers queue up instead of failing) and pooling.
/// </summary>
internal sealed class SqliteDatabase
{
    private const int BusyTimeoutMilliseconds = 10_000;

    private readonly string connectionString;
    private readonly string schema;
    private volatile bool schemaReady;

    static SqliteDatabase() => SqliteNativeLibrary.EnsureResolvable();

    /// <param name="path">The database file.</param>
    /// <param name="schema">Idempotent DDL (<c>CREATE ... IF NOT EXISTS</c>) run once per instance before first use.</param>
    public SqliteDatabase(string path, string schema)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        this.schema = schema;
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string Path { get; }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!schemaReady)
        {
            var folder = System.IO.Path.GetDirectoryName(Path);
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }

        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);

            // Per connection, and cheap enough to repeat when a pooled connection comes back.
            Execute(connection, $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds}; PRAGMA synchronous = NORMAL;");
            if (!schemaReady)
            {
                // journal_mode is stored in the file; it cannot change inside a transaction.
                Execute(connection, "PRAGMA journal_mode = WAL;");
                using (var transaction = connection.BeginTransaction(deferred: false))
                {
                    Execute(connection, schema, transaction);
                    transaction.Commit();
                }

                schemaReady = true;
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }
}

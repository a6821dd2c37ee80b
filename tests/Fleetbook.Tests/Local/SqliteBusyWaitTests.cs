using System.Diagnostics;
using Fleetbook.Backends.Local;
using Microsoft.Data.Sqlite;

namespace Fleetbook.Tests.Local;

/// <summary>A connection that finds queue.db being written waits in short steps (SqliteBusyWait), and gives up as SQLite's own wait does.</summary>
public sealed class SqliteBusyWaitTests : IDisposable
{
    private const int SqliteBusy = 5;
    private readonly TempFolder folder = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        folder.Dispose();
    }

    [Fact]
    public async Task A_writer_waits_for_the_other_writer_and_goes_on_once_it_commits()
    {
        // Arrange
        var path = folder.File("busy.db");
        using var holder = Open(path);
        Execute(holder, "PRAGMA journal_mode = WAL; CREATE TABLE t (x INTEGER);");
        using var waiter = Open(path);
        var installed = SqliteBusyWait.Install(waiter, patienceMilliseconds: 30_000);
        Execute(holder, "BEGIN IMMEDIATE; INSERT INTO t VALUES (1);");
        var waitsBefore = SqliteBusyWait.Waits;

        // Act
        var writing = Task.Run(() => Execute(waiter, "BEGIN IMMEDIATE; INSERT INTO t VALUES (2); COMMIT;"));
        var watch = Stopwatch.StartNew();
        while (SqliteBusyWait.Waits == waitsBefore && watch.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(5);
        }

        var waitedWhileHeld = SqliteBusyWait.Waits > waitsBefore && !writing.IsCompleted;
        Execute(holder, "COMMIT;");
        await writing.WaitAsync(TimeSpan.FromSeconds(30));

        // Assert
        Assert.Equal(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), installed);
        if (installed)
        {
            Assert.True(waitedWhileHeld, "the second writer did not wait through the busy handler while the first held the database");
        }

        Assert.Equal(2L, Scalar(holder, "SELECT COUNT(*) FROM t"));
    }

    [Fleetbook.Tests.Aws.Worker.LinuxFact]
    public async Task A_pooled_connection_of_the_queue_database_still_waits_when_it_comes_back()
    {
        // Arrange: the first use makes the file (and lets go of pooled connections); the second one's native
        // connection goes back to the pool with the wait installed once
        var database = new SqliteDatabase(folder.File("pooled.db"), "CREATE TABLE IF NOT EXISTS t (x INTEGER);");
        await database.Use(_ => 0, default);
        var first = await database.Use(connection => connection.Handle, default);
        using var holder = Open(database.Path);
        Execute(holder, "BEGIN IMMEDIATE; INSERT INTO t VALUES (1);");
        var waitsBefore = SqliteBusyWait.Waits;

        // Act
        var writing = Task.Run(() => database.Use(connection =>
        {
            Execute(connection, "BEGIN IMMEDIATE; INSERT INTO t VALUES (2); COMMIT;");
            return connection.Handle;
        }, default));
        var watch = Stopwatch.StartNew();
        while (SqliteBusyWait.Waits == waitsBefore && watch.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(5);
        }

        var waitedWhileHeld = SqliteBusyWait.Waits > waitsBefore && !writing.IsCompleted;
        Execute(holder, "COMMIT;");
        var second = await writing.WaitAsync(TimeSpan.FromSeconds(30));

        // Assert
        Assert.Same(first, second);
        Assert.True(waitedWhileHeld, "the pooled connection did not wait through the busy handler");
        Assert.Equal(2L, Scalar(holder, "SELECT COUNT(*) FROM t"));
    }

    [Fact]
    public void A_writer_gives_up_with_sqlite_busy_once_its_patience_is_spent()
    {
        // Arrange
        var path = folder.File("patience.db");
        using var holder = Open(path);
        Execute(holder, "PRAGMA journal_mode = WAL; CREATE TABLE t (x INTEGER); BEGIN IMMEDIATE; INSERT INTO t VALUES (1);");
        using var waiter = Open(path);
        SqliteBusyWait.Install(waiter, patienceMilliseconds: 300);
        var watch = Stopwatch.StartNew();

        // Act
        var result = SQLitePCL.raw.sqlite3_exec(waiter.Handle, "BEGIN IMMEDIATE");
        watch.Stop();

        // Assert
        Assert.Equal(SqliteBusy, result);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(290), $"gave up after {watch.Elapsed.TotalMilliseconds:0} ms, before its 300 ms of patience");
        Execute(holder, "COMMIT;");
    }

    private static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}

using Fleetbook.Backends.Local;
using Microsoft.Data.Sqlite;

namespace Fleetbook.Tests.Local;

/// <summary>A sender's commits leave the write-ahead log's checkpoints to a thread of their own, for the time of the send only.</summary>
public sealed class WalCheckpointerTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        folder.Dispose();
    }

    [Fact]
    public void A_connection_taken_over_makes_no_checkpoints_of_its_own_until_it_is_given_back()
    {
        // Arrange
        using var connection = new SqliteConnection($"Data Source={folder.File("queue.db")}");
        connection.Open();
        Execute(connection, "PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 700;");

        // Act
        long during;
        using (WalCheckpointer.TakeOver(connection))
        {
            during = Pages(connection);
        }

        // Assert
        Assert.Equal((0L, 700L), (during, Pages(connection)));
    }

    [Fact]
    public async Task A_send_of_many_messages_ends_with_its_log_checkpointed_and_its_connection_as_it_was()
    {
        // Arrange: about 8 MB, twice SQLite's log limit
        var service = new SqliteQueueService(folder.File("queue.db"), TimeProvider.System);
        await service.EnsureAsync(new Fleetbook.Queues.QueueSpec("Jobs", 30, "", 0), default);
        var queue = (await service.OpenQueueAsync("Jobs", default))!;
        var bodies = Enumerable.Range(0, 8_000).Select(i => $"{i} " + new string('x', 1000)).ToArray();

        // Act
        var result = await queue.SendBatchAsync(bodies, default);

        // Assert: the checkpoint after the commit copies every frame of the log into the database, on its own
        Assert.Equal(8_000, result.Sent);
        using (var pooled = new SqliteConnection(PooledConnectionString(folder.File("queue.db"))))
        {
            pooled.Open(); // the connection the send used, back in the pool of the queue's connections
            Assert.Equal(1000L, Pages(pooled));
        }

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (LogPagesNotCheckpointed() > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Equal(0, LogPagesNotCheckpointed());
        Assert.Equal(8_000, (await queue.GetCountsAsync(default)).Visible);
    }

    [Fact]
    public async Task A_checkpoint_asked_for_after_its_database_was_removed_does_not_make_it_again()
    {
        // Arrange
        var path = folder.File("gone/queue.db");
        var checkpointer = new WalCheckpointer(path);

        // Act
        checkpointer.Request();
        await Task.Delay(200);

        // Assert
        Assert.False(File.Exists(path));
        Assert.False(Directory.Exists(Path.GetDirectoryName(path)));
    }

    /// <summary>The connection string of the queue's own connections (SqliteDatabase), whose pool the send's connection goes back to.</summary>
    private static string PooledConnectionString(string path) => new SqliteConnectionStringBuilder
    {
        DataSource = Path.GetFullPath(path),
        Mode = SqliteOpenMode.ReadWrite,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();

    private static long Pages(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_autocheckpoint";
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>
    /// Frames in the log not yet copied into the database, read from the log's index (queue.db-shm: the last frame at byte
    /// 16 of its header, the frames copied at byte 96) without checkpointing anything, as any SQLite call would.
    /// </summary>
    private long LogPagesNotCheckpointed()
    {
        using var index = new FileStream(folder.File("queue.db-shm"), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var header = new byte[104];
        index.ReadExactly(header);
        return BitConverter.ToUInt32(header, 16) - (long)BitConverter.ToUInt32(header, 96);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

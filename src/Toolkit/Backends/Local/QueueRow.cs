using Microsoft.Data.Sqlite;

namespace Fleetbook.Backends.Local;

/// <summary>A row of the <c>queues</c> table.</summary>
internal sealed record QueueRow(long Id, string Name, int VisibilitySeconds, string DeadLetterQueue, int MaxReceives)
{
    public static QueueRow? Find(SqliteConnection connection, SqliteTransaction? transaction, string name)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT id, name, visibility_seconds, dead_letter_queue, max_receives FROM queues WHERE name = $name";
        command.Parameters.AddWithValue("$name", name);
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new QueueRow(reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3), reader.GetInt32(4))
            : null;
    }
}

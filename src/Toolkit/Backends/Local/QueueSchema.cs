namespace Fleetbook.Backends.Local;

/// <summary>
/// The queue tables. Times are Unix milliseconds. A message is visible when <c>visible_at_ms</c> has passed and in
/// flight otherwise; <c>receipt</c> holds the token of its latest receive. The dead-letter queue is kept by name
/// and looked up on each receive, so deleting and re-creating it does not break redrive.
/// </summary>
internal static class QueueSchema
{
    public const string Sql = """
        CREATE TABLE IF NOT EXISTS queues (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            visibility_seconds INTEGER NOT NULL,
            dead_letter_queue TEXT NOT NULL,
            max_receives INTEGER NOT NULL,
            created_ms INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS messages (
            id INTEGER PRIMARY KEY,
            queue_id INTEGER NOT NULL,
            message_id TEXT NOT NULL,
            body TEXT NOT NULL,
            visible_at_ms INTEGER NOT NULL,
            receive_count INTEGER NOT NULL,
            receipt TEXT,
            sent_ms INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS messages_by_visibility ON messages (queue_id, visible_at_ms);
        """;
}

namespace Fleetbook.Backends.Local;

/// <summary>
/// The queue tables. Times are Unix milliseconds. A message is visible when <c>visible_at_ms</c> has passed and in
/// flight otherwise; <c>receipt</c> holds the token of its latest receive. The dead-letter queue is kept by name
/// and looked up on each receive, so deleting and re-creating it does not break redrive.
/// <c>queue_sizes</c> holds each queue's number of messages, kept by triggers in the same transaction as every change, so
/// that counting a queue of a million messages reads one row (and the in-flight ones, found by the visibility index)
/// instead of scanning them all. A database made before it existed is counted once, when the table is made.
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
        CREATE TABLE IF NOT EXISTS queue_sizes (
            queue_id INTEGER PRIMARY KEY,
            messages INTEGER NOT NULL
        );
        INSERT INTO queue_sizes (queue_id, messages)
            SELECT queue_id, COUNT(*) FROM messages WHERE NOT EXISTS (SELECT 1 FROM queue_sizes) GROUP BY queue_id;
        CREATE TRIGGER IF NOT EXISTS messages_counted_insert AFTER INSERT ON messages BEGIN
            INSERT INTO queue_sizes (queue_id, messages) VALUES (new.queue_id, 1)
                ON CONFLICT (queue_id) DO UPDATE SET messages = messages + 1;
        END;
        CREATE TRIGGER IF NOT EXISTS messages_counted_delete AFTER DELETE ON messages BEGIN
            UPDATE queue_sizes SET messages = messages - 1 WHERE queue_id = old.queue_id;
        END;
        CREATE TRIGGER IF NOT EXISTS messages_counted_move AFTER UPDATE OF queue_id ON messages WHEN old.queue_id <> new.queue_id BEGIN
            UPDATE queue_sizes SET messages = messages - 1 WHERE queue_id = old.queue_id;
            INSERT INTO queue_sizes (queue_id, messages) VALUES (new.queue_id, 1)
                ON CONFLICT (queue_id) DO UPDATE SET messages = messages + 1;
        END;
        """;
}

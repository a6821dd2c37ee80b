using Fleetbook.Journal;
using Fleetbook.Working;

namespace Fleetbook.Backends.Local;

/// <summary>A done job's message deleted and its attempt journaled in one transaction of queue.db: one commit instead of two, and never one without the other.</summary>
internal sealed class SqliteJobCompletion(SqliteJobQueue queue, SqliteJobJournal journal) : IJobCompletion
{
    public Task<bool> CompleteAsync(string receiptHandle, JobAttempt attempt, CancellationToken cancellationToken) =>
        journal.RecordTogetherAsync(attempt, (connection, transaction) => queue.Delete(connection, transaction, receiptHandle), cancellationToken);
}

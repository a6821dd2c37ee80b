using Fleetbook.Journal;

namespace Fleetbook.Working;

/// <summary>
/// Ends a job that is done in one step: deletes its message and journals its attempt together, so that neither can
/// happen without the other (the local backend: one transaction of queue.db, where a delete and a journal write would
/// otherwise be two). Backends without it delete, then journal.
/// </summary>
public interface IJobCompletion
{
    /// <summary>Deletes the message of <paramref name="receiptHandle"/> and records <paramref name="attempt"/>; false when the handle was stale (the attempt is recorded all the same).</summary>
    Task<bool> CompleteAsync(string receiptHandle, JobAttempt attempt, CancellationToken cancellationToken);
}

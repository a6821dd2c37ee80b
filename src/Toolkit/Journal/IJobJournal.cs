namespace Fleetbook.Journal;

/// <summary>Where workers record each attempt, so that <c>dlq list</c> and status can say what happened.</summary>
public interface IJobJournal
{
    /// <summary>Records an attempt (insert, or replace the attempt with the same message id and number).</summary>
    Task RecordAsync(JobAttempt attempt, CancellationToken cancellationToken);

    Task<IReadOnlyList<JobAttempt>> AttemptsAsync(string messageId, CancellationToken cancellationToken);

    Task<JournalCounts> CountsAsync(CancellationToken cancellationToken);

    /// <summary>Every attempt, oldest first (for reports).</summary>
    IAsyncEnumerable<JobAttempt> AllAsync(CancellationToken cancellationToken);
}

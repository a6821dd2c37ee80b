namespace Fleetbook.Queues;

/// <summary>One queue with SQS semantics: visibility timeout, receipt handles, receive counts, dead-letter redrive.</summary>
public interface IJobQueue
{
    string Name { get; }

    /// <summary>The value workers receive as SQS_QUEUE_URL.</summary>
    string Url { get; }

    Task<SendResult> SendBatchAsync(IReadOnlyList<string> bodies, CancellationToken cancellationToken);

    /// <summary>Receives up to <paramref name="maxMessages"/>, waiting up to <paramref name="wait"/> for one to become visible (long poll).</summary>
    Task<IReadOnlyList<QueueMessage>> ReceiveAsync(int maxMessages, TimeSpan wait, CancellationToken cancellationToken);

    /// <summary>Deletes a received message; false when the handle is stale (the message was received again since).</summary>
    Task<bool> DeleteAsync(string receiptHandle, CancellationToken cancellationToken);

    /// <summary>Hides the message for <paramref name="visibility"/> from now (0 makes it visible at once); false when the handle is stale.</summary>
    Task<bool> ChangeVisibilityAsync(string receiptHandle, TimeSpan visibility, CancellationToken cancellationToken);

    Task<QueueCounts> GetCountsAsync(CancellationToken cancellationToken);

    /// <summary>Reads up to <paramref name="maxMessages"/> messages without receiving them (for listing dead letters).</summary>
    Task<IReadOnlyList<QueueMessage>> PeekAsync(int maxMessages, CancellationToken cancellationToken);
}

/// <summary>Creates, finds and removes queues.</summary>
public interface IQueueService
{
    /// <summary>Creates the dead-letter queue and the job queue, or brings an existing queue's attributes up to date.</summary>
    Task<QueueInfo> EnsureAsync(QueueSpec spec, CancellationToken cancellationToken);

    /// <summary>The queue, or null when it does not exist.</summary>
    Task<IJobQueue?> OpenAsync(string name, CancellationToken cancellationToken);

    /// <summary>Deletes the queue; false when it did not exist.</summary>
    Task<bool> DeleteAsync(string name, CancellationToken cancellationToken);
}

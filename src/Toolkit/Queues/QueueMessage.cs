namespace Fleetbook.Queues;

/// <summary>A received message: its stable id, its body, the handle of this receive and how often it has been received.</summary>
public sealed record QueueMessage(string MessageId, string Body, string ReceiptHandle, int ReceiveCount);

/// <summary>SQS's ApproximateNumberOfMessages and ApproximateNumberOfMessagesNotVisible.</summary>
public sealed record QueueCounts(long Visible, long InFlight)
{
    public long Total => Visible + InFlight;
}

/// <summary>A message that could not be sent, with the reason the queue gave.</summary>
public sealed record SendFailure(int Index, string Code, string Message);

public sealed record SendResult(int Sent, IReadOnlyList<SendFailure> Failures);

/// <summary>What a queue is created with: SQS_QUEUE_NAME, SQS_MESSAGE_VISIBILITY, SQS_DEAD_LETTER_QUEUE, JOB_RETRIES.</summary>
public sealed record QueueSpec(string Name, int VisibilitySeconds, string DeadLetterQueue, int MaxReceives);

/// <summary>What exists of a queue after setup, and whether setup had to create or change it.</summary>
public sealed record QueueInfo(string Name, string Url, bool Created, bool Updated);

using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Text;
using Fleetbook.Backends.Local;
using Fleetbook.Queues;

namespace Fleetbook.Backends.Aws.Sqs;

/// <summary>How an <see cref="SqsJobQueue"/> sends and peeks.</summary>
public sealed record SqsJobQueueOptions
{
    /// <summary>
    /// SendMessageBatch calls in flight at once while submitting. Submitting is latency-bound against AWS and
    /// CPU-bound on loopback; 16 beat 8 in both (bench/README.md, aws-submit).
    /// </summary>
    public int MaxBatchesInFlight { get; init; } = 16;

    /// <summary>The most body bytes in one SendMessageBatch (SQS's classic limit for the whole batch).</summary>
    public int MaxBatchBytes { get; init; } = 262_144;

    /// <summary>Tries for an entry SQS failed on its own side (SenderFault false); entries it rejected are not retried.</summary>
    public int SendAttempts { get; init; } = 3;

    /// <summary>The pause before the first retry of failed entries; doubled after each.</summary>
    public TimeSpan SendRetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long peeked messages stay hidden before they are made visible again (they are, at the end of the peek).</summary>
    public TimeSpan PeekVisibility { get; init; } = TimeSpan.FromSeconds(30);
}

/// <summary>An SQS queue as an <see cref="IJobQueue"/>.</summary>
public sealed class SqsJobQueue : IJobQueue
{
    /// <summary>SQS's limit on entries per batch and messages per receive.</summary>
    public const int MaxBatchEntries = 10;

    /// <summary>SQS's limit on a long poll.</summary>
    public static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(20);

    private const int MaxVisibilitySeconds = 43_200;
    private static readonly string[] ReceiveAttributes = [SqsAttributeNames.ApproximateReceiveCount];

    private readonly SqsClient _client;
    private readonly SqsJobQueueOptions _options;

    public SqsJobQueue(SqsClient client, string name, string url, SqsJobQueueOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(url);
        _client = client;
        _options = options ?? new SqsJobQueueOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxBatchesInFlight, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.SendAttempts, 1, nameof(options));
        Name = name;
        Url = url;
    }

    public string Name { get; }

    public string Url { get; }

    /// <summary>
    /// Sends in batches of up to 10 (and <see cref="SqsJobQueueOptions.MaxBatchBytes"/>), several batches at once.
    /// Bodies SQS would reject are reported without being sent. If a whole batch call fails (after the connection's
    /// retries), no further batches start; the unsent entries are reported as failures, or the error is thrown when
    /// nothing at all was sent.
    /// </summary>
    public async Task<SendResult> SendBatchAsync(IReadOnlyList<string> bodies, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bodies);
        var failures = new ConcurrentBag<SendFailure>();
        var valid = new List<int>(bodies.Count);
        for (var i = 0; i < bodies.Count; i++)
        {
            if (MessageRules.Check(i, bodies[i]) is { } failure)
            {
                failures.Add(failure);
            }
            else
            {
                valid.Add(i);
            }
        }

        var sent = 0;
        AwsServiceException? stopError = null;
        var unsent = new ConcurrentBag<int>();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.MaxBatchesInFlight, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Pack(valid, bodies), parallel, async (batch, token) =>
        {
            if (Volatile.Read(ref stopError) is not null)
            {
                batch.ForEach(unsent.Add);
                return;
            }

            try
            {
                var (ok, failed) = await SendWithRetriesAsync(batch, bodies, token);
                Interlocked.Add(ref sent, ok);
                failed.ForEach(failures.Add);
            }
            catch (AwsServiceException ex)
            {
                Interlocked.CompareExchange(ref stopError, ex, null);
                batch.ForEach(unsent.Add);
            }
        });

        if (stopError is not null)
        {
            if (sent == 0)
            {
                ExceptionDispatchInfo.Capture(stopError).Throw();
            }

            foreach (var index in unsent)
            {
                failures.Add(new SendFailure(index, stopError.Code, $"Not sent: {stopError.Message}"));
            }
        }

        return new SendResult(sent, failures.OrderBy(f => f.Index).ToList());
    }

    public async Task<IReadOnlyList<QueueMessage>> ReceiveAsync(int maxMessages, TimeSpan wait, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxMessages, MaxBatchEntries);
        ArgumentOutOfRangeException.ThrowIfLessThan(wait, TimeSpan.Zero);
        var result = await _client.ReceiveMessageAsync(
            new ReceiveMessageRequest(Url, maxMessages, WaitSeconds(wait), MessageSystemAttributeNames: ReceiveAttributes),
            cancellationToken);
        return result.Messages.Select(m => new QueueMessage(m.MessageId, m.Body, m.ReceiptHandle, m.ApproximateReceiveCount)).ToList();
    }

    /// <summary>
    /// False when SQS says the handle is no longer valid. SQS often accepts a stale handle silently (the message
    /// stays), so true means "SQS accepted the delete", not always "this receive still owned the message".
    /// </summary>
    public async Task<bool> DeleteAsync(string receiptHandle, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(receiptHandle))
        {
            return false;
        }

        try
        {
            await _client.DeleteMessageAsync(new DeleteMessageRequest(Url, receiptHandle), cancellationToken);
            return true;
        }
        catch (AwsServiceException ex) when (SqsErrors.IsStaleReceipt(ex))
        {
            return false;
        }
    }

    /// <summary>SQS counts visibility in whole seconds: a fraction is rounded up (at most 12 hours).</summary>
    public async Task<bool> ChangeVisibilityAsync(string receiptHandle, TimeSpan visibility, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(visibility, TimeSpan.Zero);
        if (string.IsNullOrEmpty(receiptHandle))
        {
            return false;
        }

        try
        {
            await _client.ChangeMessageVisibilityAsync(new ChangeMessageVisibilityRequest(Url, receiptHandle, VisibilitySeconds(visibility)), cancellationToken);
            return true;
        }
        catch (AwsServiceException ex) when (SqsErrors.IsStaleReceipt(ex))
        {
            return false;
        }
    }

    public async Task<QueueCounts> GetCountsAsync(CancellationToken cancellationToken)
    {
        var attributes = await _client.GetQueueAttributesAsync(
            new GetQueueAttributesRequest(Url, [SqsAttributeNames.ApproximateNumberOfMessages, SqsAttributeNames.ApproximateNumberOfMessagesNotVisible]),
            cancellationToken);
        return new QueueCounts(Count(attributes[SqsAttributeNames.ApproximateNumberOfMessages]), Count(attributes[SqsAttributeNames.ApproximateNumberOfMessagesNotVisible]));
    }

    /// <summary>
    /// SQS has no peek: this receives with a visibility of <see cref="SqsJobQueueOptions.PeekVisibility"/> and then
    /// makes every received message visible again. Receipt handles are empty; receive counts leave out the peek's own.
    /// </summary>
    public async Task<IReadOnlyList<QueueMessage>> PeekAsync(int maxMessages, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        var seen = new Dictionary<string, SqsMessage>(StringComparer.Ordinal);
        var order = new List<string>();
        var handles = new List<string>();
        try
        {
            while (seen.Count < maxMessages)
            {
                var batch = await _client.ReceiveMessageAsync(
                    new ReceiveMessageRequest(Url, Math.Min(MaxBatchEntries, maxMessages - seen.Count), 1, VisibilitySeconds(_options.PeekVisibility), ReceiveAttributes),
                    cancellationToken);
                var added = 0;
                foreach (var message in batch.Messages)
                {
                    handles.Add(message.ReceiptHandle);
                    if (seen.TryAdd(message.MessageId, message))
                    {
                        order.Add(message.MessageId);
                        added++;
                    }
                }

                if (added == 0)
                {
                    break;
                }
            }
        }
        finally
        {
            await ReleaseAsync(handles);
        }

        return order.Take(maxMessages)
            .Select(id => seen[id])
            .Select(m => new QueueMessage(m.MessageId, m.Body, "", Math.Max(0, m.ApproximateReceiveCount - 1)))
            .ToList();
    }

    public override string ToString() => Url;

    internal static int WaitSeconds(TimeSpan wait) =>
        wait <= TimeSpan.Zero ? 0 : (int)Math.Ceiling(Math.Min(wait.TotalSeconds, LongestWait.TotalSeconds));

    internal static int VisibilitySeconds(TimeSpan visibility) =>
        (int)Math.Min(MaxVisibilitySeconds, Math.Ceiling(visibility.TotalSeconds));

    /// <summary>Groups the indexes into batches of at most 10 entries and <see cref="SqsJobQueueOptions.MaxBatchBytes"/> bytes, in order.</summary>
    private List<List<int>> Pack(List<int> indexes, IReadOnlyList<string> bodies)
    {
        var batches = new List<List<int>>(indexes.Count / MaxBatchEntries + 1);
        var current = new List<int>(MaxBatchEntries);
        var bytes = 0;
        foreach (var index in indexes)
        {
            var size = Encoding.UTF8.GetByteCount(bodies[index]);
            if (current.Count == MaxBatchEntries || (current.Count > 0 && bytes + size > _options.MaxBatchBytes))
            {
                batches.Add(current);
                current = new List<int>(MaxBatchEntries);
                bytes = 0;
            }

            current.Add(index);
            bytes += size;
        }

        if (current.Count > 0)
        {
            batches.Add(current);
        }

        return batches;
    }

    private async Task<(int Sent, List<SendFailure> Failed)> SendWithRetriesAsync(List<int> batch, IReadOnlyList<string> bodies, CancellationToken cancellationToken)
    {
        var sent = 0;
        var failed = new List<SendFailure>();
        var pending = batch;
        var delay = _options.SendRetryDelay;
        for (var attempt = 1; pending.Count > 0; attempt++)
        {
            var entries = pending.Select(i => new SendMessageBatchEntry(i.ToString(CultureInfo.InvariantCulture), bodies[i])).ToList();
            var result = await _client.SendMessageBatchAsync(new SendMessageBatchRequest(Url, entries), cancellationToken);
            sent += result.Successful.Count;
            var retry = new List<int>();
            foreach (var failure in result.Failed)
            {
                if (!int.TryParse(failure.Id, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    continue;
                }

                if (!failure.SenderFault && attempt < _options.SendAttempts)
                {
                    retry.Add(index);
                }
                else
                {
                    failed.Add(new SendFailure(index, failure.Code, failure.Message));
                }
            }

            pending = retry;
            if (pending.Count > 0)
            {
                await Task.Delay(delay, cancellationToken);
                delay *= 2;
            }
        }

        return (sent, failed);
    }

    /// <summary>Makes peeked messages visible again, ten at a time; a handle that went stale meanwhile is no loss.</summary>
    private async Task ReleaseAsync(List<string> handles)
    {
        for (var start = 0; start < handles.Count; start += MaxBatchEntries)
        {
            var entries = handles.Skip(start).Take(MaxBatchEntries)
                .Select((handle, i) => new ChangeMessageVisibilityBatchEntry(i.ToString(CultureInfo.InvariantCulture), handle, 0))
                .ToList();
            await _client.ChangeMessageVisibilityBatchAsync(new ChangeMessageVisibilityBatchRequest(Url, entries), CancellationToken.None);
        }
    }

    private static long Count(string? text) =>
        long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : 0;
}

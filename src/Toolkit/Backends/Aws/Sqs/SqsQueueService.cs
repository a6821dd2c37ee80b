using System.Globalization;
using Fleetbook.Backends.Local;
using Fleetbook.Configuration;
using Fleetbook.Inputs;
using Fleetbook.Queues;

namespace Fleetbook.Backends.Aws.Sqs;

/// <summary>
/// Creates, finds and removes SQS queues. Setup follows Distributed-Something's <c>run.py setup</c> (anchors §2.1) but
/// also brings an existing queue's attributes up to date, and tags what it creates.
/// </summary>
public sealed class SqsQueueService : IQueueService
{
    /// <summary>The tag every queue of a run carries, with the run's APP_NAME as its value.</summary>
    public const string RunTag = "fleetbook:run";

    private readonly SqsClient _client;
    private readonly IReadOnlyDictionary<string, string> _tags;
    private readonly SqsJobQueueOptions? _queueOptions;

    /// <param name="client">The SQS client.</param>
    /// <param name="tags">Tags for the queues setup creates or finds (see <see cref="RunTags"/>); none when null.</param>
    /// <param name="queueOptions">Options for the queues <see cref="OpenAsync"/> returns.</param>
    public SqsQueueService(SqsClient client, IReadOnlyDictionary<string, string>? tags = null, SqsJobQueueOptions? queueOptions = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _tags = tags ?? new Dictionary<string, string>();
        _queueOptions = queueOptions;
    }

    public SqsClient Client => _client;

    /// <summary><c>fleetbook:run=&lt;app&gt;</c>.</summary>
    public static IReadOnlyDictionary<string, string> RunTags(string appName) => new Dictionary<string, string> { [RunTag] = appName };

    /// <summary>
    /// Creates the dead-letter queue if it is missing (with SQS's defaults, as DS does), then creates the job queue
    /// with DS's attributes and a redrive policy to it, or compares an existing job queue's attributes and sets those
    /// that differ (<see cref="QueueInfo.Updated"/>). An empty <see cref="QueueSpec.DeadLetterQueue"/> means no redrive. An
    /// existing job queue whose redrive policy names another dead-letter queue is refused before anything is created
    /// (<see cref="InputException"/>): its dead letters would otherwise drop out of sight.
    /// </summary>
    public async Task<QueueInfo> EnsureAsync(QueueSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        QueueNames.Validate(spec.Name, nameof(spec));
        ArgumentOutOfRangeException.ThrowIfNegative(spec.VisibilitySeconds, nameof(spec));
        var deadLetterQueue = spec.DeadLetterQueue ?? "";
        var url = await FindUrlAsync(spec.Name, cancellationToken);
        if (url is not null && deadLetterQueue.Length > 0)
        {
            await RefuseOtherDeadLetterQueueAsync(spec, url, cancellationToken);
        }

        string? deadLetterArn = null;
        if (deadLetterQueue.Length > 0)
        {
            QueueNames.Validate(deadLetterQueue, nameof(spec));
            if (deadLetterQueue == spec.Name)
            {
                throw new ArgumentException($"The queue '{spec.Name}' cannot be its own dead-letter queue.", nameof(spec));
            }

            ArgumentOutOfRangeException.ThrowIfLessThan(spec.MaxReceives, 1, nameof(spec));
            var deadLetterUrl = await FindUrlAsync(deadLetterQueue, cancellationToken)
                ?? (await CreateAsync(deadLetterQueue, null, cancellationToken)).Url;
            deadLetterArn = await ArnAsync(deadLetterUrl, cancellationToken);
        }

        var wanted = JobQueueAttributes.For(spec with { DeadLetterQueue = deadLetterQueue }, deadLetterArn);
        if (url is null)
        {
            var (createdUrl, created) = await CreateAsync(spec.Name, wanted, cancellationToken);
            url = createdUrl;
            if (created)
            {
                return new QueueInfo(spec.Name, url, Created: true, Updated: false);
            }
        }

        var existing = await _client.GetQueueAttributesAsync(new GetQueueAttributesRequest(url, [SqsAttributeNames.All]), cancellationToken);
        var changes = JobQueueAttributes.Differences(wanted, existing.Attributes);
        if (changes.Count > 0)
        {
            await _client.SetQueueAttributesAsync(new SetQueueAttributesRequest(url, changes), cancellationToken);
        }

        if (_tags.Count > 0)
        {
            await _client.TagQueueAsync(new TagQueueRequest(url, _tags), cancellationToken);
        }

        return new QueueInfo(spec.Name, url, Created: false, Updated: changes.Count > 0);
    }

    /// <summary>
    /// A job queue that already sends its dead letters elsewhere (Distributed-Something's own setup made it, with its
    /// SQS_DEAD_LETTER_QUEUE) keeps them there: re-pointing it would hide those dead letters from 'dlq list' and 'dlq
    /// redrive', so setup stops, before it creates or changes anything, and says which name to use.
    /// </summary>
    private async Task RefuseOtherDeadLetterQueueAsync(QueueSpec spec, string url, CancellationToken cancellationToken)
    {
        var attributes = await _client.GetQueueAttributesAsync(new GetQueueAttributesRequest(url, [SqsAttributeNames.RedrivePolicy]), cancellationToken);
        if (RedrivePolicy.Parse(attributes[SqsAttributeNames.RedrivePolicy]) is not { } policy)
        {
            return;
        }

        var current = policy.DeadLetterTargetArn[(policy.DeadLetterTargetArn.LastIndexOf(':') + 1)..];
        if (current == spec.DeadLetterQueue)
        {
            return;
        }

        throw new InputException(new InputProblem(RunConfig.DefaultFileName, null, null, "deadLetterQueue",
            $"the queue {spec.Name} already exists and sends its dead letters to {current} (after {policy.MaxReceiveCount} receives), not to {spec.DeadLetterQueue}; setup changed nothing, so those dead letters stay where 'fleetbook dlq list' can find them once the config names that queue.",
            $"set \"deadLetterQueue\": \"{current}\" in the config (Distributed-Something's SQS_DEAD_LETTER_QUEUE), or give this run another \"queueName\"."));
    }

    public async Task<IJobQueue?> OpenAsync(string name, CancellationToken cancellationToken) =>
        await OpenQueueAsync(name, cancellationToken);

    /// <summary>The queue, or null when it does not exist (or the name is not one SQS allows).</summary>
    public async Task<SqsJobQueue?> OpenQueueAsync(string name, CancellationToken cancellationToken) =>
        QueueNames.IsValid(name) && await FindUrlAsync(name, cancellationToken) is { } url
            ? new SqsJobQueue(_client, name, url, _queueOptions)
            : null;

    /// <summary>Deletes the queue and its messages (not its dead-letter queue); false when it did not exist.</summary>
    public async Task<bool> DeleteAsync(string name, CancellationToken cancellationToken)
    {
        if (!QueueNames.IsValid(name) || await FindUrlAsync(name, cancellationToken) is not { } url)
        {
            return false;
        }

        try
        {
            await _client.DeleteQueueAsync(new DeleteQueueRequest(url), cancellationToken);
            return true;
        }
        catch (AwsServiceException ex) when (SqsErrors.IsQueueMissing(ex))
        {
            return false;
        }
    }

    /// <summary>The queue's URL, or null when it does not exist.</summary>
    public async Task<string?> FindUrlAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            return (await _client.GetQueueUrlAsync(new GetQueueUrlRequest(name), cancellationToken)).QueueUrl;
        }
        catch (AwsServiceException ex) when (SqsErrors.IsQueueMissing(ex))
        {
            return null;
        }
    }

    /// <summary>The queue's ARN (GetQueueAttributes QueueArn).</summary>
    public async Task<string> ArnAsync(string queueUrl, CancellationToken cancellationToken) =>
        (await _client.GetQueueAttributesAsync(new GetQueueAttributesRequest(queueUrl, [SqsAttributeNames.QueueArn]), cancellationToken))[SqsAttributeNames.QueueArn]
        ?? throw new FormatException($"SQS GetQueueAttributes returned no QueueArn for {queueUrl}.");

    /// <summary>
    /// Moves every message of <paramref name="deadLetterQueue"/> back to <paramref name="targetQueue"/>: with an SQS
    /// message move task where the endpoint offers one, else by receiving, sending and deleting ten at a time.
    /// </summary>
    public async Task<SqsRedriveResult> RedriveAsync(string deadLetterQueue, string targetQueue, CancellationToken cancellationToken)
    {
        var source = await OpenQueueAsync(deadLetterQueue, cancellationToken)
            ?? throw new InvalidOperationException($"The dead-letter queue '{deadLetterQueue}' does not exist.");
        var target = await OpenQueueAsync(targetQueue, cancellationToken)
            ?? throw new InvalidOperationException($"The queue '{targetQueue}' does not exist.");
        try
        {
            var task = await _client.StartMessageMoveTaskAsync(
                new StartMessageMoveTaskRequest(await ArnAsync(source.Url, cancellationToken), await ArnAsync(target.Url, cancellationToken)),
                cancellationToken);
            return new SqsRedriveResult(deadLetterQueue, targetQueue, null, task.TaskHandle);
        }
        catch (AwsServiceException ex) when (SqsErrors.IsUnsupported(ex) || ex.StatusCode == 404)
        {
            return new SqsRedriveResult(deadLetterQueue, targetQueue, await MoveByHandAsync(source, target, cancellationToken), null);
        }
    }

    private static async Task<long> MoveByHandAsync(SqsJobQueue source, SqsJobQueue target, CancellationToken cancellationToken)
    {
        long moved = 0;
        while (true)
        {
            var batch = await source.ReceiveAsync(SqsJobQueue.MaxBatchEntries, TimeSpan.FromSeconds(1), cancellationToken);
            if (batch.Count == 0)
            {
                return moved;
            }

            var result = await target.SendBatchAsync(batch.Select(m => m.Body).ToList(), cancellationToken);
            var failed = result.Failures.Select(f => f.Index).ToHashSet();
            for (var i = 0; i < batch.Count; i++)
            {
                if (failed.Contains(i))
                {
                    await source.ChangeVisibilityAsync(batch[i].ReceiptHandle, TimeSpan.Zero, cancellationToken);
                }
                else if (await source.DeleteAsync(batch[i].ReceiptHandle, cancellationToken))
                {
                    moved++;
                }
            }

            if (failed.Count > 0)
            {
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                    $"{failed.Count} message(s) could not be sent back to {target.Name}: {result.Failures[0].Message}"));
            }
        }
    }

    /// <summary>Creates the queue; when another caller created it first, returns its URL with <c>Created</c> false.</summary>
    private async Task<(string Url, bool Created)> CreateAsync(string name, IReadOnlyDictionary<string, string>? attributes, CancellationToken cancellationToken)
    {
        try
        {
            var result = await _client.CreateQueueAsync(new CreateQueueRequest(name, attributes, _tags), cancellationToken);
            return (result.QueueUrl, true);
        }
        catch (AwsServiceException ex) when (SqsErrors.IsQueueNameTaken(ex))
        {
            var url = await FindUrlAsync(name, cancellationToken);
            if (url is null)
            {
                throw;
            }

            return (url, false);
        }
    }
}

/// <summary>
/// What a redrive did: <see cref="Moved"/> messages moved by hand, or a move task started (<see cref="TaskHandle"/>;
/// follow it with ListMessageMoveTasks).
/// </summary>
public sealed record SqsRedriveResult(string DeadLetterQueue, string TargetQueue, long? Moved, string? TaskHandle);

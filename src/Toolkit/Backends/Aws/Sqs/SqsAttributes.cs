using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fleetbook.Queues;

namespace Fleetbook.Backends.Aws.Sqs;

/// <summary>The queue and message attribute names Fleetbook reads or sets.</summary>
public static class SqsAttributeNames
{
    public const string All = "All";
    public const string QueueArn = "QueueArn";
    public const string DelaySeconds = "DelaySeconds";
    public const string MaximumMessageSize = "MaximumMessageSize";
    public const string MessageRetentionPeriod = "MessageRetentionPeriod";
    public const string ReceiveMessageWaitTimeSeconds = "ReceiveMessageWaitTimeSeconds";
    public const string RedrivePolicy = "RedrivePolicy";
    public const string VisibilityTimeout = "VisibilityTimeout";
    public const string ApproximateNumberOfMessages = "ApproximateNumberOfMessages";
    public const string ApproximateNumberOfMessagesNotVisible = "ApproximateNumberOfMessagesNotVisible";
    public const string ApproximateReceiveCount = "ApproximateReceiveCount";
}

/// <summary>A queue's RedrivePolicy attribute: after <see cref="MaxReceiveCount"/> receives a message goes to the dead-letter queue.</summary>
public sealed record RedrivePolicy(string DeadLetterTargetArn, int MaxReceiveCount)
{
    /// <summary>The attribute's value, written as Distributed-Something writes it (maxReceiveCount as a string).</summary>
    public string ToAttribute() => new JsonObject
    {
        ["deadLetterTargetArn"] = DeadLetterTargetArn,
        ["maxReceiveCount"] = MaxReceiveCount.ToString(CultureInfo.InvariantCulture),
    }.ToJsonString();

    /// <summary>Reads the attribute; SQS answers maxReceiveCount as a number, older tools wrote a string. Null when absent or unreadable.</summary>
    public static RedrivePolicy? Parse(string? attribute)
    {
        if (string.IsNullOrWhiteSpace(attribute))
        {
            return null;
        }

        try
        {
            if (JsonNode.Parse(attribute) is not JsonObject json || SqsJson.String(json, "deadLetterTargetArn") is not { } arn)
            {
                return null;
            }

            return SqsJson.Number(json, "maxReceiveCount") is { } count ? new RedrivePolicy(arn, (int)count) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>The attributes Distributed-Something's <c>run.py setup</c> gives a job queue (anchors §2.1).</summary>
public static class JobQueueAttributes
{
    /// <summary>The classic SQS limit, which is also what the local queue enforces, so a message accepted locally is accepted here.</summary>
    public const int MaximumMessageSize = 262_144;

    /// <summary>14 days, the SQS maximum.</summary>
    public const int MessageRetentionPeriod = 1_209_600;

    /// <summary>What the job queue should have; <paramref name="deadLetterArn"/> null means no redrive.</summary>
    public static IReadOnlyDictionary<string, string> For(QueueSpec spec, string? deadLetterArn)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [SqsAttributeNames.DelaySeconds] = "0",
            [SqsAttributeNames.MaximumMessageSize] = Text(MaximumMessageSize),
            [SqsAttributeNames.MessageRetentionPeriod] = Text(MessageRetentionPeriod),
            [SqsAttributeNames.ReceiveMessageWaitTimeSeconds] = "0",
            [SqsAttributeNames.VisibilityTimeout] = Text(spec.VisibilitySeconds),
        };
        if (deadLetterArn is not null)
        {
            attributes[SqsAttributeNames.RedrivePolicy] = new RedrivePolicy(deadLetterArn, spec.MaxReceives).ToAttribute();
        }

        return attributes;
    }

    /// <summary>
    /// The attributes of <paramref name="wanted"/> that <paramref name="existing"/> lacks or holds another value of; the
    /// redrive policy is compared by meaning, not text. A queue that has a redrive policy it should not have gets an
    /// empty RedrivePolicy, which removes it.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Differences(IReadOnlyDictionary<string, string> wanted, IReadOnlyDictionary<string, string> existing)
    {
        var changes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in wanted)
        {
            existing.TryGetValue(name, out var current);
            var same = name == SqsAttributeNames.RedrivePolicy
                ? RedrivePolicy.Parse(value) == RedrivePolicy.Parse(current)
                : string.Equals(value, current, StringComparison.Ordinal);
            if (!same)
            {
                changes[name] = value;
            }
        }

        if (!wanted.ContainsKey(SqsAttributeNames.RedrivePolicy) && RedrivePolicy.Parse(existing.GetValueOrDefault(SqsAttributeNames.RedrivePolicy)) is not null)
        {
            changes[SqsAttributeNames.RedrivePolicy] = "";
        }

        return changes;
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}

using System.Globalization;
using System.Text.Json.Nodes;

namespace Fleetbook.Backends.Aws.Sqs;

/// <summary>One entry of a batch request that SQS did not carry out, with SQS's reason.</summary>
public sealed record SqsBatchFailure(string Id, string Code, string Message, bool SenderFault)
{
    public static SqsBatchFailure FromJson(JsonObject json) => new(
        SqsJson.String(json, "Id") ?? "",
        SqsJson.String(json, "Code") ?? "Unknown",
        SqsJson.String(json, "Message") ?? "",
        SqsJson.Boolean(json, "SenderFault"));
}

public sealed record SendMessageBatchEntry(string Id, string MessageBody, int? DelaySeconds = null)
{
    public JsonObject ToJson() => new JsonObject { ["Id"] = Id, ["MessageBody"] = MessageBody }.With("DelaySeconds", DelaySeconds);
}

public sealed record SendMessageBatchRequest(string QueueUrl, IReadOnlyList<SendMessageBatchEntry> Entries)
{
    public JsonObject ToJson() => new() { ["QueueUrl"] = QueueUrl, ["Entries"] = SqsJson.ToArray(Entries.Select(e => e.ToJson())) };
}

public sealed record SentMessage(string Id, string MessageId);

public sealed record SendMessageBatchResult(IReadOnlyList<SentMessage> Successful, IReadOnlyList<SqsBatchFailure> Failed)
{
    public static SendMessageBatchResult FromJson(JsonObject json) => new(
        SqsJson.Objects(json, "Successful").Select(e => new SentMessage(SqsJson.String(e, "Id") ?? "", SqsJson.String(e, "MessageId") ?? "")).ToList(),
        SqsJson.Objects(json, "Failed").Select(SqsBatchFailure.FromJson).ToList());
}

/// <summary>ReceiveMessage. Null members are left out, so the queue's own defaults apply.</summary>
public sealed record ReceiveMessageRequest(
    string QueueUrl,
    int? MaxNumberOfMessages = null,
    int? WaitTimeSeconds = null,
    int? VisibilityTimeout = null,
    IReadOnlyList<string>? MessageSystemAttributeNames = null)
{
    /// <summary>
    /// The system attributes go out under both names: MessageSystemAttributeNames is the current one and
    /// AttributeNames the deprecated one that older SQS-compatible servers still read.
    /// </summary>
    public JsonObject ToJson() => new JsonObject { ["QueueUrl"] = QueueUrl }
        .With("AttributeNames", MessageSystemAttributeNames is { Count: > 0 } ? SqsJson.ToArray(MessageSystemAttributeNames) : null)
        .With("MessageSystemAttributeNames", MessageSystemAttributeNames is { Count: > 0 } ? SqsJson.ToArray(MessageSystemAttributeNames) : null)
        .With("MaxNumberOfMessages", MaxNumberOfMessages)
        .With("WaitTimeSeconds", WaitTimeSeconds)
        .With("VisibilityTimeout", VisibilityTimeout);
}

/// <summary>A received message with its system attributes (ApproximateReceiveCount, SentTimestamp, …).</summary>
public sealed record SqsMessage(string MessageId, string ReceiptHandle, string Body, IReadOnlyDictionary<string, string> Attributes)
{
    /// <summary>How often the message has been received, this receive included (0 when it was not asked for).</summary>
    public int ApproximateReceiveCount =>
        Attributes.TryGetValue(SqsAttributeNames.ApproximateReceiveCount, out var text) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) ? count : 0;

    public static SqsMessage FromJson(JsonObject json) => new(
        SqsJson.String(json, "MessageId") ?? "",
        SqsJson.String(json, "ReceiptHandle") ?? "",
        SqsJson.String(json, "Body") ?? "",
        SqsJson.StringMap(json, "Attributes"));
}

public sealed record ReceiveMessageResult(IReadOnlyList<SqsMessage> Messages)
{
    public static ReceiveMessageResult FromJson(JsonObject json) => new(SqsJson.Objects(json, "Messages").Select(SqsMessage.FromJson).ToList());
}

public sealed record DeleteMessageRequest(string QueueUrl, string ReceiptHandle)
{
    public JsonObject ToJson() => new() { ["QueueUrl"] = QueueUrl, ["ReceiptHandle"] = ReceiptHandle };
}

public sealed record DeleteMessageBatchEntry(string Id, string ReceiptHandle)
{
    public JsonObject ToJson() => new() { ["Id"] = Id, ["ReceiptHandle"] = ReceiptHandle };
}

public sealed record DeleteMessageBatchRequest(string QueueUrl, IReadOnlyList<DeleteMessageBatchEntry> Entries)
{
    public JsonObject ToJson() => new() { ["QueueUrl"] = QueueUrl, ["Entries"] = SqsJson.ToArray(Entries.Select(e => e.ToJson())) };
}

public sealed record ChangeMessageVisibilityRequest(string QueueUrl, string ReceiptHandle, int VisibilityTimeout)
{
    public JsonObject ToJson() => new() { ["QueueUrl"] = QueueUrl, ["ReceiptHandle"] = ReceiptHandle, ["VisibilityTimeout"] = SqsJson.Integer(VisibilityTimeout) };
}

public sealed record ChangeMessageVisibilityBatchEntry(string Id, string ReceiptHandle, int VisibilityTimeout)
{
    public JsonObject ToJson() => new() { ["Id"] = Id, ["ReceiptHandle"] = ReceiptHandle, ["VisibilityTimeout"] = SqsJson.Integer(VisibilityTimeout) };
}

public sealed record ChangeMessageVisibilityBatchRequest(string QueueUrl, IReadOnlyList<ChangeMessageVisibilityBatchEntry> Entries)
{
    public JsonObject ToJson() => new() { ["QueueUrl"] = QueueUrl, ["Entries"] = SqsJson.ToArray(Entries.Select(e => e.ToJson())) };
}

/// <summary>The answer to DeleteMessageBatch and ChangeMessageVisibilityBatch: the ids that worked and those that did not.</summary>
public sealed record SqsBatchResult(IReadOnlyList<string> Successful, IReadOnlyList<SqsBatchFailure> Failed)
{
    public static SqsBatchResult FromJson(JsonObject json) => new(
        SqsJson.Objects(json, "Successful").Select(e => SqsJson.String(e, "Id") ?? "").ToList(),
        SqsJson.Objects(json, "Failed").Select(SqsBatchFailure.FromJson).ToList());
}

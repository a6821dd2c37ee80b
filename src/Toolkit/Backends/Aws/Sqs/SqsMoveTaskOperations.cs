using System.Text.Json.Nodes;

namespace Fleetbook.Backends.Aws.Sqs;

/// <summary>StartMessageMoveTask: SQS moves a dead-letter queue's messages back (to their source queues when no destination is given).</summary>
public sealed record StartMessageMoveTaskRequest(string SourceArn, string? DestinationArn = null, int? MaxNumberOfMessagesPerSecond = null)
{
    public JsonObject ToJson() => new JsonObject { ["SourceArn"] = SourceArn }
        .With("DestinationArn", DestinationArn)
        .With("MaxNumberOfMessagesPerSecond", MaxNumberOfMessagesPerSecond);
}

public sealed record StartMessageMoveTaskResult(string TaskHandle)
{
    public static StartMessageMoveTaskResult FromJson(JsonObject json) => new(SqsJson.String(json, "TaskHandle") ?? "");
}

public sealed record ListMessageMoveTasksRequest(string SourceArn, int? MaxResults = null)
{
    public JsonObject ToJson() => new JsonObject { ["SourceArn"] = SourceArn }.With("MaxResults", MaxResults);
}

/// <summary>One move task; <see cref="Status"/> is RUNNING, COMPLETED, CANCELLING, CANCELLED or FAILED.</summary>
public sealed record MessageMoveTask(
    string? TaskHandle,
    string Status,
    string SourceArn,
    string? DestinationArn,
    long ApproximateNumberOfMessagesMoved,
    long? ApproximateNumberOfMessagesToMove,
    string? FailureReason)
{
    public static MessageMoveTask FromJson(JsonObject json) => new(
        SqsJson.String(json, "TaskHandle"),
        SqsJson.String(json, "Status") ?? "",
        SqsJson.String(json, "SourceArn") ?? "",
        SqsJson.String(json, "DestinationArn"),
        SqsJson.Number(json, "ApproximateNumberOfMessagesMoved") ?? 0,
        SqsJson.Number(json, "ApproximateNumberOfMessagesToMove"),
        SqsJson.String(json, "FailureReason"));
}

public sealed record ListMessageMoveTasksResult(IReadOnlyList<MessageMoveTask> Results)
{
    public static ListMessageMoveTasksResult FromJson(JsonObject json) => new(SqsJson.Objects(json, "Results").Select(MessageMoveTask.FromJson).ToList());
}

using System.Text.Json.Serialization;

namespace Fleetbook.Backends.Aws.Services.Logs;

/// <summary>
/// CreateExportTask: copies a group's events between <paramref name="From"/> and <paramref name="To"/> to
/// <c>s3://<paramref name="Destination"/>/<paramref name="DestinationPrefix"/></c>. The bucket must allow CloudWatch Logs
/// to write to it (DCP#144); one export runs at a time per account.
/// </summary>
public sealed record CreateExportTaskRequest(
    string LogGroupName,
    [property: JsonConverter(typeof(EpochMillisecondsConverter))] DateTimeOffset From,
    [property: JsonConverter(typeof(EpochMillisecondsConverter))] DateTimeOffset To,
    string Destination,
    string? DestinationPrefix = null,
    string? TaskName = null,
    string? LogStreamNamePrefix = null);

public sealed record CreateExportTaskResponse
{
    public string? TaskId { get; init; }
}

/// <summary>DescribeExportTasks: one task by id, or the tasks in one status.</summary>
public sealed record DescribeExportTasksRequest(string? TaskId = null, ExportTaskStatusCode? StatusCode = null, string? NextToken = null, int? Limit = null);

public sealed record DescribeExportTasksResponse
{
    public IReadOnlyList<ExportTask> ExportTasks { get; init; } = [];

    public string? NextToken { get; init; }
}

/// <summary>An export of a log group to S3 and how far it got.</summary>
public sealed record ExportTask
{
    public string? TaskId { get; init; }

    public string? TaskName { get; init; }

    public string? LogGroupName { get; init; }

    [JsonConverter(typeof(EpochMillisecondsConverter))]
    public DateTimeOffset? From { get; init; }

    [JsonConverter(typeof(EpochMillisecondsConverter))]
    public DateTimeOffset? To { get; init; }

    public string? Destination { get; init; }

    public string? DestinationPrefix { get; init; }

    public ExportTaskStatus? Status { get; init; }
}

/// <summary>An export's status and, when it failed, why.</summary>
public sealed record ExportTaskStatus
{
    public ExportTaskStatusCode? Code { get; init; }

    public string? Message { get; init; }

    /// <summary>PENDING or RUNNING: poll again.</summary>
    [JsonIgnore]
    public bool IsUnderway => Code is ExportTaskStatusCode.Pending or ExportTaskStatusCode.Running or ExportTaskStatusCode.PendingCancel;
}

/// <summary>CloudWatch Logs <c>ExportTaskStatusCode</c>.</summary>
public enum ExportTaskStatusCode
{
    [JsonStringEnumMemberName("CANCELLED")] Cancelled,
    [JsonStringEnumMemberName("COMPLETED")] Completed,
    [JsonStringEnumMemberName("FAILED")] Failed,
    [JsonStringEnumMemberName("PENDING")] Pending,
    [JsonStringEnumMemberName("PENDING_CANCEL")] PendingCancel,
    [JsonStringEnumMemberName("RUNNING")] Running,
}

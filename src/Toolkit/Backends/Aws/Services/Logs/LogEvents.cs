using System.Text.Json.Serialization;

namespace Fleetbook.Backends.Aws.Services.Logs;

/// <summary>CreateLogStream: a stream in a group, e.g. one per job.</summary>
public sealed record CreateLogStreamRequest(string LogGroupName, string LogStreamName);

public sealed record CreateLogStreamResponse;

/// <summary>PutLogEvents: up to 10,000 events in time order into one stream.</summary>
public sealed record PutLogEventsRequest(string LogGroupName, string LogStreamName, IReadOnlyList<InputLogEvent> LogEvents);

public sealed record PutLogEventsResponse
{
    public RejectedLogEventsInfo? RejectedLogEventsInfo { get; init; }
}

/// <summary>One event to write.</summary>
public sealed record InputLogEvent(
    [property: JsonConverter(typeof(EpochMillisecondsConverter))] DateTimeOffset Timestamp,
    string Message);

/// <summary>Which events of a PutLogEvents batch were refused for being too new, too old or past retention.</summary>
public sealed record RejectedLogEventsInfo
{
    public int? TooNewLogEventStartIndex { get; init; }

    public int? TooOldLogEventEndIndex { get; init; }

    public int? ExpiredLogEventEndIndex { get; init; }
}

/// <summary>
/// GetLogEvents: one page of one stream's events. Pass <paramref name="NextToken"/> from
/// <see cref="GetLogEventsResponse.NextForwardToken"/> to read on; the same token coming back means the end.
/// </summary>
public sealed record GetLogEventsRequest(
    string LogStreamName,
    string? LogGroupName = null,
    [property: JsonConverter(typeof(EpochMillisecondsConverter))] DateTimeOffset? StartTime = null,
    [property: JsonConverter(typeof(EpochMillisecondsConverter))] DateTimeOffset? EndTime = null,
    bool? StartFromHead = null,
    string? NextToken = null,
    int? Limit = null);

public sealed record GetLogEventsResponse
{
    public IReadOnlyList<OutputLogEvent> Events { get; init; } = [];

    public string? NextForwardToken { get; init; }

    public string? NextBackwardToken { get; init; }
}

/// <summary>One event read back from a stream.</summary>
public sealed record OutputLogEvent
{
    [JsonConverter(typeof(EpochMillisecondsConverter))]
    public DateTimeOffset? Timestamp { get; init; }

    public string? Message { get; init; }

    [JsonConverter(typeof(EpochMillisecondsConverter))]
    public DateTimeOffset? IngestionTime { get; init; }
}

/// <summary>FilterLogEvents: one page of the events of a group (all streams, some, or a prefix) that match a pattern.</summary>
public sealed record FilterLogEventsRequest(
    string? LogGroupName = null,
    IReadOnlyList<string>? LogStreamNames = null,
    string? LogStreamNamePrefix = null,
    [property: JsonConverter(typeof(EpochMillisecondsConverter))] DateTimeOffset? StartTime = null,
    [property: JsonConverter(typeof(EpochMillisecondsConverter))] DateTimeOffset? EndTime = null,
    string? FilterPattern = null,
    string? NextToken = null,
    int? Limit = null);

public sealed record FilterLogEventsResponse
{
    public IReadOnlyList<FilteredLogEvent> Events { get; init; } = [];

    public string? NextToken { get; init; }
}

/// <summary>One matching event and the stream it is in.</summary>
public sealed record FilteredLogEvent
{
    public string? LogStreamName { get; init; }

    [JsonConverter(typeof(EpochMillisecondsConverter))]
    public DateTimeOffset? Timestamp { get; init; }

    public string? Message { get; init; }

    [JsonConverter(typeof(EpochMillisecondsConverter))]
    public DateTimeOffset? IngestionTime { get; init; }

    public string? EventId { get; init; }
}

using System.Text.Json.Serialization;

namespace Fleetbook.Backends.Aws.Services.Logs;

/// <summary>CreateLogGroup: a log group, tagged at creation (CloudWatch Logs takes tags as a map).</summary>
public sealed record CreateLogGroupRequest(string LogGroupName, IReadOnlyDictionary<string, string>? Tags = null, string? KmsKeyId = null);

public sealed record CreateLogGroupResponse;

/// <summary>PutRetentionPolicy: how many days events are kept (Distributed-Something uses 60).</summary>
public sealed record PutRetentionPolicyRequest(string LogGroupName, int RetentionInDays);

public sealed record PutRetentionPolicyResponse;

/// <summary>DescribeLogGroups: one page of log groups, e.g. those whose name starts with the run's log group.</summary>
public sealed record DescribeLogGroupsRequest(string? LogGroupNamePrefix = null, string? NextToken = null, int? Limit = null);

public sealed record DescribeLogGroupsResponse
{
    public IReadOnlyList<LogGroup> LogGroups { get; init; } = [];

    public string? NextToken { get; init; }
}

/// <summary>DeleteLogGroup: the group and every event in it.</summary>
public sealed record DeleteLogGroupRequest(string LogGroupName);

public sealed record DeleteLogGroupResponse;

/// <summary>TagResource: adds tags to a log group by its ARN (without the trailing <c>:*</c>).</summary>
public sealed record TagResourceRequest(string ResourceArn, IReadOnlyDictionary<string, string> Tags);

public sealed record TagResourceResponse;

/// <summary>A log group: its ARN, retention and size.</summary>
public sealed record LogGroup
{
    public string? LogGroupName { get; init; }

    /// <summary>The ARN ending in <c>:*</c>.</summary>
    public string? Arn { get; init; }

    /// <summary>The ARN without the trailing <c>:*</c>, what TagResource takes.</summary>
    public string? LogGroupArn { get; init; }

    [JsonConverter(typeof(EpochMillisecondsConverter))]
    public DateTimeOffset? CreationTime { get; init; }

    /// <summary>Null when events never expire.</summary>
    public int? RetentionInDays { get; init; }

    public long StoredBytes { get; init; }
}

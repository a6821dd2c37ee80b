namespace Fleetbook.Backends.Aws.Services.CloudWatch;

/// <summary>
/// PutMetricAlarm: creates or replaces the alarm named <paramref name="AlarmName"/>, which watches one metric and acts
/// when <paramref name="Statistic"/> over <paramref name="Period"/> seconds compares to <paramref name="Threshold"/> by
/// <paramref name="ComparisonOperator"/> for <paramref name="EvaluationPeriods"/> periods. See
/// <see cref="MetricAlarms.IdleInstance"/> and <see cref="MetricAlarms.QueueIsEmpty"/> for the alarms of a run.
/// </summary>
public sealed record PutMetricAlarmRequest(
    string AlarmName,
    string Namespace,
    string MetricName,
    MetricStatistic Statistic,
    int Period,
    int EvaluationPeriods,
    double Threshold,
    ComparisonOperator ComparisonOperator,
    IReadOnlyList<Dimension>? Dimensions = null,
    int? DatapointsToAlarm = null,
    TreatMissingData? TreatMissingData = null,
    bool? ActionsEnabled = null,
    IReadOnlyList<string>? AlarmActions = null,
    IReadOnlyList<string>? OKActions = null,
    IReadOnlyList<string>? InsufficientDataActions = null,
    string? AlarmDescription = null,
    IReadOnlyList<AwsTag>? Tags = null);

public sealed record PutMetricAlarmResponse;

/// <summary>DeleteAlarms: up to 100 alarms by name; names that do not exist are ignored.</summary>
public sealed record DeleteAlarmsRequest(IReadOnlyList<string> AlarmNames)
{
    /// <summary>The most names one call takes.</summary>
    public const int MaxAlarmNames = 100;
}

public sealed record DeleteAlarmsResponse;

/// <summary>DescribeAlarms: one page of metric alarms, by names or by prefix (e.g. <c>APP_NAME</c>), optionally in one state.</summary>
public sealed record DescribeAlarmsRequest(
    IReadOnlyList<string>? AlarmNames = null,
    string? AlarmNamePrefix = null,
    AlarmState? StateValue = null,
    string? ActionPrefix = null,
    string? NextToken = null,
    int? MaxRecords = null);

public sealed record DescribeAlarmsResponse
{
    public IReadOnlyList<MetricAlarm> MetricAlarms { get; init; } = [];

    public string? NextToken { get; init; }
}

/// <summary>A metric alarm: what it watches, its state and what it does.</summary>
public sealed record MetricAlarm
{
    public string? AlarmName { get; init; }

    public string? AlarmArn { get; init; }

    public string? AlarmDescription { get; init; }

    public AlarmState? StateValue { get; init; }

    public string? StateReason { get; init; }

    public DateTimeOffset? StateUpdatedTimestamp { get; init; }

    public string? Namespace { get; init; }

    public string? MetricName { get; init; }

    public IReadOnlyList<Dimension> Dimensions { get; init; } = [];

    public string? Statistic { get; init; }

    public int? Period { get; init; }

    public int? EvaluationPeriods { get; init; }

    public double? Threshold { get; init; }

    public string? ComparisonOperator { get; init; }

    public IReadOnlyList<string> AlarmActions { get; init; } = [];
}

/// <summary>A metric dimension, such as <c>InstanceId</c> = <c>i-0123…</c> or <c>QueueName</c> = <c>APP_NAMEQueue</c>.</summary>
public sealed record Dimension(string Name, string Value);

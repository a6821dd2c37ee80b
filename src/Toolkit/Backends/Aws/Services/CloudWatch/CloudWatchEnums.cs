using System.Text.Json.Serialization;

namespace Fleetbook.Backends.Aws.Services.CloudWatch;

/// <summary>CloudWatch <c>Statistic</c> of a metric alarm.</summary>
public enum MetricStatistic
{
    [JsonStringEnumMemberName("SampleCount")] SampleCount,
    [JsonStringEnumMemberName("Average")] Average,
    [JsonStringEnumMemberName("Sum")] Sum,
    [JsonStringEnumMemberName("Minimum")] Minimum,
    [JsonStringEnumMemberName("Maximum")] Maximum,
}

/// <summary>CloudWatch <c>ComparisonOperator</c>: how the statistic is compared with the threshold.</summary>
public enum ComparisonOperator
{
    [JsonStringEnumMemberName("GreaterThanOrEqualToThreshold")] GreaterThanOrEqualToThreshold,
    [JsonStringEnumMemberName("GreaterThanThreshold")] GreaterThanThreshold,
    [JsonStringEnumMemberName("LessThanThreshold")] LessThanThreshold,
    [JsonStringEnumMemberName("LessThanOrEqualToThreshold")] LessThanOrEqualToThreshold,
}

/// <summary>How an alarm treats periods without data (the model types it as text; these are the values CloudWatch accepts).</summary>
public enum TreatMissingData
{
    [JsonStringEnumMemberName("breaching")] Breaching,
    [JsonStringEnumMemberName("notBreaching")] NotBreaching,
    [JsonStringEnumMemberName("ignore")] Ignore,
    [JsonStringEnumMemberName("missing")] Missing,
}

/// <summary>CloudWatch <c>StateValue</c> of an alarm.</summary>
public enum AlarmState
{
    [JsonStringEnumMemberName("OK")] Ok,
    [JsonStringEnumMemberName("ALARM")] Alarm,
    [JsonStringEnumMemberName("INSUFFICIENT_DATA")] InsufficientData,
}

/// <summary>CloudWatch <c>ScanBy</c>: the order GetMetricData returns data points in.</summary>
public enum ScanBy
{
    [JsonStringEnumMemberName("TimestampDescending")] TimestampDescending,
    [JsonStringEnumMemberName("TimestampAscending")] TimestampAscending,
}

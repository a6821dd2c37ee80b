namespace Fleetbook.Backends.Aws.Services.CloudWatch;

/// <summary>GetMetricData: data points of one or more metrics (or expressions over them) between two times.</summary>
public sealed record GetMetricDataRequest(
    IReadOnlyList<MetricDataQuery> MetricDataQueries,
    DateTimeOffset StartTime,
    DateTimeOffset EndTime,
    ScanBy? ScanBy = null,
    int? MaxDatapoints = null,
    string? NextToken = null);

public sealed record GetMetricDataResponse
{
    public IReadOnlyList<MetricDataResult> MetricDataResults { get; init; } = [];

    public IReadOnlyList<MetricMessage> Messages { get; init; } = [];

    public string? NextToken { get; init; }
}

/// <summary>One series to fetch: a metric statistic, or a math <paramref name="Expression"/> over others; <paramref name="Id"/> starts with a lower-case letter.</summary>
public sealed record MetricDataQuery(string Id, MetricStat? MetricStat = null, string? Expression = null, string? Label = null, bool? ReturnData = null, int? Period = null);

/// <summary>A metric and how to aggregate it: <paramref name="Stat"/> is Average, Sum, Maximum, SampleCount, p99…</summary>
public sealed record MetricStat(Metric Metric, int Period, string Stat);

/// <summary>A metric by namespace, name and dimensions.</summary>
public sealed record Metric(string Namespace, string MetricName, IReadOnlyList<Dimension>? Dimensions = null);

/// <summary>One series: its time stamps and values, pairwise.</summary>
public sealed record MetricDataResult
{
    public string? Id { get; init; }

    public string? Label { get; init; }

    public IReadOnlyList<DateTimeOffset> Timestamps { get; init; } = [];

    public IReadOnlyList<double> Values { get; init; } = [];

    /// <summary>Complete, PartialData (more pages), InternalError or Forbidden.</summary>
    public string? StatusCode { get; init; }
}

/// <summary>A warning about the query (model shape <c>MessageData</c>).</summary>
public sealed record MetricMessage
{
    public string? Code { get; init; }

    public string? Value { get; init; }
}

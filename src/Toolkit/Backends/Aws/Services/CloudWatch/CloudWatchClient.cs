using Fleetbook.Backends.Aws.Services.Paging;

namespace Fleetbook.Backends.Aws.Services.CloudWatch;

/// <summary>
/// The CloudWatch operations Fleetbook uses, typed: metric alarms (the per-machine idle alarm, the queue alarms),
/// dashboards and metric data. The records use the model's member names (PascalCase).
/// </summary>
public sealed class CloudWatchClient
{
    private readonly AwsOperations _operations;

    public CloudWatchClient(IAwsInvoker invoker) => _operations = new AwsOperations(invoker, AwsService.CloudWatch, AwsJson.PascalCase);

    public Task<PutMetricAlarmResponse> PutMetricAlarmAsync(PutMetricAlarmRequest request, CancellationToken cancellationToken = default) =>
        _operations.CallAsync<PutMetricAlarmRequest, PutMetricAlarmResponse>("PutMetricAlarm", request, cancellationToken);

    public Task<DeleteAlarmsResponse> DeleteAlarmsAsync(DeleteAlarmsRequest request, CancellationToken cancellationToken = default) =>
        _operations.CallAsync<DeleteAlarmsRequest, DeleteAlarmsResponse>("DeleteAlarms", request, cancellationToken);

    public Task<DescribeAlarmsResponse> DescribeAlarmsAsync(DescribeAlarmsRequest request, CancellationToken cancellationToken = default) =>
        _operations.CallAsync<DescribeAlarmsRequest, DescribeAlarmsResponse>("DescribeAlarms", request, cancellationToken);

    /// <summary>Every matching metric alarm, page after page.</summary>
    public AwsPages<MetricAlarm> DescribeAlarmsAllAsync(DescribeAlarmsRequest request, CancellationToken cancellationToken = default) =>
        _operations.Pages<DescribeAlarmsRequest, MetricAlarm>("DescribeAlarms", request, cancellationToken, resultKey: "MetricAlarms");

    public Task<PutDashboardResponse> PutDashboardAsync(PutDashboardRequest request, CancellationToken cancellationToken = default) =>
        _operations.CallAsync<PutDashboardRequest, PutDashboardResponse>("PutDashboard", request, cancellationToken);

    public Task<DeleteDashboardsResponse> DeleteDashboardsAsync(DeleteDashboardsRequest request, CancellationToken cancellationToken = default) =>
        _operations.CallAsync<DeleteDashboardsRequest, DeleteDashboardsResponse>("DeleteDashboards", request, cancellationToken);

    public Task<ListDashboardsResponse> ListDashboardsAsync(ListDashboardsRequest request, CancellationToken cancellationToken = default) =>
        _operations.CallAsync<ListDashboardsRequest, ListDashboardsResponse>("ListDashboards", request, cancellationToken);

    /// <summary>Every matching dashboard, page after page.</summary>
    public AwsPages<DashboardEntry> ListDashboardsAllAsync(ListDashboardsRequest request, CancellationToken cancellationToken = default) =>
        _operations.Pages<ListDashboardsRequest, DashboardEntry>("ListDashboards", request, cancellationToken);

    public Task<GetMetricDataResponse> GetMetricDataAsync(GetMetricDataRequest request, CancellationToken cancellationToken = default) =>
        _operations.CallAsync<GetMetricDataRequest, GetMetricDataResponse>("GetMetricData", request, cancellationToken);

    /// <summary>
    /// Every page's series, in order; a series with many points comes back in several parts with the same
    /// <see cref="MetricDataResult.Id"/> (status PartialData until its last part).
    /// </summary>
    public AwsPages<MetricDataResult> GetMetricDataAllAsync(GetMetricDataRequest request, CancellationToken cancellationToken = default) =>
        _operations.Pages<GetMetricDataRequest, MetricDataResult>("GetMetricData", request, cancellationToken);
}

using Fleetbook.Backends.Aws.Services.Paging;

namespace Fleetbook.Backends.Aws.Services.Logs;

/// <summary>
/// The CloudWatch Logs operations Fleetbook uses, typed: log groups with retention and tags, streams and events,
/// exports to S3. The records use the model's member names (camelCase on the wire); event times, which the model
/// types as milliseconds since the epoch, are <see cref="DateTimeOffset"/>s here.
/// </summary>
public sealed class LogsClient
{
    private readonly AwsOperations _operations;

    public LogsClient(IAwsInvoker invoker) => _operations = new AwsOperations(invoker, AwsService.Logs, AwsJson.CamelCase);

    public Task<CreateLogGroupResponse> CreateLogGroupAsync(CreateLogGroupRequest request, CancellationToken cancellationToken = default) =>
        _operations.CallAsync<CreateLogGroupRequest, CreateLogGroupResponse>("CreateLogGroup", request, cancellationToken);

    public Task<PutRetentionPolicyResponse> PutRetentionPolicyAsync(PutRetentionPolicyRequest request, CancellationToken cancellationToken = default) =>
        _operations.CallAsync<PutRetentionPolicyRequest, PutRetentionPolicyResponse>("PutRetentionPolicy", request, cancellationToken);

    public Task<DescribeLogGroupsResponse> DescribeLogGroupsAsync(DescribeLogGroupsRequest request, CancellationToken cancellationToken = default) =>
        _operations.CallAsync<DescribeLogGroupsRequest, DescribeLogGroupsResponse>("DescribeLogGroups", request, cancellationToken);

    /// <summary>Every matching log group, page after page.</summary>
    public AwsPages<LogGroup> DescribeLogGroupsAllAsync(DescribeLogGroupsRequest request, CancellationToken cancellationToken = default) =>
        _operations.Pages<DescribeLogGroupsRequest, LogGroup>("DescribeLogGroups", request, cancellationToken);

    public Task<DeleteLogGroupResponse> DeleteLogGroupAsync(DeleteLogGroupRequest request, CancellationToken cancellationToken = default) =>
        _operations.CallAsync<DeleteLogGroupRequest, DeleteLogGroupResponse>("DeleteLogGroup", request, cancellationToken);

    public Task<TagResourceResponse> TagResourceAsync(TagResourceRequest request, CancellationToken cancellationToken = default) =>
        _operations.CallAsync<TagResourceRequest, TagResourceResponse>("TagResource", request, cancellationToken);

    public Task<CreateLogStreamResponse> CreateLogStreamAsync(CreateLogStreamRequest request, CancellationToken cancellationToken = default) =>
        _operations.CallAsync<CreateLogStreamRequest, CreateLogStreamResponse>("CreateLogStream", request, cancellationToken);

    public Task<PutLogEventsResponse> PutLogEventsAsync(PutLogEventsRequest request, CancellationToken cancellationToken = default) =>
        _operations.CallAsync<PutLogEventsRequest, PutLogEventsResponse>("PutLogEvents", request, cancellationToken);

    public Task<GetLogEventsResponse> GetLogEventsAsync(GetLogEventsRequest request, CancellationToken cancellationToken = default) =>
        _operations.CallAsync<GetLogEventsRequest, GetLogEventsResponse>("GetLogEvents", request, cancellationToken);

    public Task<FilterLogEventsResponse> FilterLogEventsAsync(FilterLogEventsRequest request, CancellationToken cancellationToken = default) =>
        _operations.CallAsync<FilterLogEventsRequest, FilterLogEventsResponse>("FilterLogEvents", request, cancellationToken);

    /// <summary>Every matching event, page after page.</summary>
    public AwsPages<FilteredLogEvent> FilterLogEventsAllAsync(FilterLogEventsRequest request, CancellationToken cancellationToken = default) =>
        _operations.Pages<FilterLogEventsRequest, FilteredLogEvent>("FilterLogEvents", request, cancellationToken);

    public Task<CreateExportTaskResponse> CreateExportTaskAsync(CreateExportTaskRequest request, CancellationToken cancellationToken = default) =>
        _operations.CallAsync<CreateExportTaskRequest, CreateExportTaskResponse>("CreateExportTask", request, cancellationToken);

    public Task<DescribeExportTasksResponse> DescribeExportTasksAsync(DescribeExportTasksRequest request, CancellationToken cancellationToken = default) =>
        _operations.CallAsync<DescribeExportTasksRequest, DescribeExportTasksResponse>("DescribeExportTasks", request, cancellationToken);

    /// <summary>Every matching export task, page after page.</summary>
    public AwsPages<ExportTask> DescribeExportTasksAllAsync(DescribeExportTasksRequest request, CancellationToken cancellationToken = default) =>
        _operations.Pages<DescribeExportTasksRequest, ExportTask>("DescribeExportTasks", request, cancellationToken);
}

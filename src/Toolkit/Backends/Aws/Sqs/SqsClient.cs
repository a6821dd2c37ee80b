using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

namespace Fleetbook.Backends.Aws.Sqs;

/// <summary>
/// SQS's operations as typed records over the one AWS connection. Each call is a single request (the connection
/// retries throttling and server faults); errors arrive as <see cref="AwsServiceException"/>.
/// </summary>
public sealed class SqsClient(IAwsInvoker invoker)
{
    private readonly IAwsInvoker _invoker = invoker ?? throw new ArgumentNullException(nameof(invoker));

    public async Task<CreateQueueResult> CreateQueueAsync(CreateQueueRequest request, CancellationToken cancellationToken) =>
        CreateQueueResult.FromJson(await CallAsync("CreateQueue", request.ToJson(), cancellationToken));

    public async Task<GetQueueUrlResult> GetQueueUrlAsync(GetQueueUrlRequest request, CancellationToken cancellationToken) =>
        GetQueueUrlResult.FromJson(await CallAsync("GetQueueUrl", request.ToJson(), cancellationToken));

    public async Task<GetQueueAttributesResult> GetQueueAttributesAsync(GetQueueAttributesRequest request, CancellationToken cancellationToken) =>
        GetQueueAttributesResult.FromJson(await CallAsync("GetQueueAttributes", request.ToJson(), cancellationToken));

    public Task SetQueueAttributesAsync(SetQueueAttributesRequest request, CancellationToken cancellationToken) =>
        CallAsync("SetQueueAttributes", request.ToJson(), cancellationToken);

    public async Task<ListQueuesResult> ListQueuesAsync(ListQueuesRequest request, CancellationToken cancellationToken) =>
        ListQueuesResult.FromJson(await CallAsync("ListQueues", request.ToJson(), cancellationToken));

    /// <summary>Every queue URL with the prefix, following NextToken page by page (1,000 per page, the most SQS allows).</summary>
    public async IAsyncEnumerable<string> ListAllQueuesAsync(string? queueNamePrefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? token = null;
        do
        {
            var page = await ListQueuesAsync(new ListQueuesRequest(queueNamePrefix, token, 1000), cancellationToken);
            foreach (var url in page.QueueUrls)
            {
                yield return url;
            }

            token = page.NextToken;
        }
        while (token is not null);
    }

    public Task DeleteQueueAsync(DeleteQueueRequest request, CancellationToken cancellationToken) =>
        CallAsync("DeleteQueue", request.ToJson(), cancellationToken);

    public Task TagQueueAsync(TagQueueRequest request, CancellationToken cancellationToken) =>
        CallAsync("TagQueue", request.ToJson(), cancellationToken);

    public async Task<SendMessageBatchResult> SendMessageBatchAsync(SendMessageBatchRequest request, CancellationToken cancellationToken) =>
        SendMessageBatchResult.FromJson(await CallAsync("SendMessageBatch", request.ToJson(), cancellationToken));

    /// <summary>One SendMessage (what Distributed-Something does per job); returns the message id.</summary>
    public async Task<string> SendMessageAsync(string queueUrl, string body, CancellationToken cancellationToken)
    {
        var output = await CallAsync("SendMessage", new JsonObject { ["QueueUrl"] = queueUrl, ["MessageBody"] = body }, cancellationToken);
        return SqsJson.String(output, "MessageId") ?? "";
    }

    public async Task<ReceiveMessageResult> ReceiveMessageAsync(ReceiveMessageRequest request, CancellationToken cancellationToken) =>
        ReceiveMessageResult.FromJson(await CallAsync("ReceiveMessage", request.ToJson(), cancellationToken));

    public Task DeleteMessageAsync(DeleteMessageRequest request, CancellationToken cancellationToken) =>
        CallAsync("DeleteMessage", request.ToJson(), cancellationToken);

    public async Task<SqsBatchResult> DeleteMessageBatchAsync(DeleteMessageBatchRequest request, CancellationToken cancellationToken) =>
        SqsBatchResult.FromJson(await CallAsync("DeleteMessageBatch", request.ToJson(), cancellationToken));

    public Task ChangeMessageVisibilityAsync(ChangeMessageVisibilityRequest request, CancellationToken cancellationToken) =>
        CallAsync("ChangeMessageVisibility", request.ToJson(), cancellationToken);

    public async Task<SqsBatchResult> ChangeMessageVisibilityBatchAsync(ChangeMessageVisibilityBatchRequest request, CancellationToken cancellationToken) =>
        SqsBatchResult.FromJson(await CallAsync("ChangeMessageVisibilityBatch", request.ToJson(), cancellationToken));

    public async Task<StartMessageMoveTaskResult> StartMessageMoveTaskAsync(StartMessageMoveTaskRequest request, CancellationToken cancellationToken) =>
        StartMessageMoveTaskResult.FromJson(await CallAsync("StartMessageMoveTask", request.ToJson(), cancellationToken));

    public async Task<ListMessageMoveTasksResult> ListMessageMoveTasksAsync(ListMessageMoveTasksRequest request, CancellationToken cancellationToken) =>
        ListMessageMoveTasksResult.FromJson(await CallAsync("ListMessageMoveTasks", request.ToJson(), cancellationToken));

    private Task<JsonObject> CallAsync(string operation, JsonObject input, CancellationToken cancellationToken) =>
        _invoker.InvokeAsync(AwsService.Sqs, operation, input, cancellationToken);
}

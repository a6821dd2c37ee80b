using System.Text;
using System.Text.Json.Nodes;
using Fleetbook.Backends.Aws;
using Fleetbook.Backends.Aws.Models;
using Fleetbook.Backends.Aws.Protocol;
using Fleetbook.Backends.Aws.Sqs;

namespace Fleetbook.Tests.Aws.Sqs;

/// <summary>Every request record the SQS client sends fits SQS's own model: the connection's serializer rejects unknown members and wrong kinds.</summary>
public sealed class SqsModelConformanceTests
{
    private static readonly ServiceModel Model = LoadModel();

    public static TheoryData<string, string> Requests() => new()
    {
        { "CreateQueue", Json(new CreateQueueRequest("Q", new Dictionary<string, string> { ["VisibilityTimeout"] = "60" }, SqsQueueService.RunTags("App")).ToJson()) },
        { "GetQueueUrl", Json(new GetQueueUrlRequest("Q", "123456789012").ToJson()) },
        { "GetQueueAttributes", Json(new GetQueueAttributesRequest("u", ["All"]).ToJson()) },
        { "SetQueueAttributes", Json(new SetQueueAttributesRequest("u", new Dictionary<string, string> { ["RedrivePolicy"] = "" }).ToJson()) },
        { "ListQueues", Json(new ListQueuesRequest("Q", "token", 1000).ToJson()) },
        { "DeleteQueue", Json(new DeleteQueueRequest("u").ToJson()) },
        { "TagQueue", Json(new TagQueueRequest("u", SqsQueueService.RunTags("App")).ToJson()) },
        { "SendMessageBatch", Json(new SendMessageBatchRequest("u", [new("0", "body", 5), new("1", "body")]).ToJson()) },
        { "ReceiveMessage", Json(new ReceiveMessageRequest("u", 10, 20, 30, ["ApproximateReceiveCount"]).ToJson()) },
        { "DeleteMessage", Json(new DeleteMessageRequest("u", "h").ToJson()) },
        { "DeleteMessageBatch", Json(new DeleteMessageBatchRequest("u", [new("0", "h")]).ToJson()) },
        { "ChangeMessageVisibility", Json(new ChangeMessageVisibilityRequest("u", "h", 0).ToJson()) },
        { "ChangeMessageVisibilityBatch", Json(new ChangeMessageVisibilityBatchRequest("u", [new("0", "h", 60)]).ToJson()) },
        { "StartMessageMoveTask", Json(new StartMessageMoveTaskRequest("arn:dlq", "arn:q", 100).ToJson()) },
        { "ListMessageMoveTasks", Json(new ListMessageMoveTasksRequest("arn:dlq", 10).ToJson()) },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public void The_request_serializes_against_the_SQS_model(string operation, string input)
    {
        var protocol = AwsProtocols.For(Model.Metadata);

        var request = protocol.Serialize(Model, Model.Operation(operation), JsonNode.Parse(input)!.AsObject());

        Assert.Equal($"AmazonSQS.{operation}", request.Headers["X-Amz-Target"]);
        Assert.Equal(JsonNode.Parse(input)!.ToJsonString(), JsonNode.Parse(Encoding.UTF8.GetString(request.Body))!.ToJsonString());
    }

    private static string Json(JsonObject input) => input.ToJsonString();

    private static ServiceModel LoadModel()
    {
        var model = ModelLoader.Load(AwsService.Sqs);
        return model with
        {
            Metadata = model.Metadata with { Protocol = "json", JsonVersion = "1.0", TargetPrefix = AwsService.Sqs.TargetPrefix },
        };
    }
}

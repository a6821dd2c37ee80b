using System.Text.Json.Nodes;
using Fleetbook.Backends.Aws.Sqs;

namespace Fleetbook.Tests.Aws.Sqs;

public sealed class SqsClientTests
{
    [Fact]
    public async Task CreateQueue_sends_attributes_and_tags_under_the_model_member_names()
    {
        var invoker = new ScriptedInvoker().On("CreateQueue", _ => new JsonObject { ["QueueUrl"] = "https://sqs/q" });
        var client = new SqsClient(invoker);

        var result = await client.CreateQueueAsync(
            new CreateQueueRequest("Jobs", new Dictionary<string, string> { ["VisibilityTimeout"] = "60" }, new Dictionary<string, string> { ["fleetbook:run"] = "App" }),
            CancellationToken.None);

        var input = invoker.InputsOf("CreateQueue").Single();
        Assert.Equal("https://sqs/q", result.QueueUrl);
        Assert.Equal("Jobs", (string?)input["QueueName"]);
        Assert.Equal("60", (string?)input["Attributes"]!["VisibilityTimeout"]);
        Assert.Equal("App", (string?)input["tags"]!["fleetbook:run"]);
    }

    [Fact]
    public async Task ReceiveMessage_leaves_unset_members_out_and_reads_the_receive_count()
    {
        var invoker = new ScriptedInvoker().On("ReceiveMessage", _ => JsonNode.Parse("""
            {"Messages":[{"MessageId":"m1","ReceiptHandle":"h1","Body":"{}","Attributes":{"ApproximateReceiveCount":"3"}}]}
            """)!.AsObject());
        var client = new SqsClient(invoker);

        var result = await client.ReceiveMessageAsync(new ReceiveMessageRequest("q", MaxNumberOfMessages: 1, WaitTimeSeconds: 20, MessageSystemAttributeNames: ["ApproximateReceiveCount"]), CancellationToken.None);

        var input = invoker.InputsOf("ReceiveMessage").Single();
        Assert.False(input.ContainsKey("VisibilityTimeout"));
        Assert.Equal(20L, (long)input["WaitTimeSeconds"]!);
        Assert.Equal("ApproximateReceiveCount", (string?)input["MessageSystemAttributeNames"]![0]);
        Assert.Equal(3, Assert.Single(result.Messages).ApproximateReceiveCount);
    }

    [Fact]
    public async Task ListAllQueues_follows_NextToken_to_the_last_page()
    {
        var invoker = new ScriptedInvoker().On("ListQueues", input => (string?)input["NextToken"] switch
        {
            null => new JsonObject { ["QueueUrls"] = new JsonArray("u1", "u2"), ["NextToken"] = "t1" },
            "t1" => new JsonObject { ["QueueUrls"] = new JsonArray("u3"), ["NextToken"] = "t2" },
            _ => new JsonObject { ["QueueUrls"] = new JsonArray("u4") },
        });
        var client = new SqsClient(invoker);

        var urls = new List<string>();
        await foreach (var url in client.ListAllQueuesAsync("Fleet", CancellationToken.None))
        {
            urls.Add(url);
        }

        Assert.Equal(["u1", "u2", "u3", "u4"], urls);
        Assert.All(invoker.InputsOf("ListQueues"), input => Assert.Equal("Fleet", (string?)input["QueueNamePrefix"]));
        Assert.Equal(3, invoker.InputsOf("ListQueues").Count);
    }

    [Fact]
    public async Task Batch_answers_list_the_failed_entries_with_their_codes()
    {
        var invoker = new ScriptedInvoker().On("DeleteMessageBatch", _ => JsonNode.Parse("""
            {"Successful":[{"Id":"0"}],"Failed":[{"Id":"1","Code":"ReceiptHandleIsInvalid","Message":"bad","SenderFault":true}]}
            """)!.AsObject());
        var client = new SqsClient(invoker);

        var result = await client.DeleteMessageBatchAsync(new DeleteMessageBatchRequest("q", [new("0", "h0"), new("1", "h1")]), CancellationToken.None);

        Assert.Equal(["0"], result.Successful);
        Assert.Equal(new SqsBatchFailure("1", "ReceiptHandleIsInvalid", "bad", true), Assert.Single(result.Failed));
    }

    [Fact]
    public async Task Message_move_tasks_round_trip()
    {
        var invoker = new ScriptedInvoker()
            .On("StartMessageMoveTask", _ => new JsonObject { ["TaskHandle"] = "th" })
            .On("ListMessageMoveTasks", _ => JsonNode.Parse("""
                {"Results":[{"TaskHandle":"th","Status":"RUNNING","SourceArn":"arn:dlq","ApproximateNumberOfMessagesMoved":5,"ApproximateNumberOfMessagesToMove":9}]}
                """)!.AsObject());
        var client = new SqsClient(invoker);

        var started = await client.StartMessageMoveTaskAsync(new StartMessageMoveTaskRequest("arn:dlq", "arn:q"), CancellationToken.None);
        var tasks = await client.ListMessageMoveTasksAsync(new ListMessageMoveTasksRequest("arn:dlq"), CancellationToken.None);

        Assert.Equal("th", started.TaskHandle);
        Assert.Equal("arn:q", (string?)invoker.InputsOf("StartMessageMoveTask").Single()["DestinationArn"]);
        var task = Assert.Single(tasks.Results);
        Assert.Equal(("RUNNING", 5L, 9L), (task.Status, task.ApproximateNumberOfMessagesMoved, task.ApproximateNumberOfMessagesToMove!.Value));
    }

    [Theory]
    [InlineData("""{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:1:dlq","maxReceiveCount":"5"}""")]
    [InlineData("""{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:1:dlq","maxReceiveCount":5}""")]
    public void A_redrive_policy_reads_the_same_with_a_string_or_a_number_count(string attribute)
    {
        var policy = RedrivePolicy.Parse(attribute);

        Assert.Equal(new RedrivePolicy("arn:aws:sqs:us-east-1:1:dlq", 5), policy);
    }
}

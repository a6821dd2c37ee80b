using System.Text.Json.Nodes;
using Fleetbook.Backends.Aws.Sqs;
using Fleetbook.Inputs;
using Fleetbook.Queues;

namespace Fleetbook.Tests.Aws.Sqs;

public sealed class SqsQueueServiceTests
{
    private const string Account = "arn:aws:sqs:us-east-1:123456789012:";

    [Fact]
    public async Task Setup_creates_the_dead_letter_queue_then_the_job_queue_with_DS_attributes_and_the_run_tag()
    {
        var sqs = new FakeQueues();
        var service = new SqsQueueService(new SqsClient(sqs.Invoker), SqsQueueService.RunTags("MyApp"));

        var info = await service.EnsureAsync(new QueueSpec("MyAppQueue", 120, "MyAppDeadMessages", 4), CancellationToken.None);

        Assert.Equal((true, false), (info.Created, info.Updated));
        Assert.Equal(["MyAppDeadMessages", "MyAppQueue"], sqs.Invoker.InputsOf("CreateQueue").Select(i => (string)i["QueueName"]!));
        var attributes = sqs.Attributes["MyAppQueue"];
        Assert.Equal("0", attributes["DelaySeconds"]);
        Assert.Equal("262144", attributes["MaximumMessageSize"]);
        Assert.Equal("1209600", attributes["MessageRetentionPeriod"]);
        Assert.Equal("120", attributes["VisibilityTimeout"]);
        Assert.Equal(new RedrivePolicy(Account + "MyAppDeadMessages", 4), RedrivePolicy.Parse(attributes["RedrivePolicy"]));
        Assert.All(sqs.Invoker.InputsOf("CreateQueue"), i => Assert.Equal("MyApp", (string?)i["tags"]!["fleetbook:run"]));
    }

    [Fact]
    public async Task Setup_of_an_existing_queue_sets_only_the_attributes_that_differ()
    {
        var sqs = new FakeQueues();
        var service = new SqsQueueService(new SqsClient(sqs.Invoker));
        await service.EnsureAsync(new QueueSpec("Q", 60, "D", 3), CancellationToken.None);

        var info = await service.EnsureAsync(new QueueSpec("Q", 90, "D", 5), CancellationToken.None);

        Assert.Equal((false, true), (info.Created, info.Updated));
        var changed = sqs.Invoker.InputsOf("SetQueueAttributes").Single()["Attributes"]!.AsObject();
        Assert.Equal(["RedrivePolicy", "VisibilityTimeout"], changed.Select(p => p.Key).Order());
        Assert.Equal("90", sqs.Attributes["Q"]["VisibilityTimeout"]);
        Assert.Equal(5, RedrivePolicy.Parse(sqs.Attributes["Q"]["RedrivePolicy"])!.MaxReceiveCount);
    }

    [Fact]
    public async Task Setup_of_an_up_to_date_queue_changes_nothing()
    {
        var sqs = new FakeQueues();
        var service = new SqsQueueService(new SqsClient(sqs.Invoker));
        await service.EnsureAsync(new QueueSpec("Q", 60, "D", 3), CancellationToken.None);

        var info = await service.EnsureAsync(new QueueSpec("Q", 60, "D", 3), CancellationToken.None);

        Assert.Equal((false, false), (info.Created, info.Updated));
        Assert.Empty(sqs.Invoker.InputsOf("SetQueueAttributes"));
    }

    [Fact]
    public async Task Setup_over_a_queue_that_sends_its_dead_letters_elsewhere_changes_nothing_and_names_that_queue()
    {
        // Arrange (Distributed-Something's setup made the queue, with its own dead-letter queue after 10 receives)
        var sqs = new FakeQueues();
        var dsPolicy = new RedrivePolicy(Account + "user_DeadMessages", 10).ToAttribute();
        sqs.Attributes["user_DeadMessages"] = [];
        sqs.Attributes["MyAppQueue"] = new() { ["VisibilityTimeout"] = "60", ["RedrivePolicy"] = dsPolicy };
        var service = new SqsQueueService(new SqsClient(sqs.Invoker));

        // Act
        var error = await Assert.ThrowsAsync<InputException>(() => service.EnsureAsync(new QueueSpec("MyAppQueue", 120, "MyAppDeadMessages", 3), CancellationToken.None));

        // Assert
        var problem = Assert.Single(error.Problems);
        Assert.Equal("deadLetterQueue", problem.Where);
        Assert.Contains("user_DeadMessages (after 10 receives)", problem.Message);
        Assert.Contains("\"deadLetterQueue\": \"user_DeadMessages\"", problem.Fix);
        Assert.Empty(sqs.Invoker.InputsOf("CreateQueue"));
        Assert.Empty(sqs.Invoker.InputsOf("SetQueueAttributes"));
        Assert.Equal(dsPolicy, sqs.Attributes["MyAppQueue"]["RedrivePolicy"]);
    }

    [Fact]
    public async Task Setup_over_a_queue_that_sends_its_dead_letters_to_the_configured_queue_keeps_reading_them()
    {
        // Arrange (the config names DS's dead-letter queue, as import-ds writes it from SQS_DEAD_LETTER_QUEUE)
        var sqs = new FakeQueues();
        sqs.Attributes["user_DeadMessages"] = [];
        sqs.Attributes["MyAppQueue"] = new() { ["VisibilityTimeout"] = "60", ["RedrivePolicy"] = new RedrivePolicy(Account + "user_DeadMessages", 10).ToAttribute() };
        var service = new SqsQueueService(new SqsClient(sqs.Invoker));

        // Act
        var info = await service.EnsureAsync(new QueueSpec("MyAppQueue", 60, "user_DeadMessages", 10), CancellationToken.None);

        // Assert
        Assert.Equal((false, true), (info.Created, info.Updated));
        Assert.Empty(sqs.Invoker.InputsOf("CreateQueue"));
        Assert.Equal(new RedrivePolicy(Account + "user_DeadMessages", 10), RedrivePolicy.Parse(sqs.Attributes["MyAppQueue"]["RedrivePolicy"]));
    }

    [Fact]
    public async Task Open_answers_null_for_a_queue_that_does_not_exist()
    {
        var sqs = new FakeQueues();
        var service = new SqsQueueService(new SqsClient(sqs.Invoker));

        Assert.Null(await service.OpenAsync("Nope", CancellationToken.None));
        Assert.Null(await service.OpenAsync("not a valid name!", CancellationToken.None));
        Assert.False(await service.DeleteAsync("Nope", CancellationToken.None));
    }

    [Fact]
    public async Task Redrive_falls_back_to_moving_by_hand_where_move_tasks_are_unsupported()
    {
        var sqs = new FakeQueues();
        sqs.Invoker
            .On("StartMessageMoveTask", _ => throw ScriptedInvoker.Error("StartMessageMoveTask", "UnsupportedOperation"))
            .On("SendMessageBatch", input => new JsonObject
            {
                ["Successful"] = new JsonArray(input["Entries"]!.AsArray().Select(e => (JsonNode)new JsonObject { ["Id"] = (string)e!["Id"]!, ["MessageId"] = "n" }).ToArray()),
            })
            .On("DeleteMessage", _ => []);
        var dead = new Queue<string>(["x", "y"]);
        sqs.Invoker.On("ReceiveMessage", _ => new JsonObject
        {
            ["Messages"] = dead.Count == 0 ? new JsonArray() : new JsonArray(new JsonObject { ["MessageId"] = "m", ["ReceiptHandle"] = "h", ["Body"] = dead.Dequeue() }),
        });
        var service = new SqsQueueService(new SqsClient(sqs.Invoker));
        await service.EnsureAsync(new QueueSpec("Q", 60, "D", 3), CancellationToken.None);

        var result = await service.RedriveAsync("D", "Q", CancellationToken.None);

        Assert.Equal(2, result.Moved);
        Assert.Null(result.TaskHandle);
        Assert.Equal(["x", "y"], sqs.Invoker.InputsOf("SendMessageBatch").Select(i => (string)i["Entries"]![0]!["MessageBody"]!));
    }

    /// <summary>Just enough of SQS's queue bookkeeping for setup: create, look up, read and set attributes.</summary>
    private sealed class FakeQueues
    {
        public FakeQueues()
        {
            Invoker
                .On("GetQueueUrl", input => Attributes.ContainsKey((string)input["QueueName"]!)
                    ? new JsonObject { ["QueueUrl"] = "https://sqs/" + (string)input["QueueName"]! }
                    : throw ScriptedInvoker.Error("GetQueueUrl", "QueueDoesNotExist", "The specified queue does not exist."))
                .On("CreateQueue", input =>
                {
                    var name = (string)input["QueueName"]!;
                    Attributes[name] = (input["Attributes"] as JsonObject ?? []).ToDictionary(p => p.Key, p => (string)p.Value!);
                    return new JsonObject { ["QueueUrl"] = "https://sqs/" + name };
                })
                .On("GetQueueAttributes", input =>
                {
                    var name = NameOf(input);
                    var all = new Dictionary<string, string>(Attributes[name]) { ["QueueArn"] = Account + name };
                    return new JsonObject { ["Attributes"] = new JsonObject(all.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))) };
                })
                .On("SetQueueAttributes", input =>
                {
                    foreach (var (key, value) in input["Attributes"]!.AsObject())
                    {
                        Attributes[NameOf(input)][key] = (string)value!;
                    }

                    return [];
                })
                .On("TagQueue", _ => []);
        }

        public ScriptedInvoker Invoker { get; } = new();

        public Dictionary<string, Dictionary<string, string>> Attributes { get; } = [];

        private static string NameOf(JsonObject input) => ((string)input["QueueUrl"]!).Split('/')[^1];
    }
}

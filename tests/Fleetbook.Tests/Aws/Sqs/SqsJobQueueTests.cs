using System.Globalization;
using System.Text.Json.Nodes;
using Fleetbook.Backends.Aws.Sqs;

namespace Fleetbook.Tests.Aws.Sqs;

public sealed class SqsJobQueueTests
{
    private const string Url = "https://sqs.us-east-1.amazonaws.com/123456789012/Jobs";

    [Fact]
    public async Task Sending_splits_into_batches_of_ten_with_a_bounded_number_in_flight()
    {
        var invoker = new ScriptedInvoker().OnAsync("SendMessageBatch", async input =>
        {
            await Task.Delay(10);
            return AllSucceeded(input);
        });
        var queue = new SqsJobQueue(new SqsClient(invoker), "Jobs", Url, new SqsJobQueueOptions { MaxBatchesInFlight = 4 });
        var bodies = Enumerable.Range(0, 205).Select(i => $"{{\"n\": {i}}}").ToList();

        var result = await queue.SendBatchAsync(bodies, CancellationToken.None);

        var batches = invoker.InputsOf("SendMessageBatch");
        Assert.Equal(205, result.Sent);
        Assert.Empty(result.Failures);
        Assert.Equal(21, batches.Count);
        Assert.All(batches, b => Assert.InRange(b["Entries"]!.AsArray().Count, 1, 10));
        Assert.InRange(invoker.MaxInFlight, 2, 4);
        var sentBodies = batches.SelectMany(b => b["Entries"]!.AsArray()).Select(e => (string)e!["MessageBody"]!).Order().ToList();
        Assert.Equal(bodies.Order(), sentBodies);
    }

    [Fact]
    public async Task Entries_SQS_rejects_are_reported_with_their_original_index()
    {
        var invoker = new ScriptedInvoker().On("SendMessageBatch", input =>
        {
            var entries = input["Entries"]!.AsArray().Select(e => e!.AsObject()).ToList();
            var bad = entries.Where(e => ((string)e["MessageBody"]!).Contains("bad", StringComparison.Ordinal)).ToList();
            return new JsonObject
            {
                ["Successful"] = new JsonArray(entries.Except(bad).Select(e => (JsonNode)new JsonObject { ["Id"] = (string)e["Id"]!, ["MessageId"] = "m" }).ToArray()),
                ["Failed"] = new JsonArray(bad.Select(e => (JsonNode)new JsonObject { ["Id"] = (string)e["Id"]!, ["Code"] = "InvalidParameterValue", ["Message"] = "no", ["SenderFault"] = true }).ToArray()),
            };
        });
        var queue = new SqsJobQueue(new SqsClient(invoker), "Jobs", Url);
        var bodies = Enumerable.Range(0, 30).Select(i => i is 3 or 17 ? "bad" : "good").ToList();

        var result = await queue.SendBatchAsync(bodies, CancellationToken.None);

        Assert.Equal(28, result.Sent);
        Assert.Equal([3, 17], result.Failures.Select(f => f.Index));
        Assert.All(result.Failures, f => Assert.Equal("InvalidParameterValue", f.Code));
    }

    [Fact]
    public async Task Bodies_SQS_would_refuse_are_reported_without_being_sent()
    {
        var invoker = new ScriptedInvoker().On("SendMessageBatch", AllSucceeded);
        var queue = new SqsJobQueue(new SqsClient(invoker), "Jobs", Url);

        var result = await queue.SendBatchAsync(["ok", "", new string('x', 300_000), "also ok\u0001"], CancellationToken.None);

        Assert.Equal(1, result.Sent);
        Assert.Equal([(1, "InvalidMessageContents"), (2, "MessageTooLong"), (3, "InvalidMessageContents")], result.Failures.Select(f => (f.Index, f.Code)));
        Assert.Equal(1, invoker.InputsOf("SendMessageBatch").Sum(b => b["Entries"]!.AsArray().Count));
    }

    [Fact]
    public async Task Batches_stay_under_SQS_payload_limit()
    {
        var invoker = new ScriptedInvoker().On("SendMessageBatch", AllSucceeded);
        var queue = new SqsJobQueue(new SqsClient(invoker), "Jobs", Url);
        var bodies = Enumerable.Repeat(new string('x', 100_000), 5).ToList();

        var result = await queue.SendBatchAsync(bodies, CancellationToken.None);

        Assert.Equal(5, result.Sent);
        Assert.All(invoker.InputsOf("SendMessageBatch"), b => Assert.True(b["Entries"]!.AsArray().Sum(e => ((string)e!["MessageBody"]!).Length) <= 262_144));
    }

    [Fact]
    public async Task Entries_SQS_failed_on_its_own_side_are_sent_again()
    {
        var tries = 0;
        var invoker = new ScriptedInvoker().On("SendMessageBatch", input =>
        {
            if (Interlocked.Increment(ref tries) == 1)
            {
                var first = input["Entries"]!.AsArray()[0]!;
                var rest = input["Entries"]!.AsArray().Skip(1).Select(e => (JsonNode)new JsonObject { ["Id"] = (string)e!["Id"]!, ["MessageId"] = "m" }).ToArray();
                return new JsonObject
                {
                    ["Successful"] = new JsonArray(rest),
                    ["Failed"] = new JsonArray(new JsonObject { ["Id"] = (string)first["Id"]!, ["Code"] = "InternalError", ["Message"] = "try again", ["SenderFault"] = false }),
                };
            }

            return AllSucceeded(input);
        });
        var queue = new SqsJobQueue(new SqsClient(invoker), "Jobs", Url, new SqsJobQueueOptions { SendRetryDelay = TimeSpan.FromMilliseconds(1) });

        var result = await queue.SendBatchAsync(["a", "b", "c"], CancellationToken.None);

        Assert.Equal(3, result.Sent);
        Assert.Empty(result.Failures);
        Assert.Equal(["0"], invoker.InputsOf("SendMessageBatch")[1]["Entries"]!.AsArray().Select(e => (string)e!["Id"]!));
    }

    [Fact]
    public async Task A_call_that_fails_before_anything_was_sent_throws_the_service_error()
    {
        var invoker = new ScriptedInvoker().On("SendMessageBatch", _ => throw ScriptedInvoker.Error("SendMessageBatch", "QueueDoesNotExist", "The specified queue does not exist."));
        var queue = new SqsJobQueue(new SqsClient(invoker), "Jobs", Url);

        var error = await Assert.ThrowsAsync<Backends.Aws.AwsServiceException>(() => queue.SendBatchAsync(["a", "b"], CancellationToken.None));

        Assert.Equal("QueueDoesNotExist", error.Code);
    }

    [Fact]
    public async Task A_call_that_fails_midway_reports_every_unsent_entry()
    {
        var calls = 0;
        var invoker = new ScriptedInvoker().On("SendMessageBatch", input =>
            Interlocked.Increment(ref calls) == 1 ? AllSucceeded(input) : throw ScriptedInvoker.Error("SendMessageBatch", "InternalError", "boom", 500));
        var queue = new SqsJobQueue(new SqsClient(invoker), "Jobs", Url, new SqsJobQueueOptions { MaxBatchesInFlight = 1 });

        var result = await queue.SendBatchAsync(Enumerable.Range(0, 35).Select(i => "b" + i).ToList(), CancellationToken.None);

        Assert.Equal(10, result.Sent);
        Assert.Equal(Enumerable.Range(10, 25), result.Failures.Select(f => f.Index));
        Assert.All(result.Failures, f => Assert.Equal("InternalError", f.Code));
    }

    [Fact]
    public async Task Receive_long_polls_in_whole_seconds_and_reports_receive_counts()
    {
        var invoker = new ScriptedInvoker().On("ReceiveMessage", _ => JsonNode.Parse("""
            {"Messages":[{"MessageId":"m1","ReceiptHandle":"h1","Body":"b","Attributes":{"ApproximateReceiveCount":"2"}}]}
            """)!.AsObject());
        var queue = new SqsJobQueue(new SqsClient(invoker), "Jobs", Url);

        var messages = await queue.ReceiveAsync(1, TimeSpan.FromSeconds(2.3), CancellationToken.None);
        await queue.ReceiveAsync(1, TimeSpan.FromMinutes(5), CancellationToken.None);

        Assert.Equal(new Queues.QueueMessage("m1", "b", "h1", 2), Assert.Single(messages));
        Assert.Equal([3L, 20L], invoker.InputsOf("ReceiveMessage").Select(i => (long)i["WaitTimeSeconds"]!));
    }

    [Theory]
    [InlineData("ReceiptHandleIsInvalid", "")]
    [InlineData("MessageNotInflight", "")]
    [InlineData("InvalidParameterValue", "Value h for parameter ReceiptHandle is invalid. Reason: Message does not exist or is not available for visibility timeout change.")]
    public async Task A_stale_receipt_handle_answers_false(string code, string message)
    {
        var invoker = new ScriptedInvoker()
            .On("DeleteMessage", _ => throw ScriptedInvoker.Error("DeleteMessage", code, message))
            .On("ChangeMessageVisibility", _ => throw ScriptedInvoker.Error("ChangeMessageVisibility", code, message));
        var queue = new SqsJobQueue(new SqsClient(invoker), "Jobs", Url);

        Assert.False(await queue.DeleteAsync("h", CancellationToken.None));
        Assert.False(await queue.ChangeVisibilityAsync("h", TimeSpan.FromSeconds(1), CancellationToken.None));
    }

    [Fact]
    public async Task Other_errors_are_not_mistaken_for_stale_handles()
    {
        var invoker = new ScriptedInvoker().On("DeleteMessage", _ => throw ScriptedInvoker.Error("DeleteMessage", "AccessDenied", "no", 403));
        var queue = new SqsJobQueue(new SqsClient(invoker), "Jobs", Url);

        await Assert.ThrowsAsync<Backends.Aws.AwsServiceException>(() => queue.DeleteAsync("h", CancellationToken.None));
    }

    [Fact]
    public async Task Visibility_changes_round_up_to_whole_seconds()
    {
        var invoker = new ScriptedInvoker().On("ChangeMessageVisibility", _ => []);
        var queue = new SqsJobQueue(new SqsClient(invoker), "Jobs", Url);

        await queue.ChangeVisibilityAsync("h", TimeSpan.FromMilliseconds(1500), CancellationToken.None);
        await queue.ChangeVisibilityAsync("h", TimeSpan.Zero, CancellationToken.None);

        Assert.Equal([2L, 0L], invoker.InputsOf("ChangeMessageVisibility").Select(i => (long)i["VisibilityTimeout"]!));
    }

    [Fact]
    public async Task Counts_come_from_the_approximate_attributes()
    {
        var invoker = new ScriptedInvoker().On("GetQueueAttributes", _ => JsonNode.Parse("""
            {"Attributes":{"ApproximateNumberOfMessages":"7","ApproximateNumberOfMessagesNotVisible":"3"}}
            """)!.AsObject());
        var queue = new SqsJobQueue(new SqsClient(invoker), "Jobs", Url);

        var counts = await queue.GetCountsAsync(CancellationToken.None);

        Assert.Equal(new Queues.QueueCounts(7, 3), counts);
    }

    [Fact]
    public async Task Peek_receives_then_makes_every_message_visible_again()
    {
        var pending = new Queue<string>(["m1", "m2", "m3"]);
        var invoker = new ScriptedInvoker()
            .On("ReceiveMessage", _ =>
            {
                var messages = new JsonArray();
                while (pending.Count > 0 && messages.Count < 2)
                {
                    var id = pending.Dequeue();
                    messages.Add(new JsonObject { ["MessageId"] = id, ["ReceiptHandle"] = "h-" + id, ["Body"] = "body " + id, ["Attributes"] = new JsonObject { ["ApproximateReceiveCount"] = "4" } });
                }

                return new JsonObject { ["Messages"] = messages };
            })
            .On("ChangeMessageVisibilityBatch", _ => []);
        var queue = new SqsJobQueue(new SqsClient(invoker), "Jobs", Url);

        var peeked = await queue.PeekAsync(10, CancellationToken.None);

        Assert.Equal(["m1", "m2", "m3"], peeked.Select(m => m.MessageId));
        Assert.All(peeked, m => Assert.Equal((3, ""), (m.ReceiveCount, m.ReceiptHandle)));
        var released = invoker.InputsOf("ChangeMessageVisibilityBatch").SelectMany(i => i["Entries"]!.AsArray()).ToList();
        Assert.Equal(["h-m1", "h-m2", "h-m3"], released.Select(e => (string)e!["ReceiptHandle"]!));
        Assert.All(released, e => Assert.Equal(0L, (long)e!["VisibilityTimeout"]!));
    }

    private static JsonObject AllSucceeded(JsonObject input) => new()
    {
        ["Successful"] = new JsonArray(input["Entries"]!.AsArray()
            .Select(e => (JsonNode)new JsonObject { ["Id"] = (string)e!["Id"]!, ["MessageId"] = Guid.NewGuid().ToString() }).ToArray()),
        ["Failed"] = new JsonArray(),
    };
}

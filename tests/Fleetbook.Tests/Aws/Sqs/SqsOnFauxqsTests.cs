using System.Diagnostics;
using Fleetbook.Backends.Aws.Sqs;
using Fleetbook.Queues;
using Fleetbook.Tests.Aws.Emulators;

namespace Fleetbook.Tests.Aws.Sqs;

/// <summary>The SQS pieces over the real connection against fauxqs, which speaks SQS's AWS JSON 1.0 protocol.</summary>
[Collection(AwsEmulatorCollection.Name)]
public sealed class SqsOnFauxqsTests(AwsEmulators emulators)
{
    [EmulatorFact]
    public async Task Setup_creates_both_queues_with_DS_attributes_and_a_redrive_policy()
    {
        var (connection, queues) = await emulators.FauxqsQueuesAsync(SqsQueueService.RunTags("App"));
        using var _ = connection;
        var spec = Spec(visibility: 45, maxReceives: 4);

        var info = await queues.EnsureAsync(spec, CancellationToken.None);

        var attributes = (await queues.Client.GetQueueAttributesAsync(new GetQueueAttributesRequest(info.Url, ["All"]), CancellationToken.None)).Attributes;
        var deadLetterArn = await queues.ArnAsync((await queues.FindUrlAsync(spec.DeadLetterQueue, CancellationToken.None))!, CancellationToken.None);
        Assert.True(info.Created);
        Assert.Equal("45", attributes["VisibilityTimeout"]);
        Assert.Equal("262144", attributes["MaximumMessageSize"]);
        Assert.Equal("1209600", attributes["MessageRetentionPeriod"]);
        Assert.Equal("0", attributes["DelaySeconds"]);
        Assert.Equal(new RedrivePolicy(deadLetterArn, 4), RedrivePolicy.Parse(attributes["RedrivePolicy"]));
    }

    [EmulatorFact]
    public async Task Setup_brings_an_existing_queue_up_to_date_and_then_reports_nothing_to_do()
    {
        var (connection, queues) = await emulators.FauxqsQueuesAsync();
        using var _ = connection;
        var spec = Spec(visibility: 30, maxReceives: 3);
        await queues.EnsureAsync(spec, CancellationToken.None);

        var changed = await queues.EnsureAsync(spec with { VisibilitySeconds = 90, MaxReceives = 6 }, CancellationToken.None);
        var unchanged = await queues.EnsureAsync(spec with { VisibilitySeconds = 90, MaxReceives = 6 }, CancellationToken.None);

        var attributes = (await queues.Client.GetQueueAttributesAsync(new GetQueueAttributesRequest(changed.Url, ["All"]), CancellationToken.None)).Attributes;
        Assert.Equal((false, true), (changed.Created, changed.Updated));
        Assert.Equal((false, false), (unchanged.Created, unchanged.Updated));
        Assert.Equal("90", attributes["VisibilityTimeout"]);
        Assert.Equal(6, RedrivePolicy.Parse(attributes["RedrivePolicy"])!.MaxReceiveCount);
    }

    [EmulatorFact]
    public async Task Messages_go_through_send_receive_hide_return_and_delete()
    {
        var (connection, queues) = await emulators.FauxqsQueuesAsync();
        using var _ = connection;
        var queue = await NewQueueAsync(queues);
        var bodies = Enumerable.Range(0, 25).Select(i => $"{{\"n\": {i}}}").ToList();

        var sent = await queue.SendBatchAsync(bodies, CancellationToken.None);
        var first = await queue.ReceiveAsync(10, TimeSpan.FromSeconds(1), CancellationToken.None);
        var afterReceive = await queue.GetCountsAsync(CancellationToken.None);
        Assert.True(await queue.ChangeVisibilityAsync(first[0].ReceiptHandle, TimeSpan.Zero, CancellationToken.None));
        foreach (var message in first.Skip(1))
        {
            Assert.True(await queue.DeleteAsync(message.ReceiptHandle, CancellationToken.None));
        }

        var rest = new List<QueueMessage>();
        while (await queue.ReceiveAsync(10, TimeSpan.FromSeconds(1), CancellationToken.None) is { Count: > 0 } batch)
        {
            rest.AddRange(batch);
        }

        Assert.Equal((25, 0), (sent.Sent, sent.Failures.Count));
        Assert.Equal(10, first.Count);
        Assert.All(first, m => Assert.Equal(1, m.ReceiveCount));
        Assert.Equal(new QueueCounts(15, 10), afterReceive);
        Assert.Equal(16, rest.Count);
        Assert.Equal(2, rest.Single(m => m.MessageId == first[0].MessageId).ReceiveCount);
        Assert.Equal(bodies.Order(), first.Skip(1).Concat(rest).Select(m => m.Body).Order());
    }

    [EmulatorFact]
    public async Task A_handle_from_an_earlier_receive_is_stale()
    {
        var (connection, queues) = await emulators.FauxqsQueuesAsync();
        using var _ = connection;
        var queue = await NewQueueAsync(queues);
        await queue.SendBatchAsync(["only"], CancellationToken.None);
        var earlier = (await queue.ReceiveAsync(1, TimeSpan.FromSeconds(1), CancellationToken.None)).Single();
        await queue.ChangeVisibilityAsync(earlier.ReceiptHandle, TimeSpan.Zero, CancellationToken.None);
        var later = (await queue.ReceiveAsync(1, TimeSpan.FromSeconds(1), CancellationToken.None)).Single();

        var changed = await queue.ChangeVisibilityAsync(earlier.ReceiptHandle, TimeSpan.FromSeconds(30), CancellationToken.None);

        Assert.False(changed);
        Assert.True(await queue.DeleteAsync(later.ReceiptHandle, CancellationToken.None));
    }

    [EmulatorFact]
    public async Task Peek_shows_messages_and_leaves_them_visible()
    {
        var (connection, queues) = await emulators.FauxqsQueuesAsync();
        using var _ = connection;
        var queue = await NewQueueAsync(queues);
        await queue.SendBatchAsync(["a", "b", "c"], CancellationToken.None);

        var peeked = await queue.PeekAsync(10, CancellationToken.None);
        var received = await queue.ReceiveAsync(10, TimeSpan.FromSeconds(1), CancellationToken.None);

        Assert.Equal(["a", "b", "c"], peeked.Select(m => m.Body).Order());
        Assert.All(peeked, m => Assert.Equal(0, m.ReceiveCount));
        Assert.Equal(3, received.Count);
    }

    [EmulatorFact]
    public async Task A_body_at_the_size_limit_arrives_whole()
    {
        var (connection, queues) = await emulators.FauxqsQueuesAsync();
        using var _ = connection;
        var queue = await NewQueueAsync(queues);
        var body = "{\"data\": \"" + new string('é', (262_144 - 14) / 2) + "\"}";

        var sent = await queue.SendBatchAsync([body], CancellationToken.None);
        var received = await queue.ReceiveAsync(1, TimeSpan.FromSeconds(1), CancellationToken.None);

        Assert.Equal(1, sent.Sent);
        Assert.Equal(body, received.Single().Body);
    }

    [EmulatorFact]
    public async Task A_long_poll_on_an_empty_queue_waits_then_answers_nothing()
    {
        var (connection, queues) = await emulators.FauxqsQueuesAsync();
        using var _ = connection;
        var queue = await NewQueueAsync(queues);
        var watch = Stopwatch.StartNew();

        var received = await queue.ReceiveAsync(1, TimeSpan.FromSeconds(1), CancellationToken.None);

        Assert.Empty(received);
        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(0.8), TimeSpan.FromSeconds(5));
    }

    [EmulatorFact]
    public async Task A_message_received_too_often_moves_to_the_dead_letter_queue_and_redrive_brings_it_back()
    {
        var (connection, queues) = await emulators.FauxqsQueuesAsync();
        using var _ = connection;
        var spec = Spec(visibility: 30, maxReceives: 2);
        await queues.EnsureAsync(spec, CancellationToken.None);
        var queue = (await queues.OpenQueueAsync(spec.Name, CancellationToken.None))!;
        var deadLetters = (await queues.OpenQueueAsync(spec.DeadLetterQueue, CancellationToken.None))!;
        await queue.SendBatchAsync(["doomed"], CancellationToken.None);
        for (var i = 0; i < 2; i++)
        {
            var message = (await queue.ReceiveAsync(1, TimeSpan.FromSeconds(1), CancellationToken.None)).Single();
            await queue.ChangeVisibilityAsync(message.ReceiptHandle, TimeSpan.Zero, CancellationToken.None);
        }

        var third = await queue.ReceiveAsync(1, TimeSpan.Zero, CancellationToken.None);
        var dead = await deadLetters.PeekAsync(10, CancellationToken.None);
        var redrive = await queues.RedriveAsync(spec.DeadLetterQueue, spec.Name, CancellationToken.None);
        var back = await queue.ReceiveAsync(1, TimeSpan.FromSeconds(1), CancellationToken.None);

        Assert.Empty(third);
        Assert.Equal("doomed", Assert.Single(dead).Body);
        Assert.Equal(1, redrive.Moved);
        Assert.Null(redrive.TaskHandle);
        Assert.Equal("doomed", Assert.Single(back).Body);
        Assert.Equal(new QueueCounts(0, 0), await deadLetters.GetCountsAsync(CancellationToken.None));
    }

    [EmulatorFact]
    public async Task ListQueues_pages_through_every_queue_with_the_prefix()
    {
        var (connection, queues) = await emulators.FauxqsQueuesAsync();
        using var _ = connection;
        var prefix = AwsEmulators.NewName("list");
        for (var i = 0; i < 5; i++)
        {
            await queues.Client.CreateQueueAsync(new CreateQueueRequest($"{prefix}-{i}"), CancellationToken.None);
        }

        var pages = new List<ListQueuesResult>();
        string? token = null;
        do
        {
            var page = await queues.Client.ListQueuesAsync(new ListQueuesRequest(prefix, token, 2), CancellationToken.None);
            pages.Add(page);
            token = page.NextToken;
        }
        while (token is not null);

        Assert.Equal(5, pages.Sum(p => p.QueueUrls.Count));
        Assert.True(pages.Count >= 3);
        Assert.All(pages.SelectMany(p => p.QueueUrls), url => Assert.Contains(prefix, url, StringComparison.Ordinal));
    }

    [EmulatorFact]
    public async Task A_deleted_queue_can_no_longer_be_opened()
    {
        var (connection, queues) = await emulators.FauxqsQueuesAsync();
        using var _ = connection;
        var queue = await NewQueueAsync(queues);

        var deleted = await queues.DeleteAsync(queue.Name, CancellationToken.None);

        Assert.True(deleted);
        Assert.Null(await queues.OpenAsync(queue.Name, CancellationToken.None));
        Assert.False(await queues.DeleteAsync(queue.Name, CancellationToken.None));
    }

    private static QueueSpec Spec(int visibility, int maxReceives)
    {
        var name = AwsEmulators.NewName("jobs");
        return new QueueSpec(name, visibility, name + "-dead", maxReceives);
    }

    private static async Task<SqsJobQueue> NewQueueAsync(SqsQueueService queues)
    {
        var spec = Spec(visibility: 30, maxReceives: 5);
        await queues.EnsureAsync(spec, CancellationToken.None);
        return (await queues.OpenQueueAsync(spec.Name, CancellationToken.None))!;
    }
}

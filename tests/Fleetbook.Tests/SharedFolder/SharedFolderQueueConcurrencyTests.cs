using Fleetbook.Backends.SharedFolder;
using Fleetbook.Queues;

namespace Fleetbook.Tests.SharedFolder;

/// <summary>Many receivers racing over one folder, each with its own queue object as separate processes would have.</summary>
public sealed class SharedFolderQueueConcurrencyTests
{
    [Fact]
    public async Task Receivers_racing_for_the_same_messages_each_get_every_message_at_most_once()
    {
        // Arrange: 2000 messages, 8 receivers that delete what they get.
        using var folder = new Local.TempFolder();
        var service = new SharedFolderQueueService(folder.File("queues"), TimeProvider.System);
        await service.EnsureAsync(new QueueSpec("Jobs", 300, "JobsDead", 3), default);
        var sender = (await service.OpenAsync("Jobs", default))!;
        var bodies = Enumerable.Range(0, 2000).Select(i => $"job {i}").ToList();
        Assert.Equal(2000, (await sender.SendBatchAsync(bodies, default)).Sent);

        // Act
        var receivers = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            var queue = SharedFolderQueue.OpenUrl(sender.Url, TimeProvider.System);
            var got = new List<string>();
            while (true)
            {
                var batch = await queue.ReceiveAsync(3, TimeSpan.Zero, default);
                if (batch.Count == 0)
                {
                    return got;
                }

                foreach (var message in batch)
                {
                    Assert.True(await queue.DeleteAsync(message.ReceiptHandle, default));
                    got.Add(message.Body);
                }
            }
        })).ToList();
        var received = (await Task.WhenAll(receivers)).SelectMany(g => g).ToList();

        // Assert
        Assert.Equal(2000, received.Count);
        Assert.Equal(bodies.Order(StringComparer.Ordinal), received.Order(StringComparer.Ordinal));
        Assert.Equal(new QueueCounts(0, 0), await sender.GetCountsAsync(default));
    }
}

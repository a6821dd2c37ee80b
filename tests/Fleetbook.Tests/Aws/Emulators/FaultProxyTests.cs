using Fleetbook.Backends.Aws;
using Fleetbook.Backends.Aws.Sqs;
using Fleetbook.Backends.Aws.Storage;
using Fleetbook.Queues;
using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Aws.Emulators;

[Collection(AwsEmulatorCollection.Name)]
public sealed class FaultProxyTests(AwsEmulators emulators)
{
    [EmulatorFact]
    public async Task Each_kind_of_fault_looks_as_a_client_sees_it()
    {
        var fauxqs = await emulators.FauxqsAsync();
        await using var proxy = new FaultProxy(fauxqs.Endpoint, FaultPlan.None);
        using var http = new HttpClient();

        proxy.Plan = new FaultPlan(1, 0, 0);
        using var throttled = await http.GetAsync(proxy.Endpoint + "/health");
        proxy.Plan = new FaultPlan(0, 1, 0);
        using var failed = await http.GetAsync(proxy.Endpoint + "/health");
        proxy.Plan = new FaultPlan(0, 0, 1);
        var dropped = await Record.ExceptionAsync(() => http.GetAsync(proxy.Endpoint + "/health"));
        proxy.Plan = FaultPlan.None;
        using var forwarded = await http.GetAsync(proxy.Endpoint + "/health");

        Assert.Equal(400, (int)throttled.StatusCode);
        Assert.Equal("ThrottlingException;Sender", throttled.Headers.GetValues("x-amzn-query-error").Single());
        Assert.Contains("ThrottlingException", await throttled.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(500, (int)failed.StatusCode);
        Assert.IsType<HttpRequestException>(dropped);
        Assert.Equal(200, (int)forwarded.StatusCode);
        Assert.Equal((1, 1, 1), (proxy.Throttled, proxy.ServerErrors, proxy.Forwarded));
        Assert.True(proxy.Dropped >= 1, "HttpClient itself may resend a GET whose pooled connection was reset");
    }

    [EmulatorFact]
    public async Task The_connection_retries_through_faults_so_no_message_is_lost_or_doubled()
    {
        var fauxqs = await emulators.FauxqsAsync();
        await using var proxy = new FaultProxy(fauxqs.Endpoint, FaultPlan.None);
        using var connection = AwsEmulators.Connection(proxy.Endpoint, maxAttempts: 10, baseDelay: TimeSpan.FromMilliseconds(20));
        var queues = new SqsQueueService(new SqsClient(connection));
        var name = AwsEmulators.NewName("faults");
        await queues.EnsureAsync(new QueueSpec(name, 30, name + "-dead", 5), CancellationToken.None);
        var queue = (await queues.OpenQueueAsync(name, CancellationToken.None))!;
        var bodies = Enumerable.Range(0, 300).Select(i => $"{{\"n\": {i}}}").ToList();
        proxy.Plan = FaultPlan.Evenly(0.3);

        var sent = await queue.SendBatchAsync(bodies, CancellationToken.None);
        var received = new List<QueueMessage>();
        while (received.Count < bodies.Count && await queue.ReceiveAsync(10, TimeSpan.FromSeconds(1), CancellationToken.None) is { Count: > 0 } batch)
        {
            received.AddRange(batch);
            foreach (var message in batch)
            {
                await queue.DeleteAsync(message.ReceiptHandle, CancellationToken.None);
            }
        }

        proxy.Plan = FaultPlan.None;
        Assert.Equal((300, 0), (sent.Sent, sent.Failures.Count));
        Assert.Equal(bodies.Order(), received.Select(m => m.Body).Order());
        Assert.Equal(new QueueCounts(0, 0), await queue.GetCountsAsync(CancellationToken.None));
        Assert.True(proxy.Throttled > 0 && proxy.ServerErrors > 0 && proxy.Dropped > 0, proxy.ToString());
    }

    [EmulatorFact]
    public async Task Parts_of_a_large_upload_are_retried_through_server_errors()
    {
        using var direct = await emulators.FauxqsBucketAsync();
        await using var proxy = new FaultProxy((await emulators.FauxqsAsync()).Endpoint, FaultPlan.None);
        var options = new S3ObjectStoreOptions { MultipartThreshold = 5 * S3ObjectStoreOptions.MiB, PartSize = 5 * S3ObjectStoreOptions.MiB, PartRetryDelay = TimeSpan.FromMilliseconds(10), PartAttempts = 8 };
        using var store = S3ObjectStore.Create(direct.Name, new S3ClientSettings(AwsEmulators.Region, proxy.Endpoint, AwsEmulators.FauxqsCredentials), options);
        using var folder = new TempFolder("s3-faults");
        var content = new byte[(20 * S3ObjectStoreOptions.MiB) + 7];
        new Random(7).NextBytes(content);
        await File.WriteAllBytesAsync(folder.File("big.bin"), content);
        proxy.Plan = new FaultPlan(0, 0.3, 0, Seed: 11);

        await store.PutFileAsync("big.bin", folder.File("big.bin"), CancellationToken.None);

        proxy.Plan = FaultPlan.None;
        Assert.Equal(content, await direct.GetBytesAsync("big.bin", CancellationToken.None));
        Assert.True(proxy.ServerErrors > 0, proxy.ToString());
    }
}

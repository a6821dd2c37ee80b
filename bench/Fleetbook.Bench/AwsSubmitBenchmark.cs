using System.Diagnostics;
using System.Text;
using Amazon.Runtime;
using Fleetbook.Backends.Aws;
using Fleetbook.Backends.Aws.Connection;
using Fleetbook.Backends.Aws.Sqs;
using Fleetbook.Jobs;
using Fleetbook.Queues;

namespace Fleetbook.Bench;

/// <summary>
/// Submitting N jobs to SQS (fauxqs on loopback): Fleetbook's batched, concurrent SendMessageBatch against
/// Distributed-Something's one SendMessage per job. Loopback has no network latency, so the comparison is of CPU
/// per job; a second round adds a fixed delay per request, as a round trip to SQS in the same region would.
/// </summary>
internal static class AwsSubmitBenchmark
{
    /// <summary>One-at-a-time sends are timed on a sample and extrapolated to N.</summary>
    private const int SingleSendSample = 5_000;

    /// <summary>What FleetRun.SubmitAsync hands the queue per call.</summary>
    private const int SubmitChunk = 1_000;

    private static readonly TimeSpan RoundTrip = TimeSpan.FromMilliseconds(5);

    public static async Task RunAsync(int jobs)
    {
        Console.WriteLine($"== aws-submit: {jobs} jobs to SQS on fauxqs");
        await using var fauxqs = await AwsBenchEmulator.StartAsync();
        var bodies = JobBodies(jobs);
        await CompareAsync(fauxqs, bodies, TimeSpan.Zero, Math.Min(jobs, SingleSendSample));
        await CompareAsync(fauxqs, bodies, RoundTrip, Math.Min(jobs, SingleSendSample / 10));
    }

    private static async Task CompareAsync(AwsBenchEmulator fauxqs, List<string> bodies, TimeSpan latency, int sample)
    {
        var label = latency == TimeSpan.Zero ? "loopback" : $"+{latency.TotalMilliseconds:0} ms per request";
        using var connection = new AwsConnection(new AwsConnectionOptions
        {
            Region = "us-east-1",
            Credentials = new BasicAWSCredentials("fleetbook-bench", "fleetbook-bench-secret"),
            Endpoints = new Dictionary<string, Uri> { [AwsService.Sqs.Id] = new(fauxqs.Endpoint) },
            Environment = _ => null,
            HttpHandler = latency > TimeSpan.Zero ? new DelayingHandler(latency) : null,
        });
        var queues = new SqsQueueService(new SqsClient(connection));

        var batched = await QueueAsync(queues, "BenchBatched");
        await WarmUpAsync(batched);
        var cpu = new CpuMeter(fauxqs);
        var watch = Stopwatch.StartNew();
        var sent = 0;
        for (var offset = 0; offset < bodies.Count; offset += SubmitChunk)
        {
            var result = await batched.SendBatchAsync(bodies.GetRange(offset, Math.Min(SubmitChunk, bodies.Count - offset)), CancellationToken.None);
            sent += result.Sent;
        }

        watch.Stop();
        var batchedRate = sent / watch.Elapsed.TotalSeconds;
        var counted = (await batched.GetCountsAsync(CancellationToken.None)).Visible;
        Console.WriteLine($"[{label}] batched: {sent} jobs in {watch.Elapsed.TotalSeconds:0.00} s ({batchedRate:0} jobs/s); the queue holds {counted}; {cpu}");

        var single = await QueueAsync(queues, "BenchSingle");
        var client = new SqsClient(connection);
        await client.SendMessageAsync(single.Url, bodies[0], CancellationToken.None);
        cpu = new CpuMeter(fauxqs);
        watch.Restart();
        for (var i = 0; i < sample; i++)
        {
            await client.SendMessageAsync(single.Url, bodies[i], CancellationToken.None);
        }

        watch.Stop();
        var singleRate = sample / watch.Elapsed.TotalSeconds;
        Console.WriteLine($"[{label}] one SendMessage at a time (as DS): {sample} jobs in {watch.Elapsed.TotalSeconds:0.00} s ({singleRate:0} jobs/s); {bodies.Count} jobs would take {bodies.Count / singleRate:0.0} s; {cpu}");
        Console.WriteLine($"[{label}] batched vs one at a time: {batchedRate / singleRate:0.0}x (target 10x)");
        await queues.DeleteAsync(batched.Name, CancellationToken.None);
        await queues.DeleteAsync(single.Name, CancellationToken.None);
    }

    private static async Task<SqsJobQueue> QueueAsync(SqsQueueService queues, string prefix)
    {
        var name = $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];
        await queues.EnsureAsync(new QueueSpec(name, 60, "", 1), CancellationToken.None);
        return (await queues.OpenQueueAsync(name, CancellationToken.None))!;
    }

    /// <summary>Opens the connection pool and JITs the send path, so the timing is of sending.</summary>
    private static async Task WarmUpAsync(SqsJobQueue queue)
    {
        var warm = await queue.SendBatchAsync(Enumerable.Repeat("{\"warm\": \"up\"}", 200).ToList(), CancellationToken.None);
        while ((await queue.ReceiveAsync(10, TimeSpan.Zero, CancellationToken.None)) is { Count: > 0 } received)
        {
            foreach (var message in received)
            {
                await queue.DeleteAsync(message.ReceiptHandle, CancellationToken.None);
            }
        }

        if (warm.Sent != 200)
        {
            throw new InvalidOperationException("the warm-up batch was not sent whole");
        }
    }

    /// <summary>The messages a Distributed-Something job file of N groups turns into.</summary>
    private static List<string> JobBodies(int jobs)
    {
        var path = Path.Combine(Path.GetTempPath(), $"fleetbook-bench-aws-{Guid.NewGuid():N}.json");
        var text = new StringBuilder("{\"input_location\": \"projects/bench/images\", \"job_flag_1\": \"True\", \"groups\": [");
        for (var i = 0; i < jobs; i++)
        {
            text.Append(i == 0 ? "" : ",").Append("{\"plate\": \"Plate").Append(i / 384).Append("\", \"well\": \"W").Append(i % 384).Append("\"}");
        }

        File.WriteAllText(path, text.Append("]}").ToString());
        try
        {
            return JobFile.Read(path).Jobs.Select(j => j.Body).ToList();
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Holds each request back for a fixed time before sending it: the round trip loopback does not have.</summary>
    private sealed class DelayingHandler(TimeSpan delay) : DelegatingHandler(new SocketsHttpHandler())
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await Task.Delay(delay, cancellationToken);
            return await base.SendAsync(request, cancellationToken);
        }
    }

    /// <summary>CPU used since it was made, by this process (the client) and by fauxqs (the server).</summary>
    private sealed class CpuMeter(AwsBenchEmulator server)
    {
        private readonly TimeSpan _client = Process.GetCurrentProcess().TotalProcessorTime;
        private readonly TimeSpan _server = server.ProcessorTime;

        public override string ToString() =>
            $"CPU: client {(Process.GetCurrentProcess().TotalProcessorTime - _client).TotalSeconds:0.00} s, fauxqs {(server.ProcessorTime - _server).TotalSeconds:0.00} s";
    }
}

using System.Diagnostics;
using System.Globalization;
using Amazon.Runtime;
using Fleetbook.Backends;
using Fleetbook.Backends.Aws;
using Fleetbook.Backends.Aws.Connection;
using Fleetbook.Backends.Aws.Sqs;
using Fleetbook.Configuration;
using Fleetbook.Fleet;
using Fleetbook.Jobs;
using Fleetbook.Queues;
using Fleetbook.Steps;

namespace Fleetbook.Bench;

/// <summary>
/// Submitting a job file of N jobs to SQS (fauxqs on loopback), on loopback and through a proxy that holds each request
/// back 10 ms (a same-region round trip): the way <c>fleetbook submit</c> does it (FleetRun.SubmitAsync reads the file in
/// pieces, checks it whole, then sends it: SendMessageBatch, 10 per request, 16 requests in flight), against
/// Distributed-Something's <c>run.py submitJob</c>, one SendMessage per job, each waiting for its answer (timed on a
/// sample and extrapolated to N). Fleetbook's peak memory while sending is measured too (VmHWM, reset before).
/// </summary>
internal static class AwsSubmitBenchmark
{
    /// <summary>One-at-a-time sends are timed on a sample and extrapolated to N.</summary>
    private const int SingleSendSample = 5_000;

    private static readonly TimeSpan RoundTrip = TimeSpan.FromMilliseconds(10);

    public static async Task RunAsync(int jobs)
    {
        Console.WriteLine($"== aws-submit: a job file of {jobs:N0} jobs to SQS on fauxqs");
        await using var fauxqs = await AwsBenchEmulator.StartAsync();
        var folder = BenchFolders.Create("aws-submit");
        var jobFile = Path.Combine(folder, "jobs.json");
        WriteJobFile(jobFile, jobs);
        var sample = JobFile.Read(WriteJobFile(Path.Combine(folder, "sample.json"), SingleSendSample)).Jobs.Select(j => j.Body).ToList();
        Console.WriteLine($"job file: {new FileInfo(jobFile).Length / 1024.0 / 1024.0:0.0} MiB");
        Console.WriteLine("| | fleetbook submit (batched, streamed) | peak memory | one SendMessage at a time (as DS) | ratio |");
        Console.WriteLine("|---|---|---|---|---|");
        await CompareAsync(fauxqs, folder, jobFile, jobs, sample, TimeSpan.Zero, SingleSendSample);
        await CompareAsync(fauxqs, folder, jobFile, jobs, sample, RoundTrip, SingleSendSample / 10);
    }

    private static async Task CompareAsync(AwsBenchEmulator fauxqs, string folder, string jobFile, int jobs, List<string> sample, TimeSpan latency, int sampleSize)
    {
        var label = latency == TimeSpan.Zero ? "loopback" : $"+{latency.TotalMilliseconds:0} ms per request";
        using var connection = new AwsConnection(new AwsConnectionOptions
        {
            Region = "us-east-1",
            Credentials = new BasicAWSCredentials("fleetbook-bench", "fleetbook-bench-secret"),
            Endpoints = new Dictionary<string, Uri> { [AwsService.Sqs.Id] = new(fauxqs.Endpoint) },
            Environment = _ => null,
            HttpHandler = latency > TimeSpan.Zero ? new DelayingProxy(latency) : null,
        });
        var queues = new SqsQueueService(new SqsClient(connection));

        var batchedName = await QueueAsync(queues, "BenchBatched");
        await WarmUpAsync((await queues.OpenQueueAsync(batchedName, CancellationToken.None))!);
        var config = new RunConfig { AppName = "BenchAwsSubmit", QueueName = batchedName, Command = ["true"] };
        await using var run = FleetRun.Create(config, folder, backend: new QueueOnlyBackend(queues));
        GC.Collect();
        ResetPeakMemory();
        var cpu = new CpuMeter(fauxqs);
        var watch = Stopwatch.StartNew();
        var result = await run.SubmitAsync(jobFile);
        watch.Stop();
        var peak = PeakMemoryKiB();
        var batchedRate = result.Sent / watch.Elapsed.TotalSeconds;
        var counted = (await (await queues.OpenQueueAsync(batchedName, CancellationToken.None))!.GetCountsAsync(CancellationToken.None)).Visible;
        Console.WriteLine($"  [{label}] fleetbook submit: {result.Sent:N0} of {jobs:N0} jobs in {watch.Elapsed.TotalSeconds:0.00} s ({batchedRate:0} jobs/s), the queue holds {counted:N0}; peak {peak / 1024.0:0} MiB; {cpu}");

        var singleName = await QueueAsync(queues, "BenchSingle");
        var single = (await queues.OpenQueueAsync(singleName, CancellationToken.None))!;
        var client = new SqsClient(connection);
        await client.SendMessageAsync(single.Url, sample[0], CancellationToken.None);
        cpu = new CpuMeter(fauxqs);
        watch.Restart();
        for (var i = 0; i < sampleSize; i++)
        {
            await client.SendMessageAsync(single.Url, sample[i], CancellationToken.None);
        }

        watch.Stop();
        var singleRate = sampleSize / watch.Elapsed.TotalSeconds;
        Console.WriteLine($"  [{label}] one SendMessage at a time (as DS): {sampleSize:N0} jobs in {watch.Elapsed.TotalSeconds:0.00} s ({singleRate:0} jobs/s); {cpu}");
        Console.WriteLine($"| {label} | {result.Sent / batchedRate:0.0} s ({batchedRate:0} jobs/s) | {peak / 1024.0:0} MiB | {jobs / singleRate:0} s extrapolated ({singleRate:0} jobs/s) | **{batchedRate / singleRate:0.0}×** |");
        await queues.DeleteAsync(batchedName, CancellationToken.None);
        await queues.DeleteAsync(singleName, CancellationToken.None);
    }

    private static async Task<string> QueueAsync(SqsQueueService queues, string prefix)
    {
        var name = $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];
        await queues.EnsureAsync(new QueueSpec(name, 60, "", 1), CancellationToken.None);
        return name;
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

    /// <summary>A Distributed-Something job file of N groups, written as it is made (a million groups never sit in memory).</summary>
    private static string WriteJobFile(string path, int jobs)
    {
        using var writer = new StreamWriter(path);
        writer.Write("{\"input_location\": \"projects/bench/images\", \"job_flag_1\": \"True\", \"groups\": [\n");
        for (var i = 0; i < jobs; i++)
        {
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"{(i == 0 ? "" : ",\n")}{{\"plate\": \"Plate{i / 384}\", \"well\": \"W{i % 384}\"}}"));
        }

        writer.Write("\n]}\n");
        return path;
    }

    /// <summary>Resets this process's peak resident memory (VmHWM), so that the next reading is of what follows.</summary>
    private static void ResetPeakMemory()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Console.WriteLine($"  (the peak memory could not be reset: {ex.Message}; it covers the whole benchmark)");
        }
    }

    private static long PeakMemoryKiB()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }

    /// <summary>Holds each request back for a fixed time before sending it: the round trip loopback does not have.</summary>
    private sealed class DelayingProxy(TimeSpan delay) : DelegatingHandler(new SocketsHttpHandler())
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await Task.Delay(delay, cancellationToken);
            return await base.SendAsync(request, cancellationToken);
        }
    }

    /// <summary>An AWS run reduced to its queue: all that submit touches.</summary>
    private sealed class QueueOnlyBackend(SqsQueueService queues) : IRunBackend
    {
        public string Kind => "aws";
        public string Location => "fauxqs";
        public IQueueService Queues => queues;
        public Storage.IObjectStore Bucket => throw new NotSupportedException();
        public Journal.IJobJournal Journal => throw new NotSupportedException();
        public Logs.ILogStore Logs => throw new NotSupportedException();
        public IFleet Fleet => throw new NotSupportedException();
        public IReadOnlyDictionary<string, string> WorkerEnvironment(string queueUrl) => throw new NotSupportedException();
        public IReadOnlyList<string> DescribeResources() => [];
        public Task<IReadOnlyList<string>> SetupAsync(QueueInfo queue, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<string>>([]);
        public Task<IReadOnlyList<PreflightCheck>> PreflightAsync(FleetFileContents? fleetFile, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<PreflightCheck>>([]);
        public Task<CleanupResult> CleanupAsync(CancellationToken cancellationToken) => throw new NotSupportedException();
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
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

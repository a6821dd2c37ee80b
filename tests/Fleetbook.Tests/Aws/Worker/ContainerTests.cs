using System.Diagnostics;
using Fleetbook.Backends.Aws.Storage;
using Fleetbook.Queues;
using Fleetbook.Tests.Aws.Emulators;

namespace Fleetbook.Tests.Aws.Worker;

/// <summary>
/// The worker image built by <c>src/Worker/build-image.sh</c>, run in a real container on the host network against
/// fauxqs (SQS and S3) and a fake of CloudWatch Logs, as ECS would run it with a task definition's environment.
/// </summary>
[Collection(AwsEmulatorCollection.Name)]
public sealed class ContainerTests(AwsEmulators emulators, WorkerImage image) : IClassFixture<WorkerImage>, IAsyncLifetime
{
    private const string Group = "ContainerApp";
    private const string Job = """{"group": {"plate": "P1", "well": "A01"}}""";

    private readonly FakeCloudWatchLogs _logs = new(Group);
    private readonly string _container = "fleetbook-test-" + Guid.NewGuid().ToString("N")[..10];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (ContainerPrerequisites.MissingReason is null)
        {
            await image.Docker.RunAsync(["rm", "-f", _container], TimeSpan.FromSeconds(30));
        }

        await _logs.DisposeAsync();
    }

    [ContainerFact]
    public async Task The_worker_image_runs_one_job_from_sqs_uploads_its_output_and_logs_it_to_a_cloudwatch_stream()
    {
        // Arrange
        var (queue, bucket, fauxqs) = await QueueAndBucketAsync();
        await queue.SendBatchAsync([Job], CancellationToken.None);
        var command = """["/bin/sh", "-c", "echo hello from {job_id} in a container; echo {job_id} > {output_dir}/out.txt"]""";

        // Act
        var (exitCode, output) = await image.Docker.RunAsync(RunArguments(queue.Url, bucket.Name, fauxqs, command), TimeSpan.FromMinutes(2));

        // Assert
        Assert.True(exitCode == 0, $"the container exited {exitCode}:\n{output}");
        Assert.Equal("P1-A01\n", await ReadTextAsync(bucket, "results/P1-A01/out.txt"));
        Assert.Equal(new QueueCounts(0, 0), await queue.GetCountsAsync(CancellationToken.None));
        var lines = _logs.Events(Group, "P1-A01").Select(e => e.Message).ToList();
        Assert.Contains("hello from P1-A01 in a container", lines);
        Assert.Equal("SUCCESS", lines[^1]);
        Assert.Contains("resources: disk", output);
        Assert.Contains("spot interruption watch off: AWS_EC2_METADATA_DISABLED is true", output);
        Assert.Contains("queue stayed empty; worker exits", output);
    }

    [ContainerFact]
    public async Task Docker_stop_returns_the_running_job_to_the_queue_at_once()
    {
        // Arrange: a 120 s job under a 300 s visibility timeout.
        var (queue, bucket, fauxqs) = await QueueAndBucketAsync();
        await queue.SendBatchAsync([Job], CancellationToken.None);
        var arguments = RunArguments(queue.Url, bucket.Name, fauxqs, """["sleep", "120"]""").ToList();
        arguments.InsertRange(1, ["--name", _container]);
        var running = image.Docker.RunAsync(arguments, TimeSpan.FromMinutes(2));
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await queue.GetCountsAsync(CancellationToken.None)).InFlight == 0)
        {
            Assert.True(DateTime.UtcNow < deadline && !running.IsCompleted, "the job never started");
            await Task.Delay(200);
        }

        // Act: what ECS does when it stops a task (SIGTERM to PID 1, SIGKILL 30 s later).
        var watch = Stopwatch.StartNew();
        await image.Docker.RunAsync(["stop", "--time", "30", _container], TimeSpan.FromMinutes(1));
        var (exitCode, output) = await running;

        // Assert
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"the worker took {watch.Elapsed} to stop:\n{output}");
        Assert.True(exitCode == 0, $"the container exited {exitCode}:\n{output}");
        Assert.Contains("SIGTERM received; returning running jobs to the queue", output);
        var again = await queue.ReceiveAsync(1, TimeSpan.FromSeconds(1), CancellationToken.None);
        Assert.Equal(2, Assert.Single(again).ReceiveCount);
        Assert.Contains(_logs.Events(Group, "P1-A01"), e => e.Message.StartsWith("PROBLEM (Killed)", StringComparison.Ordinal));
    }

    private async Task<(IJobQueue Queue, S3ObjectStore Bucket, string Endpoint)> QueueAndBucketAsync()
    {
        var fauxqs = (await emulators.FauxqsAsync()).Endpoint;
        var (_, queues) = await emulators.FauxqsQueuesAsync();
        var info = await queues.EnsureAsync(new QueueSpec(AwsEmulators.NewName("container"), 300, "", 0), CancellationToken.None);
        var queue = await queues.OpenAsync(info.Name, CancellationToken.None) ?? throw new InvalidOperationException("the queue vanished");
        return (queue, await emulators.FauxqsBucketAsync(), fauxqs);
    }

    /// <summary>The task definition's environment, with the emulators' endpoints and dummy keys in place of the task role.</summary>
    private List<string> RunArguments(string queueUrl, string bucket, string fauxqs, string command)
    {
        var environment = new Dictionary<string, string>
        {
            ["SQS_QUEUE_URL"] = queueUrl,
            ["AWS_BUCKET"] = bucket,
            ["AWS_REGION"] = AwsEmulators.Region,
            ["APP_NAME"] = Group,
            ["LOG_GROUP_NAME"] = Group,
            ["AWS_ENDPOINT_URL"] = fauxqs,
            ["AWS_ENDPOINT_URL_CLOUDWATCH_LOGS"] = _logs.Url.ToString(),
            ["AWS_ACCESS_KEY_ID"] = AwsEmulators.FauxqsCredentials.GetCredentials().AccessKey,
            ["AWS_SECRET_ACCESS_KEY"] = AwsEmulators.FauxqsCredentials.GetCredentials().SecretKey,
            ["AWS_EC2_METADATA_DISABLED"] = "true",
            ["FLEETBOOK_COMMAND"] = command,
            ["FLEETBOOK_IDLE_EXIT"] = "2",
            ["FLEETBOOK_VISIBILITY"] = "300",
        };
        var arguments = new List<string> { "run", "--rm", "--network", "host" };
        foreach (var (name, value) in environment)
        {
            arguments.AddRange(["--env", $"{name}={value}"]);
        }

        arguments.Add(image.Tag);
        return arguments;
    }

    private static async Task<string?> ReadTextAsync(S3ObjectStore bucket, string key) =>
        await bucket.GetBytesAsync(key, CancellationToken.None) is { } bytes ? System.Text.Encoding.UTF8.GetString(bytes) : null;
}

using System.Net;
using System.Net.Sockets;
using Fleetbook.Backends.Aws;
using Fleetbook.Backends.Aws.Connection;
using Fleetbook.Backends.Aws.Sqs;
using Fleetbook.Backends.Aws.Storage;
using Fleetbook.Queues;
using Fleetbook.Tests.Aws.Emulators;
using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Aws.Integration;

/// <summary>Wrong endpoints, missing credentials and missing queues end in one clear sentence, never a stack trace.</summary>
[Collection(AwsEmulatorCollection.Name)]
public sealed class AwsBadInputTests(AwsEmulators emulators) : IDisposable
{
    private readonly TempFolder _home = new("aws-home");

    public void Dispose() => _home.Dispose();

    [Fact]
    public async Task Setup_against_a_closed_port_fails_with_one_sentence_naming_the_endpoint()
    {
        var endpoint = ClosedEndpoint();
        using var connection = AwsEmulators.Connection(endpoint, maxAttempts: 2);
        var queues = new SqsQueueService(new SqsClient(connection));

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => queues.EnsureAsync(new QueueSpec("Jobs", 60, "JobsDead", 3), CancellationToken.None));

        Assert.Equal("EndpointConnectionError", error.Code);
        Assert.Contains(endpoint, error.Message, StringComparison.Ordinal);
        AssertOneSentence(error.Message);
    }

    [Fact]
    public async Task The_bucket_at_a_closed_port_fails_with_one_sentence()
    {
        using var store = S3ObjectStore.Create("bucket", new S3ClientSettings(AwsEmulators.Region, ClosedEndpoint(), AwsEmulators.FauxqsCredentials));

        var error = await Assert.ThrowsAsync<S3StoreException>(() => store.PutBytesAsync("a.txt", "x"u8.ToArray(), CancellationToken.None));

        Assert.Equal("Unreachable", error.Code);
        AssertOneSentence(error.Message);
    }

    [Fact]
    public async Task A_profile_that_does_not_exist_is_reported_as_missing_credentials()
    {
        using var connection = new AwsConnection(new AwsConnectionOptions
        {
            Region = AwsEmulators.Region,
            Profile = "fleetbook-test-no-such-profile",
            Endpoints = new Dictionary<string, Uri> { ["SQS"] = new(ClosedEndpoint()) },
            Environment = _ => null,
        });
        var queues = new SqsQueueService(new SqsClient(connection));

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => queues.OpenAsync("Jobs", CancellationToken.None));

        Assert.Equal("NoCredentials", error.Code);
        AssertOneSentence(error.Message);
    }

    [EmulatorFact]
    public async Task A_worker_pointed_at_a_closed_port_exits_2_with_one_line()
    {
        var (exitCode, output) = await RunWorkerAsync(new() { ["SQS_QUEUE_URL"] = "http://sqs.us-east-1.localhost/000000000000/Jobs", ["AWS_ENDPOINT_URL"] = ClosedEndpoint() });

        Assert.Equal(2, exitCode);
        Assert.Contains("fleetbook-worker: environment: SQS_QUEUE_URL: SQS GetQueueAttributes failed with EndpointConnectionError", output, StringComparison.Ordinal);
        AssertNoStackTrace(output);
    }

    [EmulatorFact]
    public async Task A_worker_without_any_credentials_exits_2_and_says_so()
    {
        var fauxqs = await emulators.FauxqsAsync();

        var (exitCode, output) = await RunWorkerAsync(
            new() { ["SQS_QUEUE_URL"] = "http://sqs.us-east-1.localhost/000000000000/Jobs", ["AWS_ENDPOINT_URL"] = fauxqs.Endpoint },
            withCredentials: false);

        Assert.Equal(2, exitCode);
        Assert.Contains("NoCredentials", output, StringComparison.Ordinal);
        AssertNoStackTrace(output);
    }

    [EmulatorFact]
    public async Task A_worker_given_a_queue_that_does_not_exist_exits_2_and_points_to_setup()
    {
        var fauxqs = await emulators.FauxqsAsync();
        var queue = $"http://sqs.us-east-1.localhost:{fauxqs.Port}/000000000000/{AwsEmulators.NewName("missing")}";

        var (exitCode, output) = await RunWorkerAsync(new() { ["SQS_QUEUE_URL"] = queue, ["AWS_ENDPOINT_URL"] = fauxqs.Endpoint });

        Assert.Equal(2, exitCode);
        Assert.Contains("NonExistentQueue: The specified queue does not exist.", output, StringComparison.Ordinal);
        Assert.Contains("fleetbook setup", output, StringComparison.Ordinal);
        AssertNoStackTrace(output);
    }

    [EmulatorFact]
    public async Task A_worker_given_a_bucket_that_does_not_exist_exits_2_naming_AWS_BUCKET()
    {
        var fauxqs = await emulators.FauxqsAsync();
        var (connection, queues) = await emulators.FauxqsQueuesAsync();
        using var _ = connection;
        var info = await queues.EnsureAsync(new QueueSpec(AwsEmulators.NewName("q"), 30, "", 1), CancellationToken.None);

        var (exitCode, output) = await RunWorkerAsync(new() { ["SQS_QUEUE_URL"] = info.Url, ["AWS_ENDPOINT_URL"] = fauxqs.Endpoint, ["AWS_BUCKET"] = AwsEmulators.NewName("nobucket") });

        Assert.Equal(2, exitCode);
        Assert.Contains("AWS_BUCKET: S3 ListObjectsV2 of s3://", output, StringComparison.Ordinal);
        Assert.Contains("NoSuchBucket", output, StringComparison.Ordinal);
        AssertNoStackTrace(output);
    }

    [EmulatorFact]
    public async Task A_worker_given_a_URL_that_names_no_queue_exits_2()
    {
        var (exitCode, output) = await RunWorkerAsync(new() { ["SQS_QUEUE_URL"] = "https://sqs.us-east-1.amazonaws.com/" });

        Assert.Equal(2, exitCode);
        Assert.Contains("is not an SQS queue URL", output, StringComparison.Ordinal);
        AssertNoStackTrace(output);
    }

    /// <summary>A loopback port nothing listens on (bound, read, released).</summary>
    private static string ClosedEndpoint()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"http://127.0.0.1:{port}";
    }

    /// <summary>Runs one worker with a minimal environment; HOME is an empty folder so no ~/.aws file is read.</summary>
    private async Task<(int ExitCode, string Output)> RunWorkerAsync(Dictionary<string, string> environment, bool withCredentials = true)
    {
        var full = new Dictionary<string, string>
        {
            ["AWS_BUCKET"] = "fleetbook-bucket",
            ["AWS_REGION"] = AwsEmulators.Region,
            ["FLEETBOOK_COMMAND"] = """["/bin/true"]""",
            ["FLEETBOOK_IDLE_EXIT"] = "1",
            ["HOME"] = _home.Path,
        };
        if (withCredentials)
        {
            full["AWS_ACCESS_KEY_ID"] = AwsEmulators.FauxqsCredentials.GetCredentials().AccessKey;
            full["AWS_SECRET_ACCESS_KEY"] = AwsEmulators.FauxqsCredentials.GetCredentials().SecretKey;
        }

        foreach (var (name, value) in environment)
        {
            full[name] = value;
        }

        return await WorkerProcessFleet.RunOnceAsync(full, TimeSpan.FromSeconds(60));
    }

    private static void AssertOneSentence(string message)
    {
        Assert.DoesNotContain('\n', message);
        Assert.DoesNotContain("   at ", message, StringComparison.Ordinal);
        Assert.DoesNotContain("fleetbook-test-secret", message, StringComparison.Ordinal);
    }

    private static void AssertNoStackTrace(string output)
    {
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
        Assert.DoesNotContain("fleetbook-test-secret", output, StringComparison.Ordinal);
    }
}

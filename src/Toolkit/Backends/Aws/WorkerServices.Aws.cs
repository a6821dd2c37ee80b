using System.Globalization;
using Fleetbook.Backends.Aws.Connection;
using Fleetbook.Backends.Aws.Sqs;
using Fleetbook.Backends.Aws.Storage;
using Fleetbook.Backends.Local;
using Fleetbook.Inputs;
using Fleetbook.Working;

namespace Fleetbook.Backends.Aws;

/// <summary>
/// The pieces a worker needs on AWS, from its environment: the SQS queue of SQS_QUEUE_URL, the S3 bucket of
/// AWS_BUCKET (also holding the journal and the job logs, for now), in AWS_REGION. Endpoints follow the SDK
/// conventions (AWS_ENDPOINT_URL_SQS, AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL); credentials come from the default chain.
/// </summary>
public static class AwsWorkerServices
{
    /// <summary>A worker is a long-running consumer: it rides out throttling and brief outages rather than failing a job.</summary>
    public const int DefaultWorkerMaxAttempts = 10;

    /// <summary>The start-up check fails fast instead, so a wrong endpoint or missing credentials are reported at once.</summary>
    private const int ProbeMaxAttempts = 2;

    /// <summary>Whether <paramref name="url"/> is an SQS queue URL (http or https) rather than a local one.</summary>
    public static bool IsQueueUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    public static WorkerServices Create(WorkerSettings settings, TimeProvider time) =>
        Create(settings, time, Environment.GetEnvironmentVariable, Console.Out);

    /// <summary>
    /// Builds the services and checks, before any job runs, that the queue and the bucket answer. Every problem
    /// (a malformed URL, no credentials, an unreachable endpoint, a queue or bucket that does not exist) becomes an
    /// <see cref="InputException"/> with one sentence, which the worker prints before exiting with code 2.
    /// </summary>
    public static WorkerServices Create(WorkerSettings settings, TimeProvider time, Func<string, string?> environment, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(environment);
        var queueName = QueueNameOf(settings.QueueUrl);
        var connectionOptions = new AwsConnectionOptions
        {
            Region = settings.Region,
            MaxAttempts = MaxAttempts(environment),
            TimeProvider = time,
            Environment = environment,
        };
        var connection = new AwsConnection(connectionOptions);
        var queue = new SqsJobQueue(new SqsClient(connection), queueName, settings.QueueUrl);
        var bucket = S3ObjectStore.Create(settings.Bucket, new S3ClientSettings(settings.Region, S3Endpoint(environment)), time: time);

        Probe(settings, connectionOptions with { MaxAttempts = ProbeMaxAttempts }, bucket);
        return new WorkerServices(
            queue,
            bucket,
            new S3JobJournal(bucket, settings.AppName),
            new S3LogStore(bucket, settings.AppName, time, output));
    }

    private static string QueueNameOf(string url)
    {
        var name = IsQueueUrl(url) ? new Uri(url).AbsolutePath.TrimEnd('/').Split('/')[^1] : "";
        return QueueNames.IsValid(name)
            ? name
            : throw Problem(WorkerEnvironment.QueueUrl, $"'{url}' is not an SQS queue URL (https://sqs.<region>.amazonaws.com/<account>/<queue name>).",
                "set it to the URL 'fleetbook setup' printed, or run setup again.");
    }

    /// <summary>AWS_MAX_ATTEMPTS, as the SDKs read it; the worker's own default otherwise.</summary>
    private static int MaxAttempts(Func<string, string?> environment) =>
        int.TryParse(environment("AWS_MAX_ATTEMPTS"), NumberStyles.None, CultureInfo.InvariantCulture, out var attempts) && attempts >= 1
            ? attempts
            : DefaultWorkerMaxAttempts;

    internal static string? S3Endpoint(Func<string, string?> environment)
    {
        if (string.Equals(environment("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")?.Trim(), "true", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        foreach (var variable in new[] { "AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL" })
        {
            if (environment(variable) is { } value && !string.IsNullOrWhiteSpace(value))
            {
                return IsQueueUrl(value.Trim())
                    ? value.Trim()
                    : throw Problem(variable, $"{variable}='{value}' is not an http:// or https:// URL.", "set it to the S3 endpoint, or unset it to use AWS.");
            }
        }

        return null;
    }

    /// <summary>
    /// One GetQueueAttributes and one small listing, on a connection that gives up after two attempts. A worker
    /// that cannot reach either would otherwise fail its first job, or wait for a queue that never answers.
    /// </summary>
    private static void Probe(WorkerSettings settings, AwsConnectionOptions probeOptions, S3ObjectStore bucket)
    {
        using var probe = new AwsConnection(probeOptions);
        try
        {
            new SqsClient(probe)
                .GetQueueAttributesAsync(new GetQueueAttributesRequest(settings.QueueUrl, [SqsAttributeNames.QueueArn]), CancellationToken.None)
                .GetAwaiter().GetResult();
        }
        catch (AwsServiceException ex)
        {
            throw Problem(WorkerEnvironment.QueueUrl, ex.Message, null);
        }
        catch (InvalidOperationException ex)
        {
            throw Problem(WorkerEnvironment.QueueUrl, ex.Message, null);
        }

        try
        {
            bucket.ProbeAsync(CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (S3StoreException ex)
        {
            throw Problem(WorkerEnvironment.Bucket, ex.Message, null);
        }
    }

    private static InputException Problem(string variable, string message, string? fix) =>
        new(new InputProblem("environment", null, null, variable, message, fix));
}

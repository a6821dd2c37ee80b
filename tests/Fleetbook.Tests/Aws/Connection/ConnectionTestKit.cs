using Amazon.Runtime;
using Fleetbook.Backends.Aws.Connection;

namespace Fleetbook.Tests.Aws.Connection;

/// <summary>Options for connections under test: fixed keys, a manual clock, the test models, an empty environment.</summary>
internal static class ConnectionTestKit
{
    public const string AccessKey = "AKIDEXAMPLE";
    public const string SecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    public static readonly DateTimeOffset Start = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public static AwsConnectionOptions Options(HttpMessageHandler handler, TimeProvider? time = null) => new()
    {
        Region = "us-east-1",
        Credentials = new BasicAWSCredentials(AccessKey, SecretKey),
        HttpHandler = handler,
        TimeProvider = time ?? new ManualTimeProvider(Start),
        Models = TestModels.For,
        Environment = _ => null,
        Random = () => 0.5,
    };

    public static SocketsHttpHandler Direct() => new() { UseProxy = false };

    public static IReadOnlyDictionary<string, Uri> AllAt(Uri url) =>
        new Dictionary<string, Uri> { ["SQS"] = url, ["ECS"] = url, ["EC2"] = url };
}

internal sealed class RecordingObserver : IAwsCallObserver
{
    private readonly List<AwsCallAttempt> attempts = [];

    public IReadOnlyList<AwsCallAttempt> Attempts
    {
        get
        {
            lock (attempts)
            {
                return attempts.ToArray();
            }
        }
    }

    public void OnAttempt(AwsCallAttempt attempt)
    {
        lock (attempts)
        {
            attempts.Add(attempt);
        }
    }
}

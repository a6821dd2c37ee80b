using Amazon.Runtime;
using Fleetbook.Backends.Aws.Connection;
using Fleetbook.Tests.Aws.Fake;

namespace Fleetbook.Tests.Aws.Preflight;

/// <summary>A connection whose EC2 and CloudWatch calls go to a fake AWS server, with its keys and region and one attempt per call.</summary>
internal static class FakeEc2Connection
{
    public static AwsConnection For(FakeAwsServer server, TimeProvider? time = null) => new(Options(server, time));

    public static AwsConnectionOptions Options(FakeAwsServer server, TimeProvider? time = null) => new()
    {
        Region = server.Region,
        Credentials = new BasicAWSCredentials(server.AccessKeyId, server.SecretAccessKey),
        Endpoints = new Dictionary<string, Uri>(StringComparer.OrdinalIgnoreCase)
        {
            ["EC2"] = new Uri(server.Url),
            ["CLOUDWATCH"] = new Uri(server.Url),
        },
        Environment = _ => null,
        MaxAttempts = 1,
        TimeProvider = time ?? TimeProvider.System,
    };
}

using Amazon.Runtime;
using Fleetbook.Backends.Aws.Protocol;

namespace Fleetbook.Backends.Aws.Connection;

/// <summary>How an <see cref="AwsConnection"/> finds, authenticates to and retries against AWS.</summary>
public sealed record AwsConnectionOptions
{
    public const int DefaultMaxAttempts = 3;
    public static readonly TimeSpan DefaultBaseDelay = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan DefaultMaxBackoff = TimeSpan.FromSeconds(20);

    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Long enough for SQS long polls (20 s) with room to spare.</summary>
    public static readonly TimeSpan DefaultAttemptTimeout = TimeSpan.FromSeconds(65);

    /// <summary>The region, such as "us-east-1"; null to take AWS_REGION, AWS_DEFAULT_REGION or the profile's region.</summary>
    public string? Region { get; init; }

    /// <summary>The credentials profile (~/.aws/credentials or ~/.aws/config); null for the SDK's default chain (which honours AWS_PROFILE).</summary>
    public string? Profile { get; init; }

    /// <summary>Endpoints by service id (<see cref="AwsService.Id"/>); AWS_ENDPOINT_URL_&lt;ID&gt; and AWS_ENDPOINT_URL take precedence.</summary>
    public IReadOnlyDictionary<string, Uri> Endpoints { get; init; } = new Dictionary<string, Uri>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Attempts per call, the first included (the SDKs' standard retry mode uses 3).</summary>
    public int MaxAttempts { get; init; } = DefaultMaxAttempts;

    /// <summary>The back-off before retry n is random(0, min(<see cref="MaxBackoff"/>, BaseDelay·2^(n-1))).</summary>
    public TimeSpan BaseDelay { get; init; } = DefaultBaseDelay;

    public TimeSpan MaxBackoff { get; init; } = DefaultMaxBackoff;

    /// <summary>How long one attempt may take before it counts as a timeout (and is retried).</summary>
    public TimeSpan AttemptTimeout { get; init; } = DefaultAttemptTimeout;

    /// <summary>How long opening a connection may take (applies to the connection's own HTTP stack, not to a given <see cref="HttpHandler"/>).</summary>
    public TimeSpan ConnectTimeout { get; init; } = DefaultConnectTimeout;

    /// <summary>Credentials to use instead of the profile or the default chain.</summary>
    public AWSCredentials? Credentials { get; init; }

    /// <summary>The HTTP stack; null for a pooled <see cref="SocketsHttpHandler"/>. The connection does not dispose a handler it is given.</summary>
    public HttpMessageHandler? HttpHandler { get; init; }

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Where service models come from; null for the models embedded in Fleetbook.</summary>
    public Func<AwsService, ServiceModel>? Models { get; init; }

    /// <summary>Told about every attempt (for displays and tests); never given headers or bodies.</summary>
    public IAwsCallObserver? Observer { get; init; }

    public ProtocolSettings Protocol { get; init; } = ProtocolSettings.Default;

    /// <summary>Reads environment variables (AWS_ENDPOINT_URL…, AWS_REGION…); tests replace it.</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>The source of jitter, a number in [0, 1); tests replace it.</summary>
    public Func<double> Random { get; init; } = System.Random.Shared.NextDouble;
}

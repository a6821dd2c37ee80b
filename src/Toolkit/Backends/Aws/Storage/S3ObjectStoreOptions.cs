using Amazon.Runtime;

namespace Fleetbook.Backends.Aws.Storage;

/// <summary>Where S3 is and who is asking. Credentials null means AWSSDK.Core's default chain (environment, profile, role).</summary>
/// <param name="Region">The bucket's region (AWS_REGION).</param>
/// <param name="ServiceUrl">An endpoint override (AWS_ENDPOINT_URL_S3 or AWS_ENDPOINT_URL); requests then use path-style addressing.</param>
/// <param name="Credentials">Explicit credentials, or null for the default chain.</param>
public sealed record S3ClientSettings(string Region = "us-east-1", string? ServiceUrl = null, AWSCredentials? Credentials = null)
{
    /// <summary>Hides the credentials: a record's generated ToString would print the object.</summary>
    public override string ToString() => $"S3 in {Region}" + (ServiceUrl is null ? "" : $" at {ServiceUrl}");
}

/// <summary>How an <see cref="S3ObjectStore"/> uploads.</summary>
public sealed record S3ObjectStoreOptions
{
    public const long MiB = 1024 * 1024;

    /// <summary>S3's smallest part (except the last).</summary>
    public const long MinPartSize = 5 * MiB;

    /// <summary>
    /// Sends bodies as aws-chunked with a trailing checksum (the SDK's default). Servers that do not decode that
    /// encoding (s3rver) store the chunk framing as the object's content; turn it off for them.
    /// </summary>
    public bool UseChunkEncoding { get; init; } = true;

    /// <summary>Keys per ListObjectsV2 page (S3 returns at most 1,000).</summary>
    public int ListPageSize { get; init; } = 1000;

    /// <summary>Files at least this large are uploaded in parts.</summary>
    public long MultipartThreshold { get; init; } = 16 * MiB;

    public long PartSize { get; init; } = 16 * MiB;

    public int MaxPartsInFlight { get; init; } = 4;

    /// <summary>Tries per part when S3 answers SlowDown or a 5xx, or the connection breaks.</summary>
    public int PartAttempts { get; init; } = 4;

    /// <summary>The pause before a part's first retry; doubled after each, with jitter.</summary>
    public TimeSpan PartRetryDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(PartSize, MinPartSize, nameof(PartSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(MultipartThreshold, PartSize, nameof(MultipartThreshold));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPartsInFlight, 1, nameof(MaxPartsInFlight));
        ArgumentOutOfRangeException.ThrowIfLessThan(PartAttempts, 1, nameof(PartAttempts));
        ArgumentOutOfRangeException.ThrowIfLessThan(ListPageSize, 1, nameof(ListPageSize));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ListPageSize, 1000, nameof(ListPageSize));
    }
}

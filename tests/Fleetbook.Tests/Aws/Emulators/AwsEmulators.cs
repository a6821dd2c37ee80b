using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Fleetbook.Backends.Aws;
using Fleetbook.Backends.Aws.Connection;
using Fleetbook.Backends.Aws.Sqs;
using Fleetbook.Backends.Aws.Storage;
using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Aws.Emulators;

/// <summary>
/// The emulators the AWS tests share: fauxqs (SQS and S3) and s3rver (S3), each started on a free loopback port the
/// first time a test asks for it and stopped when the collection ends.
/// </summary>
public sealed class AwsEmulators : IAsyncLifetime
{
    public const string Region = "us-east-1";

    /// <summary>fauxqs accepts any credentials; these are obviously not real ones.</summary>
    public static readonly BasicAWSCredentials FauxqsCredentials = new("fleetbook-test", "fleetbook-test-secret");

    /// <summary>s3rver's built-in key pair.</summary>
    public static readonly BasicAWSCredentials S3rverCredentials = new("S3RVER", "S3RVER");

    private readonly TempFolder _s3rverData = new("s3rver");
    private readonly Lazy<Task<EmulatorProcess>> _fauxqs;
    private readonly Lazy<Task<EmulatorProcess>> _s3rver;

    public AwsEmulators()
    {
        _fauxqs = new(async () =>
        {
            var installed = await EmulatorPackages.EnsureInstalledAsync();
            return await EmulatorProcess.StartAsync("fauxqs", installed.FauxqsNode, [], installed.Folder, "fauxqs-start.mjs");
        });
        _s3rver = new(async () =>
        {
            var installed = await EmulatorPackages.EnsureInstalledAsync();
            // s3rver makes ListObjectsV2 continuation tokens with DES, which OpenSSL 3 only offers from its legacy provider.
            return await EmulatorProcess.StartAsync("s3rver", installed.SystemNode, ["--openssl-legacy-provider"], installed.Folder, "s3rver-start.mjs", _s3rverData.Path);
        });
    }

    public Task<EmulatorProcess> FauxqsAsync() => _fauxqs.Value;

    public Task<EmulatorProcess> S3rverAsync() => _s3rver.Value;

    /// <summary>A new bucket on fauxqs and a store for it (with the SDK's default chunked uploads, which fauxqs decodes).</summary>
    public async Task<S3ObjectStore> FauxqsBucketAsync(S3ObjectStoreOptions? options = null)
    {
        var fauxqs = await FauxqsAsync();
        return await NewBucketAsync(new S3ClientSettings(Region, fauxqs.Endpoint, FauxqsCredentials), options ?? new S3ObjectStoreOptions());
    }

    /// <summary>A new bucket on s3rver and a store for it, without aws-chunked bodies (s3rver would store the framing).</summary>
    public async Task<S3ObjectStore> S3rverBucketAsync(S3ObjectStoreOptions? options = null)
    {
        var s3rver = await S3rverAsync();
        return await NewBucketAsync(new S3ClientSettings(Region, s3rver.Endpoint, S3rverCredentials), (options ?? new S3ObjectStoreOptions()) with { UseChunkEncoding = false });
    }

    /// <summary>
    /// A connection to <paramref name="endpoint"/> with the dummy credentials, blind to the test process's own AWS
    /// variables; <paramref name="maxAttempts"/> and a short back-off keep fault tests quick.
    /// </summary>
    public static AwsConnection Connection(string endpoint, int maxAttempts = AwsConnectionOptions.DefaultMaxAttempts, TimeSpan? baseDelay = null) => new(new AwsConnectionOptions
    {
        Region = Region,
        Credentials = FauxqsCredentials,
        Endpoints = new Dictionary<string, Uri>(StringComparer.OrdinalIgnoreCase) { [AwsService.Sqs.Id] = new Uri(endpoint) },
        Environment = _ => null,
        MaxAttempts = maxAttempts,
        BaseDelay = baseDelay ?? TimeSpan.FromMilliseconds(50),
        MaxBackoff = TimeSpan.FromSeconds(1),
    });

    /// <summary>The SQS client and queue service of a connection to fauxqs.</summary>
    public async Task<(AwsConnection Connection, SqsQueueService Queues)> FauxqsQueuesAsync(IReadOnlyDictionary<string, string>? tags = null)
    {
        var connection = Connection((await FauxqsAsync()).Endpoint);
        return (connection, new SqsQueueService(new SqsClient(connection), tags));
    }

    public static string NewName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 63)];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var emulator in new[] { _fauxqs, _s3rver })
        {
            if (emulator.IsValueCreated && emulator.Value.IsCompletedSuccessfully)
            {
                await emulator.Value.Result.DisposeAsync();
            }
        }

        _s3rverData.Dispose();
    }

    private static async Task<S3ObjectStore> NewBucketAsync(S3ClientSettings settings, S3ObjectStoreOptions options)
    {
        var bucket = NewName("fleetbook");
        using (var client = S3ObjectStore.CreateClient(settings))
        {
            await client.PutBucketAsync(new PutBucketRequest { BucketName = bucket });
        }

        return S3ObjectStore.Create(bucket, settings, options);
    }
}

/// <summary>The tests that share the emulators; they run one class at a time, as every test here does.</summary>
[CollectionDefinition(Name)]
public sealed class AwsEmulatorCollection : ICollectionFixture<AwsEmulators>
{
    public const string Name = "AWS emulators";
}

/// <summary>A fact that needs the emulators: skipped, with the reason, when Node.js or npm is missing.</summary>
public sealed class EmulatorFactAttribute : FactAttribute
{
    public EmulatorFactAttribute()
    {
        if (EmulatorPackages.MissingReason is { } reason)
        {
            Skip = reason;
        }
    }
}

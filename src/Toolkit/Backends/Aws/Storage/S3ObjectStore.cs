using System.Net;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Fleetbook.Storage;

namespace Fleetbook.Backends.Aws.Storage;

/// <summary>
/// An S3 bucket through AWSSDK.S3. Every SDK failure comes out as an <see cref="S3StoreException"/> (an
/// <see cref="IOException"/>) with one sentence saying what failed and what to check.
/// </summary>
public sealed partial class S3ObjectStore : IObjectStore, IDisposable
{
    private readonly IAmazonS3 _s3;
    private readonly bool _ownsClient;
    private readonly S3ObjectStoreOptions _options;
    private readonly TimeProvider _time;

    /// <summary>Uses <paramref name="s3"/> as it is (the caller keeps ownership).</summary>
    public S3ObjectStore(IAmazonS3 s3, string bucket, S3ObjectStoreOptions? options = null, TimeProvider? time = null)
        : this(s3, ownsClient: false, bucket, options, time)
    {
    }

    private S3ObjectStore(IAmazonS3 s3, bool ownsClient, string bucket, S3ObjectStoreOptions? options, TimeProvider? time)
    {
        ArgumentNullException.ThrowIfNull(s3);
        ArgumentException.ThrowIfNullOrWhiteSpace(bucket);
        _options = options ?? new S3ObjectStoreOptions();
        _options.Validate();
        _s3 = s3;
        _ownsClient = ownsClient;
        _time = time ?? TimeProvider.System;
        Name = bucket;
    }

    public string Name { get; }

    /// <summary>A store with its own <see cref="AmazonS3Client"/>, disposed with the store.</summary>
    public static S3ObjectStore Create(string bucket, S3ClientSettings settings, S3ObjectStoreOptions? options = null, TimeProvider? time = null) =>
        new(CreateClient(settings), ownsClient: true, bucket, options, time);

    /// <summary>
    /// An S3 client for the region, or for the endpoint override with path-style addressing (emulators and
    /// S3-compatible stores do not resolve bucket host names).
    /// </summary>
    public static AmazonS3Client CreateClient(S3ClientSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var config = new AmazonS3Config();
        if (settings.ServiceUrl is { Length: > 0 } url)
        {
            config.ServiceURL = url;
            config.ForcePathStyle = true;
            config.AuthenticationRegion = settings.Region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(settings.Region);
        }

        return settings.Credentials is { } credentials ? new AmazonS3Client(credentials, config) : new AmazonS3Client(config);
    }

    /// <summary>Checks that the bucket exists and these credentials may list it (one ListObjectsV2 of at most one key).</summary>
    public Task ProbeAsync(CancellationToken cancellationToken) =>
        CallAsync("ListObjectsV2", null, () => _s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Name, MaxKeys = 1 }, cancellationToken), cancellationToken);

    public async IAsyncEnumerable<StoredObject> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var request = new ListObjectsV2Request { BucketName = Name, Prefix = prefix ?? "", MaxKeys = _options.ListPageSize };
        while (true)
        {
            var page = await CallAsync("ListObjectsV2", prefix, () => _s3.ListObjectsV2Async(request, cancellationToken), cancellationToken);
            foreach (var item in page.S3Objects ?? [])
            {
                yield return new StoredObject(item.Key, item.Size ?? 0, Utc(item.LastModified));
            }

            if (page.IsTruncated != true || string.IsNullOrEmpty(page.NextContinuationToken))
            {
                yield break;
            }

            request.ContinuationToken = page.NextContinuationToken;
        }
    }

    public async Task<StoredObject?> HeadAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            var head = await CallAsync("HeadObject", key, () => _s3.GetObjectMetadataAsync(Name, key, cancellationToken), cancellationToken);
            return new StoredObject(key, head.ContentLength, Utc(head.LastModified));
        }
        catch (S3StoreException ex) when (ex.StatusCode == (int)HttpStatusCode.NotFound && ex.Code != "NoSuchBucket")
        {
            return null;
        }
    }

    /// <summary>Files of <see cref="S3ObjectStoreOptions.MultipartThreshold"/> or more go up in parts, several at once.</summary>
    public async Task PutFileAsync(string key, string localPath, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var length = new FileInfo(localPath).Length;
        if (length >= _options.MultipartThreshold)
        {
            await PutInPartsAsync(key, localPath, length, cancellationToken);
            return;
        }

        await CallAsync("PutObject", key, () => _s3.PutObjectAsync(
            new PutObjectRequest { BucketName = Name, Key = key, FilePath = localPath, UseChunkEncoding = _options.UseChunkEncoding },
            cancellationToken), cancellationToken);
    }

    public async Task PutBytesAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var bytes = MemoryMarshal.TryGetArray(content, out var segment) ? segment : new ArraySegment<byte>(content.ToArray());
        await CallAsync("PutObject", key, async () =>
        {
            using var stream = new MemoryStream(bytes.Array!, bytes.Offset, bytes.Count, writable: false);
            return await _s3.PutObjectAsync(
                new PutObjectRequest { BucketName = Name, Key = key, InputStream = stream, AutoCloseStream = false, UseChunkEncoding = _options.UseChunkEncoding },
                cancellationToken);
        }, cancellationToken);
    }

    /// <summary>Downloads to a temporary file beside <paramref name="localPath"/> and renames it into place.</summary>
    public async Task<bool> GetFileAsync(string key, string localPath, CancellationToken cancellationToken)
    {
        var path = Path.GetFullPath(localPath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = Path.Combine(Path.GetDirectoryName(path)!, ".fleetbook-tmp-" + Guid.NewGuid().ToString("N"));
        try
        {
            var found = await CallAsync("GetObject", key, async () =>
            {
                using var response = await GetOrNullAsync(key, cancellationToken);
                if (response is null)
                {
                    return false;
                }

                await using (var target = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
                {
                    await response.ResponseStream.CopyToAsync(target, cancellationToken);
                }

                return true;
            }, cancellationToken);
            if (found)
            {
                File.Move(temp, path, overwrite: true);
            }

            return found;
        }
        finally
        {
            File.Delete(temp);
        }
    }

    public Task<byte[]?> GetBytesAsync(string key, CancellationToken cancellationToken) =>
        CallAsync("GetObject", key, async () =>
        {
            using var response = await GetOrNullAsync(key, cancellationToken);
            if (response is null)
            {
                return null;
            }

            using var content = new MemoryStream(response.ContentLength > 0 ? (int)Math.Min(response.ContentLength, int.MaxValue) : 0);
            await response.ResponseStream.CopyToAsync(content, cancellationToken);
            return content.ToArray();
        }, cancellationToken);

    /// <summary>Deleting a key that does not exist does nothing, as on S3.</summary>
    public Task DeleteAsync(string key, CancellationToken cancellationToken) =>
        CallAsync("DeleteObject", key, () => _s3.DeleteObjectAsync(Name, key, cancellationToken), cancellationToken);

    public override string ToString() => $"s3://{Name}";

    public void Dispose()
    {
        if (_ownsClient)
        {
            _s3.Dispose();
        }
    }

    private async Task<GetObjectResponse?> GetOrNullAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            return await _s3.GetObjectAsync(Name, key, cancellationToken);
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound && ex.ErrorCode != "NoSuchBucket")
        {
            return null;
        }
    }

    /// <summary>Runs one SDK call, turning its failures into <see cref="S3StoreException"/>; the caller's cancellation passes through.</summary>
    private async Task<T> CallAsync<T>(string operation, string? key, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call();
        }
        catch (Exception ex) when (IsSdkFailure(ex) && !cancellationToken.IsCancellationRequested)
        {
            throw S3StoreException.From(operation, Name, key, ex);
        }
    }

    private static bool IsSdkFailure(Exception error) =>
        error is AmazonServiceException or AmazonClientException or HttpRequestException or IOException or TimeoutException or OperationCanceledException or InvalidOperationException
        && error is not S3StoreException;

    private static DateTimeOffset Utc(DateTime? value) =>
        value is { } time ? new DateTimeOffset(DateTime.SpecifyKind(time.ToUniversalTime(), DateTimeKind.Utc)) : DateTimeOffset.MinValue;
}

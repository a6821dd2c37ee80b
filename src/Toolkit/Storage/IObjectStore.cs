namespace Fleetbook.Storage;

/// <summary>An object as a listing shows it.</summary>
public sealed record StoredObject(string Key, long Size, DateTimeOffset LastModified);

/// <summary>A bucket: S3 on AWS, a folder on the local backend. Keys use '/' and list in S3's order.</summary>
public interface IObjectStore
{
    /// <summary>The bucket's name (local: the folder).</summary>
    string Name { get; }

    /// <summary>Every object whose key starts with <paramref name="prefix"/>, in ordinal key order, paginated as needed.</summary>
    IAsyncEnumerable<StoredObject> ListAsync(string prefix, CancellationToken cancellationToken);

    Task<StoredObject?> HeadAsync(string key, CancellationToken cancellationToken);

    Task PutFileAsync(string key, string localPath, CancellationToken cancellationToken);

    Task PutBytesAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);

    /// <summary>Downloads to <paramref name="localPath"/> (folders created); false when the object does not exist.</summary>
    Task<bool> GetFileAsync(string key, string localPath, CancellationToken cancellationToken);

    /// <summary>The object's bytes, or null when it does not exist.</summary>
    Task<byte[]?> GetBytesAsync(string key, CancellationToken cancellationToken);

    Task DeleteAsync(string key, CancellationToken cancellationToken);
}

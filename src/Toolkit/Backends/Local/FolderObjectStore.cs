using System.IO.Enumeration;
using System.Runtime.CompilerServices;
using Fleetbook.Storage;

namespace Fleetbook.Backends.Local;

/// <summary>
/// A folder as the bucket: key <c>a/b/c.csv</c> is the file <c>a/b/c.csv</c> under it. Puts write a hidden temp file
/// next to the target and rename it into place, so readers see the old object or the new one, never half of one.
/// </summary>
public sealed class FolderObjectStore : IObjectStore
{
    private const int CopyBufferSize = 1 << 20;

    public FolderObjectStore(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        Root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
    }

    /// <summary>The folder's full path.</summary>
    public string Root { get; }

    public string Name => Root;

    /// <summary>The file that holds <paramref name="key"/>.</summary>
    /// <exception cref="ArgumentException">The key would escape the folder, or a folder cannot hold it.</exception>
    public string PathOf(string key) => ObjectKeys.ToPath(Root, key);

    /// <summary>Like S3, the prefix may end mid-name: <c>results/Plate1-A0</c> matches <c>results/Plate1-A01/x.csv</c>.</summary>
    public async IAsyncEnumerable<StoredObject> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        prefix ??= "";

        // Only the folder named by the prefix up to its last '/' can hold matches; start there.
        var folderKey = prefix[..(prefix.LastIndexOf('/') + 1)];
        string start;
        if (folderKey.Length == 0)
        {
            start = Root;
        }
        else if (!ObjectKeys.TryToPath(Root, folderKey[..^1], out start, out _))
        {
            yield break; // no valid key starts with this prefix
        }

        if (!Directory.Exists(start))
        {
            yield break;
        }

        // Walking a big folder blocks; do it off the caller's thread.
        var matches = await Task.Run(() => Collect(start, folderKey, prefix, cancellationToken), cancellationToken);
        foreach (var item in matches)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return item;
        }
    }

    public Task<StoredObject?> HeadAsync(string key, CancellationToken cancellationToken)
    {
        var file = new FileInfo(PathOf(key));
        return Task.FromResult(file.Exists ? new StoredObject(key, file.Length, file.LastWriteTimeUtc) : null);
    }

    public async Task PutFileAsync(string key, string localPath, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        await using var source = new FileStream(localPath, FileMode.Open, FileAccess.Read, FileShare.Read, CopyBufferSize, useAsync: true);
        await WriteAtomicallyAsync(path, target => source.CopyToAsync(target, CopyBufferSize, cancellationToken), cancellationToken);
    }

    public Task PutBytesAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        return WriteAtomicallyAsync(path, target => target.WriteAsync(content, cancellationToken).AsTask(), cancellationToken);
    }

    public async Task<bool> GetFileAsync(string key, string localPath, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        await using var source = OpenForRead(path);
        if (source is null)
        {
            return false;
        }

        await WriteAtomicallyAsync(Path.GetFullPath(localPath), target => source.CopyToAsync(target, CopyBufferSize, cancellationToken), cancellationToken);
        return true;
    }

    public async Task<byte[]?> GetBytesAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        await using var source = OpenForRead(path);
        if (source is null)
        {
            return null;
        }

        var content = new MemoryStream();
        await source.CopyToAsync(content, cancellationToken);
        return content.ToArray();
    }

    /// <summary>Deleting a key that does not exist does nothing, as on S3.</summary>
    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        try
        {
            if (File.Exists(path))
            {
                File.Delete(path);
            }
        }
        catch (DirectoryNotFoundException)
        {
        }

        return Task.CompletedTask;
    }

    public override string ToString() => Root;

    private static List<StoredObject> Collect(string start, string startKey, string prefix, CancellationToken cancellationToken)
    {
        var options = new EnumerationOptions
        {
            RecurseSubdirectories = true,
            AttributesToSkip = FileAttributes.None, // dot files are objects too
            IgnoreInaccessible = true,
        };
        var files = new FileSystemEnumerable<StoredObject>(
            start,
            (ref FileSystemEntry entry) => new StoredObject(
                startKey + ObjectKeys.FromRelativePath(Path.GetRelativePath(start, entry.ToFullPath())),
                entry.Length,
                entry.LastWriteTimeUtc),
            options)
        {
            ShouldIncludePredicate = (ref FileSystemEntry entry) => !entry.IsDirectory && !ObjectKeys.IsTempName(entry.FileName),
        };

        var matches = new List<StoredObject>();
        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (file.Key.StartsWith(prefix, StringComparison.Ordinal))
            {
                matches.Add(file);
            }
        }

        matches.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return matches;
    }

    private static FileStream? OpenForRead(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, CopyBufferSize, useAsync: true);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null; // deleted since the check
        }
    }

    private static async Task WriteAtomicallyAsync(string path, Func<Stream, Task> write, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = ObjectKeys.TempPathNextTo(path);
        try
        {
            await using (var target = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, CopyBufferSize, useAsync: true))
            {
                await write(target);
            }

            cancellationToken.ThrowIfCancellationRequested();
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp); // nothing left when the move happened
        }
    }
}

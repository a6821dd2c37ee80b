namespace Fleetbook.Backends.Local;

/// <summary>
/// Maps S3-style keys to paths under a folder. Keys whose segments a folder cannot hold faithfully are rejected
/// (<see cref="Storage.BucketKeys"/>), and so are names reserved for temp files.
/// </summary>
internal static class ObjectKeys
{
    /// <summary>Puts write here first and rename into place; listings skip such files.</summary>
    public const string TempPrefix = ".fleetbook-tmp-";

    public static bool IsTempName(ReadOnlySpan<char> fileName) => fileName.StartsWith(TempPrefix, StringComparison.Ordinal);

    public static string TempPathNextTo(string path) =>
        Path.Combine(Path.GetDirectoryName(path)!, TempPrefix + Guid.NewGuid().ToString("N"));

    /// <summary>The file for <paramref name="key"/> under <paramref name="root"/> (a full path).</summary>
    /// <exception cref="ArgumentException">The key is not one a folder can hold inside the root.</exception>
    public static string ToPath(string root, string key, string paramName = "key")
    {
        if (!TryToPath(root, key, out var path, out var problem))
        {
            throw new ArgumentException($"'{key}' cannot be used as a key: {problem}.", paramName);
        }

        return path;
    }

    public static bool TryToPath(string root, string? key, out string path, out string problem)
    {
        path = "";
        problem = "";
        if (Storage.BucketKeys.Problem(key) is { } invalid)
        {
            problem = invalid;
            return false;
        }

        if (key!.Split('/').Any(segment => IsTempName(segment)))
        {
            problem = $"names starting with '{TempPrefix}' are reserved for uploads in progress";
            return false;
        }

        var full = Path.GetFullPath(Path.Combine(root, key.Replace('/', Path.DirectorySeparatorChar)));
        var inside = Path.EndsInDirectorySeparator(root) ? root : root + Path.DirectorySeparatorChar;
        if (!full.StartsWith(inside, StringComparison.Ordinal))
        {
            problem = "it leads outside the bucket's folder";
            return false;
        }

        path = full;
        return true;
    }

    public static string FromRelativePath(string relativePath) =>
        Path.DirectorySeparatorChar == '/' ? relativePath : relativePath.Replace(Path.DirectorySeparatorChar, '/');
}

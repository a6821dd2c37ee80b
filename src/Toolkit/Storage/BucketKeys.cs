namespace Fleetbook.Storage;

/// <summary>
/// What makes a key usable in every bucket Fleetbook writes to: S3 would take almost anything, but a folder cannot hold
/// <c>.</c>, <c>..</c> or empty segments, a leading '/', a backslash or NUL faithfully, and a run must mean the same on
/// both backends.
/// </summary>
public static class BucketKeys
{
    /// <summary>Why <paramref name="key"/> cannot be a key (or a key prefix), or null when it can.</summary>
    public static string? Problem(string? key)
    {
        if (string.IsNullOrEmpty(key))
        {
            return "it is empty";
        }

        if (key.Contains('\0'))
        {
            return "it contains a NUL character";
        }

        if (key.Contains('\\'))
        {
            return "keys use '/' and may not contain '\\'";
        }

        if (key.StartsWith('/') || Path.IsPathRooted(key))
        {
            return "it is an absolute path";
        }

        foreach (var segment in key.Split('/'))
        {
            if (segment is "" or "." or "..")
            {
                return "'.', '..' and empty segments would leave or blur the bucket's folder";
            }
        }

        return null;
    }
}

using System.Text;
using Fleetbook.Inputs;

namespace Fleetbook.Storage;

/// <summary>
/// What makes a key usable in every bucket Fleetbook writes to: S3 would take almost anything, but a folder cannot hold
/// <c>.</c>, <c>..</c> or empty segments, a leading '/', a backslash or control characters faithfully, and a run must
/// mean the same on both backends. Submit checks each job's prefixes with it, and the worker checks again what it
/// is about to write.
/// </summary>
public static class BucketKeys
{
    /// <summary>S3's longest key, in UTF-8 bytes.</summary>
    public const int MaxKeyBytes = 1024;

    /// <summary>Why <paramref name="key"/> cannot be a key (or a key prefix), or null when it can.</summary>
    public static string? Problem(string? key)
    {
        if (string.IsNullOrEmpty(key))
        {
            return "it is empty";
        }

        if (ControlCharacters.First(key) is { } control)
        {
            return $"it holds the control character {control}";
        }

        if (key.Contains('\\'))
        {
            return "it holds a backslash, which a folder bucket reads as a separator";
        }

        if (key.StartsWith('/') || Path.IsPathRooted(key))
        {
            return "it starts with '/', which makes it an absolute path";
        }

        foreach (var range in key.AsSpan().Split('/'))
        {
            if (key.AsSpan(range) is "" or "." or "..")
            {
                var bad = key[range];
                return bad.Length == 0 ? "it has an empty segment ('//')" : $"it has a '{bad}' segment, which would leave or blur its folder";
            }
        }

        return Encoding.UTF8.GetByteCount(key) > MaxKeyBytes ? $"it is longer than S3's {MaxKeyBytes}-byte limit for keys" : null;
    }
}

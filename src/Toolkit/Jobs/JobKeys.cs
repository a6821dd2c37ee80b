using System.Text;
using Fleetbook.Inputs;

namespace Fleetbook.Jobs;

/// <summary>
/// What a job's output or input prefix must be to name the same place in every bucket: S3 takes almost any key, but
/// a folder bucket cannot hold <c>.</c>, <c>..</c> or empty segments, a leading '/', a backslash or NUL faithfully.
/// </summary>
internal static class JobKeys
{
    /// <summary>S3's longest key, in UTF-8 bytes; a prefix must leave room for the file names under it.</summary>
    public const int MaxKeyBytes = 1024;

    /// <summary>What is wrong with one value that goes into a prefix (it starts with '/', holds a '..' segment, a backslash); null when nothing is.</summary>
    public static string? ValueProblem(string value)
    {
        if (value.StartsWith('/'))
        {
            return "starts with '/', which would make the prefix absolute";
        }

        if (value.Contains('\\'))
        {
            return "holds a backslash, which a folder bucket reads as a separator";
        }

        return value.Split('/').FirstOrDefault(segment => segment is "." or "..") is { } bad
            ? $"is or holds a '{bad}' segment, which would leave or blur its folder"
            : null;
    }

    /// <summary>Why <paramref name="prefix"/> cannot be a bucket prefix, or null when it can.</summary>
    public static string? Problem(string prefix)
    {
        if (prefix.Length == 0)
        {
            return "it is empty";
        }

        if (ControlCharacters.First(prefix) is { } control)
        {
            return $"it holds the control character {control}";
        }

        if (prefix.Contains('\\'))
        {
            return "it holds a backslash, which a folder bucket reads as a separator";
        }

        if (prefix.StartsWith('/'))
        {
            return "it starts with '/', which makes it an absolute path";
        }

        if (prefix.Split('/').FirstOrDefault(segment => segment is "" or "." or "..") is { } bad)
        {
            return bad.Length == 0 ? "it has an empty segment ('//')" : $"it has a '{bad}' segment, which would leave or blur its folder";
        }

        return Encoding.UTF8.GetByteCount(prefix) > MaxKeyBytes ? $"it is longer than S3's {MaxKeyBytes}-byte limit for keys" : null;
    }
}

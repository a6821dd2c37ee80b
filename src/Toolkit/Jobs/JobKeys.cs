namespace Fleetbook.Jobs;

/// <summary>
/// Which value of a job makes its output or input prefix unusable (the prefix as a whole is checked by
/// <see cref="Storage.BucketKeys"/>), so that submit can name the value rather than the prefix.
/// </summary>
internal static class JobKeys
{
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

        foreach (var range in value.AsSpan().Split('/'))
        {
            if (value.AsSpan(range) is "." or "..")
            {
                return $"is or holds a '{value[range]}' segment, which would leave or blur its folder";
            }
        }

        return null;
    }
}

namespace Fleetbook.Jobs;

/// <summary>
/// How Python's <c>sorted()</c> orders strings: by code point. Ordinal comparison of .NET strings compares UTF-16 code
/// units, which puts characters above U+FFFF (surrogate pairs) before U+E000–U+FFFF; this does not.
/// </summary>
internal sealed class PythonStringOrder : IComparer<string>
{
    public static PythonStringOrder Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        if (x is null || y is null)
        {
            return x is null ? (y is null ? 0 : -1) : 1;
        }

        // Up to the first difference the two are the same characters; where that is no surrogate, it decides as UTF-16 does.
        var same = x.AsSpan().CommonPrefixLength(y);
        if (same == x.Length || same == y.Length)
        {
            return x.Length.CompareTo(y.Length);
        }

        if (!char.IsSurrogate(x[same]) && !char.IsSurrogate(y[same]))
        {
            return x[same].CompareTo(y[same]);
        }

        var left = x.EnumerateRunes();
        var right = y.EnumerateRunes();
        while (true)
        {
            var hasLeft = left.MoveNext();
            var hasRight = right.MoveNext();
            if (!hasLeft || !hasRight)
            {
                return hasLeft ? 1 : hasRight ? -1 : 0;
            }

            var order = left.Current.Value.CompareTo(right.Current.Value);
            if (order != 0)
            {
                return order;
            }
        }
    }
}

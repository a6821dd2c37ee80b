using System.Globalization;

namespace Fleetbook.Tests.Aws.Fake;

/// <summary>Offset-based next tokens ("fake-token-&lt;offset&gt;") for every paginated operation of the fake.</summary>
internal static class Paging
{
    private const string Prefix = "fake-token-";

    /// <summary>The page that starts at <paramref name="nextToken"/>, at most <paramref name="pageSize"/> long, and the token of the next page.</summary>
    public static (IReadOnlyList<T> Page, string? NextToken) Page<T>(IReadOnlyList<T> items, string? nextToken, int pageSize)
    {
        var offset = 0;
        if (!string.IsNullOrEmpty(nextToken))
        {
            if (!nextToken.StartsWith(Prefix, StringComparison.Ordinal)
                || !int.TryParse(nextToken.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out offset)
                || offset > items.Count)
            {
                throw new FakeAwsException("InvalidNextToken", $"The next token '{nextToken}' is not one this service gave out.");
            }
        }

        pageSize = Math.Max(1, pageSize);
        var page = items.Skip(offset).Take(pageSize).ToList();
        var next = offset + page.Count < items.Count ? Prefix + (offset + page.Count).ToString(CultureInfo.InvariantCulture) : null;
        return (page, next);
    }
}

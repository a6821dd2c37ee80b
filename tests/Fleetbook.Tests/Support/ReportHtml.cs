using System.Text.RegularExpressions;
using Fleetbook.Charts;

namespace Fleetbook.Tests.Support;

/// <summary>What a written run report must be, wherever it was made.</summary>
public static partial class ReportHtml
{
    /// <summary>One page that needs nothing from elsewhere, but plotly.js from its pinned CDN when no local copy was found.</summary>
    public static void AssertSelfContained(string html)
    {
        Assert.StartsWith("<!DOCTYPE html>", html);
        var external = ExternalReference().Matches(html).Select(m => m.Groups[1].Value)
            .Where(url => !url.StartsWith(PlotlyScript.CdnUrl, StringComparison.Ordinal))
            .ToList();
        Assert.True(external.Count == 0, "the report loads " + string.Join(", ", external));
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
    }

    [GeneratedRegex("""(?:src|href)\s*=\s*["']((?:https?:)?//[^"']+)""", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();
}

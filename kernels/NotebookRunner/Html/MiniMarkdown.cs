using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Fleetbook.Notebooks.Html;

/// <summary>
/// The small part of Markdown notebooks' prose uses: headings, paragraphs, fenced code, lists, inline code, bold,
/// italics and links. Everything is HTML-escaped first; raw HTML in markdown is shown as text.
/// </summary>
internal static partial class MiniMarkdown
{
    public static string ToHtml(string markdown)
    {
        var html = new StringBuilder();
        var paragraph = new List<string>();
        string? list = null;
        var lines = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                Close(html, paragraph, ref list);
                var code = new List<string>();
                while (++i < lines.Length && !lines[i].TrimStart().StartsWith("```", StringComparison.Ordinal))
                {
                    code.Add(lines[i]);
                }

                html.Append("<pre><code>").Append(WebUtility.HtmlEncode(string.Join("\n", code))).Append("</code></pre>\n");
                continue;
            }

            if (Heading().Match(line) is { Success: true } heading)
            {
                Close(html, paragraph, ref list);
                var level = heading.Groups[1].Value.Length;
                html.Append($"<h{level}>").Append(Inline(heading.Groups[2].Value)).Append($"</h{level}>\n");
                continue;
            }

            if (ListItem().Match(line) is { Success: true } item)
            {
                var kind = char.IsDigit(item.Groups[1].Value[0]) ? "ol" : "ul";
                if (list != kind)
                {
                    Close(html, paragraph, ref list);
                    html.Append('<').Append(kind).Append(">\n");
                    list = kind;
                }

                html.Append("<li>").Append(Inline(item.Groups[2].Value)).Append("</li>\n");
                continue;
            }

            if (line.Trim().Length == 0)
            {
                Close(html, paragraph, ref list);
                continue;
            }

            if (list is not null)
            {
                Close(html, paragraph, ref list);
            }

            paragraph.Add(line.Trim());
        }

        Close(html, paragraph, ref list);
        return html.ToString();
    }

    private static void Close(StringBuilder html, List<string> paragraph, ref string? list)
    {
        if (paragraph.Count > 0)
        {
            html.Append("<p>").Append(Inline(string.Join(" ", paragraph))).Append("</p>\n");
            paragraph.Clear();
        }

        if (list is not null)
        {
            html.Append("</").Append(list).Append(">\n");
            list = null;
        }
    }

    private static string Inline(string text)
    {
        var escaped = WebUtility.HtmlEncode(text);
        var codes = new List<string>();
        escaped = Code().Replace(escaped, m =>
        {
            codes.Add(m.Groups[1].Value);
            return $"\u0001{codes.Count - 1}\u0001";
        });
        escaped = Bold().Replace(escaped, "<strong>$1</strong>");
        escaped = Italic().Replace(escaped, "<em>$1</em>");
        escaped = Link().Replace(escaped, m => SafeUrl(m.Groups[2].Value) is { } url ? $"<a href=\"{url}\">{m.Groups[1].Value}</a>" : m.Value);
        return Placeholder().Replace(escaped, m => "<code>" + codes[int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)] + "</code>");
    }

    private static string? SafeUrl(string url) =>
        url.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase) ? null : url;

    [GeneratedRegex(@"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"^\s*([-*+]|\d+[.)])\s+(.*)$")]
    private static partial Regex ListItem();

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Code();

    [GeneratedRegex(@"\*\*(.+?)\*\*")]
    private static partial Regex Bold();

    [GeneratedRegex(@"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")]
    private static partial Regex Italic();

    [GeneratedRegex(@"\[([^\]]+)\]\(([^)\s]+)\)")]
    private static partial Regex Link();

    [GeneratedRegex("\u0001(\\d+)\u0001")]
    private static partial Regex Placeholder();
}

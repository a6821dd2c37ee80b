using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Fleetbook.Display;

/// <summary>
/// A <see cref="DisplayDocument"/> as one self-contained HTML fragment: a <c>&lt;div class="fleetbook-display"&gt;</c>
/// with its own scoped <c>&lt;style&gt;</c>; every value HTML-encoded; charts as plotly <c>&lt;div&gt;</c>+<c>&lt;script&gt;</c>.
/// </summary>
public static partial class HtmlRenderer
{
    public const string RootClass = "fleetbook-display";

    /// <summary>The CSS every fragment carries (scoped under <see cref="RootClass"/>), for hosts that want it once per page.</summary>
    public static string Stylesheet => HtmlStyles.Css;

    public static string Render(DisplayDocument document, DisplayOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        var html = new StringBuilder();
        Write(html, document, options ?? DisplayOptions.Default, includeStyle: true);
        return html.ToString();
    }

    internal static void Write(StringBuilder html, DisplayDocument document, DisplayOptions options, bool includeStyle, string? extraClass = null)
    {
        html.Append("<div class=\"").Append(RootClass).Append(extraClass is null ? "" : " " + extraClass).Append("\">\n");
        if (includeStyle)
        {
            html.Append("<style>").Append(HtmlStyles.Css).Append("</style>\n");
        }

        html.Append("<div class=\"fb-header\"><span class=\"fb-title\">").Append(Encode(document.Title)).Append("</span>");
        if (document.Badge is { } badge)
        {
            html.Append("<span class=\"fb-badge ").Append(ToneClass(badge.Tone)).Append("\">").Append(Encode(badge.Text)).Append("</span>");
        }

        html.Append("</div>\n");
        foreach (var block in document.Blocks)
        {
            WriteBlock(html, block, options);
        }

        html.Append("</div>\n");
    }

    private static void WriteBlock(StringBuilder html, DisplayBlock block, DisplayOptions options)
    {
        switch (block)
        {
            case Paragraph paragraph:
                html.Append(paragraph.Tone == Tone.Neutral ? "<p>" : $"<p class=\"fb-note {ToneClass(paragraph.Tone)}\">").Append(Encode(paragraph.Text)).Append("</p>\n");
                break;
            case NextStep next:
                WriteNext(html, next);
                break;
            case FactList facts:
                html.Append("<table class=\"fb-facts\">");
                if (facts.Title is not null)
                {
                    html.Append("<caption>").Append(Encode(facts.Title)).Append("</caption>");
                }

                html.Append("<tbody>");
                foreach (var fact in facts.Facts)
                {
                    html.Append("<tr><th scope=\"row\">").Append(Encode(fact.Name)).Append("</th>");
                    Cell(html, fact.Value, fact.Tone);
                    html.Append("</tr>");
                }

                html.Append("</tbody></table>\n");
                break;
            case TableBlock table:
                WriteTable(html, table);
                break;
            case BulletList list:
                if (list.Title is not null)
                {
                    html.Append("<div class=\"fb-list-title\">").Append(Encode(list.Title)).Append("</div>");
                }

                html.Append("<ul>");
                foreach (var item in list.Items)
                {
                    html.Append("<li>").Append(Encode(item)).Append("</li>");
                }

                html.Append("</ul>\n");
                break;
            case Preformatted pre:
                if (pre.Title is not null)
                {
                    html.Append("<div class=\"fb-pre-title\">").Append(Encode(pre.Title)).Append("</div>");
                }

                html.Append("<pre>").Append(Encode(pre.Text)).Append("</pre>\n");
                break;
            case ProgressBar bar:
                WriteBar(html, bar);
                break;
            case ChartBlock chart:
                html.Append(chart.Figure.ToHtml(options.Plotly)).Append('\n');
                break;
            case Section section:
                html.Append(section.Collapsed ? "<details class=\"fb-section\"><summary>" : "<section class=\"fb-section\"><h4>")
                    .Append(Encode(section.Heading))
                    .Append(section.Collapsed ? "</summary>\n" : "</h4>\n");
                foreach (var inner in section.Blocks)
                {
                    WriteBlock(html, inner, options);
                }

                html.Append(section.Collapsed ? "</details>\n" : "</section>\n");
                break;
            default:
                throw new ArgumentException($"Unknown display block {block.GetType().Name}.", nameof(block));
        }
    }

    private static void WriteNext(StringBuilder html, NextStep next)
    {
        html.Append("<div class=\"fb-next\"><span class=\"fb-next-label\">Next:</span> ").Append(Encode(next.What));
        if (next.Code.Length > 0 || next.Command.Length > 0)
        {
            html.Append(" — ");
            if (next.Code.Length > 0)
            {
                html.Append("<code>").Append(Encode(next.Code)).Append("</code>");
            }

            if (next.Code.Length > 0 && next.Command.Length > 0)
            {
                html.Append(" <span class=\"fb-or\">or</span> ");
            }

            if (next.Command.Length > 0)
            {
                html.Append("<code>").Append(Encode(next.Command)).Append("</code>");
            }
        }

        html.Append("</div>\n");
    }

    private static void WriteTable(StringBuilder html, TableBlock table)
    {
        html.Append("<table class=\"fb-table\">");
        if (table.Title is not null)
        {
            html.Append("<caption>").Append(Encode(table.Title)).Append("</caption>");
        }

        html.Append("<thead><tr>");
        foreach (var header in table.Headers)
        {
            html.Append("<th scope=\"col\">").Append(Encode(header)).Append("</th>");
        }

        html.Append("</tr></thead><tbody>");
        foreach (var row in table.Rows)
        {
            html.Append(row.Tone == Tone.Neutral ? "<tr>" : $"<tr class=\"{ToneClass(row.Tone)}\">");
            foreach (var cell in row.Cells)
            {
                Cell(html, cell, Tone.Neutral);
            }

            html.Append("</tr>");
        }

        html.Append("</tbody></table>\n");
        if (table.Omitted > 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"fb-omitted\">… and {table.Omitted:N0} more not shown.</p>\n");
        }
    }

    private static void WriteBar(StringBuilder html, ProgressBar bar)
    {
        var total = bar.Total;
        html.Append("<div class=\"fb-bar\" role=\"img\" aria-label=\"")
            .Append(Encode(string.Join(", ", bar.Segments.Select(s => $"{s.Label} {s.Value:N0}"))))
            .Append("\">");
        foreach (var segment in bar.Segments.Where(s => s.Value > 0 && total > 0))
        {
            html.Append(CultureInfo.InvariantCulture, $"<span class=\"fb-seg-{ToneName(segment.Tone)}\" style=\"width:{100.0 * segment.Value / total:0.##}%\" title=\"")
                .Append(Encode($"{segment.Label}: {segment.Value:N0}"))
                .Append("\"></span>");
        }

        html.Append("</div>\n<div class=\"fb-legend\">");
        foreach (var segment in bar.Segments)
        {
            html.Append("<i class=\"fb-seg-").Append(ToneName(segment.Tone)).Append("\"></i>")
                .Append(Encode(segment.Label)).Append(' ')
                .Append(segment.Value.ToString("N0", CultureInfo.InvariantCulture));
        }

        html.Append("</div>\n");
    }

    private static void Cell(StringBuilder html, string value, Tone tone)
    {
        var classes = new List<string>();
        if (NumberLike().IsMatch(value))
        {
            classes.Add("fb-num");
        }

        if (tone != Tone.Neutral)
        {
            classes.Add(ToneClass(tone));
        }

        html.Append(classes.Count == 0 ? "<td>" : $"<td class=\"{string.Join(' ', classes)}\">").Append(Encode(value)).Append("</td>");
    }

    internal static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string ToneClass(Tone tone) => "fb-" + ToneName(tone);

    private static string ToneName(Tone tone) => tone switch
    {
        Tone.Good => "good",
        Tone.Warning => "warning",
        Tone.Bad => "bad",
        _ => "neutral",
    };

    [GeneratedRegex(@"^[-+]?\d[\d,]*(\.\d+)?( ?(s|ms|%|×|jobs/s|MB|GB))?$")]
    private static partial Regex NumberLike();
}

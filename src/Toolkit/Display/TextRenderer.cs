using System.Globalization;
using System.Text;
using Fleetbook.Inputs;

namespace Fleetbook.Display;

/// <summary>
/// A <see cref="DisplayDocument"/> as plain text: what scripts print and what notebooks show without HTML. Control
/// characters in the text (escape sequences, bidirectional overrides) are shown as <c>\x1b</c> or <c>\u202e</c>, so
/// that a job value or a log line cannot steer the terminal it is printed on.
/// </summary>
public static class TextRenderer
{
    private const int BarWidth = 30;

    public static string Render(DisplayDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        document = document.MapText(ControlCharacters.Escape);
        var text = new StringBuilder(document.Title);
        if (document.Badge is { } badge)
        {
            text.Append("  ").Append(Marker(badge.Tone)).Append(' ').Append(badge.Text);
        }

        text.Append('\n');
        foreach (var block in document.Blocks)
        {
            WriteBlock(text, block, "");
        }

        return text.ToString();
    }

    /// <summary>How a tone reads in plain text: [ok], [!], [x] or [-].</summary>
    public static string Marker(Tone tone) => tone switch
    {
        Tone.Good => "[ok]",
        Tone.Warning => "[!]",
        Tone.Bad => "[x]",
        _ => "[-]",
    };

    private static void WriteBlock(StringBuilder text, DisplayBlock block, string indent)
    {
        switch (block)
        {
            case Paragraph paragraph:
                text.Append(indent).Append(paragraph.Tone switch
                {
                    Tone.Warning => "Warning: ",
                    Tone.Bad => "Problem: ",
                    _ => "",
                }).Append(paragraph.Text).Append('\n');
                break;
            case NextStep next:
                text.Append(indent).Append("Next: ").Append(next.What);
                var how = string.Join(" or ", new[] { next.Code, next.Command }.Where(s => s.Length > 0));
                text.Append(how.Length > 0 ? " — " + how : "").Append('\n');
                break;
            case FactList facts:
                if (facts.Title is not null)
                {
                    text.Append(indent).Append(facts.Title).Append('\n');
                }

                var width = facts.Facts.Count == 0 ? 0 : facts.Facts.Max(f => f.Name.Length) + 1;
                foreach (var fact in facts.Facts)
                {
                    text.Append(indent).Append("  ").Append((fact.Name + ":").PadRight(width + 1)).Append(fact.Value).Append('\n');
                }

                break;
            case TableBlock table:
                WriteTable(text, table, indent);
                break;
            case BulletList list:
                if (list.Title is not null)
                {
                    text.Append(indent).Append(list.Title).Append('\n');
                }

                foreach (var item in list.Items)
                {
                    text.Append(indent).Append("  - ").Append(item).Append('\n');
                }

                break;
            case Preformatted pre:
                if (pre.Title is not null)
                {
                    text.Append(indent).Append(pre.Title).Append('\n');
                }

                foreach (var line in pre.Text.Split('\n'))
                {
                    text.Append(indent).Append("    ").Append(line.TrimEnd('\r')).Append('\n');
                }

                break;
            case ProgressBar bar:
                text.Append(indent).Append(Bar(bar)).Append('\n');
                break;
            case ChartBlock chart:
                foreach (var line in ControlCharacters.Escape(chart.Figure.Describe()).Split('\n'))
                {
                    text.Append(indent).Append(line).Append('\n');
                }

                break;
            case Section section:
                text.Append('\n').Append(indent).Append(section.Heading).Append('\n')
                    .Append(indent).Append(new string('-', section.Heading.Length)).Append('\n');
                foreach (var inner in section.Blocks)
                {
                    WriteBlock(text, inner, indent);
                }

                break;
            default:
                throw new ArgumentException($"Unknown display block {block.GetType().Name}.", nameof(block));
        }
    }

    private static void WriteTable(StringBuilder text, TableBlock table, string indent)
    {
        if (table.Title is not null)
        {
            text.Append(indent).Append(table.Title).Append('\n');
        }

        var widths = table.Headers.Select((h, i) => Math.Max(h.Length, table.Rows.Count == 0 ? 0 : table.Rows.Max(r => i < r.Cells.Count ? r.Cells[i].Length : 0))).ToArray();
        void Row(IReadOnlyList<string> cells) =>
            text.Append(indent).Append("  ").Append(string.Join("  ", cells.Select((c, i) => i < widths.Length ? c.PadRight(widths[i]) : c)).TrimEnd()).Append('\n');

        Row(table.Headers);
        foreach (var row in table.Rows)
        {
            Row(row.Cells);
        }

        if (table.Omitted > 0)
        {
            text.Append(indent).Append(CultureInfo.InvariantCulture, $"  … and {table.Omitted:N0} more not shown\n");
        }
    }

    /// <summary><c>[####xx~~~.....] done 10 · dead 2 · …</c>; the widths add up to the bar exactly.</summary>
    private static string Bar(ProgressBar bar)
    {
        var total = bar.Total;
        var cells = new StringBuilder();
        if (total > 0)
        {
            long before = 0;
            foreach (var segment in bar.Segments)
            {
                var start = (int)Math.Round((double)before * BarWidth / total);
                before += segment.Value;
                var end = (int)Math.Round((double)before * BarWidth / total);
                cells.Append(segment.Tone switch
                {
                    Tone.Good => '#',
                    Tone.Bad => 'x',
                    Tone.Warning => '~',
                    _ => '.',
                }, end - start);
            }
        }

        var legend = string.Join(" · ", bar.Segments.Select(s => $"{s.Label} {s.Value.ToString("N0", CultureInfo.InvariantCulture)}"));
        return "[" + cells.ToString().PadRight(BarWidth) + "] " + legend;
    }
}

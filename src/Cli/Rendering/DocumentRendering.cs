using Fleetbook.Display;
using Fleetbook.Inputs;
using Spectre.Console;
using Paragraph = Fleetbook.Display.Paragraph;

namespace Fleetbook.Cli.Rendering;

/// <summary>
/// Shows a step's result in the terminal from the same display model notebooks use, so there is one wording:
/// Spectre.Console tables on a terminal, <see cref="TextRenderer"/>'s plain text when output is redirected. Next steps
/// give the command, not the C# call.
/// </summary>
internal static class DocumentRendering
{
    public static void Show(Terminal terminal, object result, bool showNext = true)
    {
        var document = FleetbookDisplay.Describe(result);
        document = document.WithBlocks(ForTerminal(document.Blocks, showNext));
        if (terminal.Interactive)
        {
            Write(terminal.Console, document);
        }
        else
        {
            terminal.Output.Write(TextRenderer.Render(document));
        }
    }

    private static IReadOnlyList<DisplayBlock> ForTerminal(IReadOnlyList<DisplayBlock> blocks, bool showNext) =>
        blocks
            .Where(block => showNext || block is not NextStep)
            .Select(block => block switch
            {
                NextStep next => next with { Code = "" },
                Section section => section with { Blocks = ForTerminal(section.Blocks, showNext) },
                _ => block,
            })
            .ToList();

    private static void Write(IAnsiConsole console, DisplayDocument document)
    {
        var badge = document.Badge is { } b ? $"  [{Color(b.Tone)}]{Shown(b.Text)}[/]" : "";
        console.MarkupLine($"[bold]{Shown(document.Title)}[/]{badge}");
        foreach (var block in document.Blocks)
        {
            WriteBlock(console, block);
        }
    }

    private static void WriteBlock(IAnsiConsole console, DisplayBlock block)
    {
        switch (block)
        {
            case Paragraph paragraph:
                console.MarkupLine($"[{Color(paragraph.Tone)}]{Shown(paragraph.Text)}[/]");
                break;
            case NextStep next:
                console.MarkupLine($"[dim]Next:[/] {Shown(next.What)}" + (next.Command.Length > 0 ? $" — [bold]{Shown(next.Command)}[/]" : ""));
                break;
            case FactList facts:
                var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
                foreach (var fact in facts.Facts)
                {
                    grid.AddRow($"[dim]{Shown(fact.Name)}[/]", $"[{Color(fact.Tone)}]{Shown(fact.Value)}[/]");
                }

                Titled(console, facts.Title, grid);
                break;
            case TableBlock table:
                var spectre = new Table().Border(TableBorder.Rounded);
                foreach (var header in table.Headers)
                {
                    spectre.AddColumn(Shown(header));
                }

                foreach (var row in table.Rows)
                {
                    spectre.AddRow(row.Cells.Select(cell => $"[{Color(row.Tone)}]{Shown(cell)}[/]").ToArray());
                }

                if (table.Omitted > 0)
                {
                    spectre.Caption($"{table.Omitted} more row(s) not shown");
                }

                Titled(console, table.Title, spectre);
                break;
            case Section section:
                console.Write(new Rule($"[bold]{Shown(section.Heading)}[/]").LeftJustified());
                foreach (var inner in section.Blocks)
                {
                    WriteBlock(console, inner);
                }

                break;
            default:
                // Lists, bars, preformatted text and chart summaries read the same as plain text.
                console.Write(new Text(TextRenderer.Render(new DisplayDocument("", [block]))[1..]));
                break;
        }
    }

    private static void Titled(IAnsiConsole console, string? title, Spectre.Console.Rendering.IRenderable content)
    {
        if (title is not null)
        {
            console.MarkupLine($"[bold]{Shown(title)}[/]");
        }

        console.Write(content);
    }

    /// <summary>Display text as Spectre markup: control characters shown visibly first, then the markup's own brackets escaped.</summary>
    private static string Shown(string text) => Markup.Escape(ControlCharacters.Escape(text));

    private static string Color(Tone tone) => tone switch
    {
        Tone.Good => "green",
        Tone.Warning => "yellow",
        Tone.Bad => "red",
        _ => "default",
    };
}

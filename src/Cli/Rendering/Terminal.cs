using Spectre.Console;

namespace Fleetbook.Cli.Rendering;

/// <summary>Where the CLI writes: Spectre.Console tables and live progress on a terminal, plain lines when output is redirected.</summary>
internal sealed class Terminal
{
    public Terminal(TextWriter output, TextWriter error, bool? interactive = null)
    {
        Output = output;
        Error = error;
        Interactive = interactive ?? (!System.Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive);
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = Interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = Interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = Interactive ? InteractionSupport.Yes : InteractionSupport.No,
        });
    }

    public TextWriter Output { get; }
    public TextWriter Error { get; }
    public bool Interactive { get; }
    public IAnsiConsole Console { get; }

    public void Line(string text = "") => Output.WriteLine(text);

    /// <summary>A two-column table of names and values; plain "name: value" lines when not interactive.</summary>
    public void Facts(string title, IEnumerable<(string Name, string Value)> facts)
    {
        if (!Interactive)
        {
            Output.WriteLine(title);
            foreach (var (name, value) in facts)
            {
                Output.WriteLine($"  {name}: {value}");
            }

            return;
        }

        var table = new Table().Title(Markup.Escape(title)).Border(TableBorder.Rounded).AddColumn("").AddColumn("");
        table.HideHeaders();
        foreach (var (name, value) in facts)
        {
            table.AddRow(Markup.Escape(name), Markup.Escape(value));
        }

        Console.Write(table);
    }

    /// <summary>A table with headers; tab-free aligned plain text when not interactive.</summary>
    public void Table(string title, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        var materialized = rows.ToList();
        if (!Interactive)
        {
            Output.WriteLine(title);
            var widths = headers.Select((h, i) => Math.Max(h.Length, materialized.Count == 0 ? 0 : materialized.Max(r => r[i].Length))).ToArray();
            Output.WriteLine("  " + string.Join("  ", headers.Select((h, i) => h.PadRight(widths[i]))).TrimEnd());
            foreach (var row in materialized)
            {
                Output.WriteLine("  " + string.Join("  ", row.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
            }

            return;
        }

        var table = new Table().Title(Markup.Escape(title)).Border(TableBorder.Rounded);
        foreach (var header in headers)
        {
            table.AddColumn(Markup.Escape(header));
        }

        foreach (var row in materialized)
        {
            table.AddRow(row.Select(Markup.Escape).ToArray());
        }

        Console.Write(table);
    }
}

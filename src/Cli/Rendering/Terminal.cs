using Spectre.Console;

namespace Fleetbook.Cli.Rendering;

/// <summary>
/// Where the CLI writes: Spectre.Console tables and live progress on a terminal, plain lines when output is redirected.
/// <see cref="Output"/> and <see cref="Error"/> show control characters visibly (<see cref="EscapingWriter"/>);
/// <see cref="Console"/> writes Spectre's own colour codes, so what goes through it is escaped before it is marked up.
/// </summary>
internal sealed class Terminal
{
    public Terminal(TextWriter output, TextWriter error, bool? interactive = null)
    {
        Output = new EscapingWriter(output);
        Error = new EscapingWriter(error);
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
}

using System.Text;

namespace Fleetbook.Display;

/// <summary>
/// A live view on a console. On a terminal the previous drawing is erased (cursor up, clear to the end of the screen)
/// and the text drawn again, lines cut to the terminal's width so the count of lines to erase stays right. Redirected
/// output gets a line only when the counts change (pace and cost change with the clock alone).
/// </summary>
internal sealed class ConsoleLiveDisplay(TextWriter output, bool redraw, int? width) : ILiveDisplay
{
    private int _drawnLines;
    private string? _lastKey;

    public void Show(object value)
    {
        if (!redraw)
        {
            var (line, key) = value is LiveMonitorView view
                ? (view.ToStatusLine(), LiveDocuments.CountsLine(view) + view.Result?.Completed)
                : (FleetbookDisplay.ToText(value).TrimEnd(), null);
            key ??= line;
            if (key != _lastKey)
            {
                _lastKey = key;
                output.WriteLine(line);
                output.Flush();
            }

            return;
        }

        var lines = TerminalText(value).TrimEnd('\n').Split('\n').Select(Fit).ToList();
        var text = new StringBuilder();
        if (_drawnLines > 0)
        {
            text.Append("\u001b[").Append(_drawnLines).Append("F\u001b[0J");
        }

        foreach (var line in lines)
        {
            text.Append(line).Append('\n');
        }

        output.Write(text.ToString());
        output.Flush();
        _drawnLines = lines.Count;
    }

    /// <summary>The text display without its charts, which a terminal cannot draw.</summary>
    internal static string TerminalText(object value)
    {
        var document = FleetbookDisplay.Describe(value);
        return TextRenderer.Render(document.WithBlocks([.. document.Blocks.Where(b => b is not ChartBlock)]));
    }

    private string Fit(string line) => width is { } w && line.Length >= w ? line[..(w - 2)] + "…" : line;
}

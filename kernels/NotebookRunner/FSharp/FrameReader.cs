using System.Text;

namespace Fleetbook.Notebooks.FSharp;

/// <summary>Splits one of fsi's output streams into plain text (the cell's own output) and <see cref="Frame"/>s.</summary>
internal sealed class FrameReader
{
    private readonly TextReader _reader;
    private readonly Action<string> _onText;
    private readonly Action<Frame> _onFrame;

    public FrameReader(TextReader reader, Action<string> onText, Action<Frame> onFrame)
    {
        _reader = reader;
        _onText = onText;
        _onFrame = onFrame;
        Completion = Task.Run(PumpAsync);
    }

    /// <summary>Completes when the stream ends (the process exited).</summary>
    public Task Completion { get; }

    private async Task PumpAsync()
    {
        var buffer = new char[8192];
        var text = new StringBuilder();
        var frame = new StringBuilder();
        var inFrame = false;
        int read;
        while ((read = await _reader.ReadAsync(buffer)) > 0)
        {
            for (var i = 0; i < read; i++)
            {
                var c = buffer[i];
                if (!inFrame)
                {
                    if (c == Frame.Start)
                    {
                        inFrame = true;
                        frame.Clear();
                    }
                    else
                    {
                        text.Append(c);
                    }

                    continue;
                }

                if (c == Frame.End)
                {
                    inFrame = false;
                    Flush(text);
                    if (Frame.Decode(frame.ToString()[Frame.Tag.Length..]) is { } decoded)
                    {
                        _onFrame(decoded);
                    }

                    continue;
                }

                frame.Append(c);
                if (frame.Length <= Frame.Tag.Length && !Frame.Tag.StartsWith(frame.ToString(), StringComparison.Ordinal))
                {
                    // An STX of the program's own, not ours: give it back as text.
                    inFrame = false;
                    text.Append(Frame.Start).Append(frame);
                }
            }

            if (!inFrame)
            {
                Flush(text);
            }
        }

        Flush(text);
    }

    private void Flush(StringBuilder text)
    {
        if (text.Length > 0)
        {
            _onText(text.ToString());
            text.Clear();
        }
    }
}

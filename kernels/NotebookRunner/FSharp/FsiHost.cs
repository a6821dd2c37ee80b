using Fleetbook.Notebooks.Display;
using Fleetbook.Notebooks.FSharp;

namespace Fleetbook.Notebooks;

/// <summary>
/// The runner's side inside <c>dotnet fsi</c>: the session's first interaction <c>#r</c>s this assembly and calls
/// <see cref="Attach"/>; the runner wraps each F# cell in <see cref="Begin"/> … <see cref="End"/>. Not for notebooks to call.
/// </summary>
public static class FsiHost
{
    /// <summary>Displays become frames on stdout; <paramref name="plainText"/> is F#'s own <c>sprintf "%A"</c>.</summary>
    public static void Attach(Func<object?, string> plainText)
    {
        Displays.PlainText = plainText;
        Displays.Sink = new FrameSink();
    }

    public static void Begin(string cell) => Mark(new Frame(Frame.Begin, cell));

    /// <summary>Shows the cell's last value (<c>it</c>; null for unit) and closes the cell on both streams.</summary>
    public static void End(string cell, object? value)
    {
        try
        {
            if (value is not null and not DisplayedValue)
            {
                Displays.Show(value, [], DisplayKind.Result);
            }
        }
        catch (Exception e)
        {
            Write(Console.Out, new Frame(Frame.Fail, cell, Message: $"showing the cell's value failed: {e.Message}"));
        }
        finally
        {
            Mark(new Frame(Frame.Finish, cell));
        }
    }

    private static void Mark(Frame frame)
    {
        Write(Console.Out, frame);
        Write(Console.Error, frame);
    }

    private static void Write(TextWriter writer, Frame frame)
    {
        writer.Write(frame.Encode());
        writer.Flush();
    }

    private sealed class FrameSink : IDisplaySink
    {
        public void Publish(DisplayMessage message) => Write(Console.Out, Frame.For(message));
    }
}

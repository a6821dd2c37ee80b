using System.Text;
using Fleetbook.Inputs;

namespace Fleetbook.Cli.Rendering;

/// <summary>
/// Writes to <paramref name="inner"/> with every control character shown visibly (<c>\x1b</c>, <c>\u202e</c>), so that
/// nothing the CLI prints (a job value, a log line, an error quoting a file) can move the cursor, recolour the terminal
/// or reorder text. Line feeds, tabs and the CR of a CRLF pass through.
/// </summary>
internal sealed class EscapingWriter(TextWriter inner) : TextWriter
{
    private bool _carriageReturnPending;

    public override Encoding Encoding => inner.Encoding;

    public override IFormatProvider FormatProvider => inner.FormatProvider;

    public override void Write(char value)
    {
        if (_carriageReturnPending)
        {
            _carriageReturnPending = false;
            if (value == '\n')
            {
                inner.Write("\r\n");
                return;
            }

            inner.Write(ControlCharacters.Show('\r'));
        }

        if (value == '\r')
        {
            _carriageReturnPending = true;
        }
        else if (value is '\n' or '\t' || !ControlCharacters.IsControl(value))
        {
            inner.Write(value);
        }
        else
        {
            inner.Write(ControlCharacters.Show(value));
        }
    }

    public override void Write(string? value)
    {
        if (value is null)
        {
            return;
        }

        if (!_carriageReturnPending && !value.Any(c => c == '\r' || (c is not ('\n' or '\t') && ControlCharacters.IsControl(c))))
        {
            inner.Write(value);
            return;
        }

        foreach (var c in value)
        {
            Write(c);
        }
    }

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void Flush() => inner.Flush();

    protected override void Dispose(bool disposing)
    {
        if (disposing && _carriageReturnPending)
        {
            inner.Write(ControlCharacters.Show('\r'));
            _carriageReturnPending = false;
        }

        base.Dispose(disposing);
    }
}

using System.Globalization;
using System.Text;

namespace Fleetbook.Configuration.DsImport;

/// <summary>String literals: quotes, triple quotes, prefixes and escape sequences.</summary>
internal sealed partial class PyTokenizer
{
    private sealed record StringProblem(int Start, int Line, int Column, int End, string Message, string Fix);

    private void ReadString(int start, int line, int column, string prefix)
    {
        var quote = Peek();
        var triple = Peek(1) == quote && Peek(2) == quote;
        var delimiter = new string(quote, triple ? 3 : 1);
        _position += delimiter.Length;
        var raw = prefix.Contains('r');
        var value = new StringBuilder();
        StringProblem? problem = null;
        while (true)
        {
            if (AtEnd || (!triple && Peek() is '\n' or '\r'))
            {
                var where = AtEnd ? "the end of the file" : "the end of the line";
                var fix = triple
                    ? $"end it with {delimiter}."
                    : $"end it with the quote it starts with ({quote}); for text over several lines use {new string(quote, 3)}…{new string(quote, 3)}.";
                AddError(start, line, column, _position, $"this string is not closed before {where}.", fix);
                return;
            }

            var c = Peek();
            if (c == quote && string.CompareOrdinal(_text, _position, delimiter, 0, delimiter.Length) == 0)
            {
                _position += delimiter.Length;
                break;
            }

            if (c is '\n' or '\r')
            {
                value.Append('\n');
                ConsumeLineBreak();
                continue;
            }

            if (c != '\\')
            {
                value.Append(c);
                _position++;
                continue;
            }

            if (raw)
            {
                value.Append('\\');
                _position++;
                if (Peek() is '\n' or '\r')
                {
                    value.Append('\n');
                    ConsumeLineBreak();
                }
                else if (!AtEnd)
                {
                    value.Append(Peek());
                    _position++;
                }

                continue;
            }

            problem ??= ReadEscape(value);
        }

        if (prefix.Contains('f'))
        {
            AddError(start, line, column, _position, "f-strings (f'…{NAME}…') are not supported: Fleetbook reads config.py as data and does not run it.",
                "join text with +, such as APP_NAME + 'Queue', or write the finished text.");
        }
        else if (prefix.Contains('b'))
        {
            AddError(start, line, column, _position, "bytes literals (b'…') are not supported.", $"drop the b: write {PyFormat.StringRepr(value.ToString())}.");
        }
        else if (problem is not null)
        {
            AddError(problem.Start, problem.Line, problem.Column, problem.End, problem.Message, problem.Fix);
        }
        else
        {
            _tokens.Add(new PyToken(PyTokenKind.String, _text[start.._position], line, column, start, _position) { Value = new PyStr(value.ToString()) });
        }
    }

    /// <summary>Decodes one backslash escape at the current position; unknown escapes stay as written, as in Python.</summary>
    private StringProblem? ReadEscape(StringBuilder value)
    {
        var (start, line, column) = (_position, _line, Column);
        _position++;
        var c = Peek();
        if (c is '\n' or '\r')
        {
            ConsumeLineBreak();
            return null;
        }

        _position++;
        switch (c)
        {
            case '\\' or '\'' or '"':
                value.Append(c);
                return null;
            case 'a': value.Append('\a'); return null;
            case 'b': value.Append('\b'); return null;
            case 'f': value.Append('\f'); return null;
            case 'n': value.Append('\n'); return null;
            case 'r': value.Append('\r'); return null;
            case 't': value.Append('\t'); return null;
            case 'v': value.Append('\v'); return null;
            case >= '0' and <= '7':
                var octal = c - '0';
                for (var i = 0; i < 2 && Peek() is >= '0' and <= '7'; i++)
                {
                    octal = (octal * 8) + (Peek() - '0');
                    _position++;
                }

                value.Append((char)octal);
                return null;
            case 'x' or 'u' or 'U':
                var length = c switch { 'x' => 2, 'u' => 4, _ => 8 };
                var hex = _text.Substring(_position, Math.Min(length, _text.Length - _position));
                if (hex.Length < length || !hex.All(char.IsAsciiHexDigit))
                {
                    return new StringProblem(start, line, column, _position, $"the escape \\{c} needs exactly {length} hex digits.",
                        $"write \\{c}{new string('0', length - 2)}e9 for é, or write the character itself; for a backslash write \\\\.");
                }

                _position += length;
                var code = int.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                if (code > 0x10FFFF)
                {
                    return new StringProblem(start, line, column, _position, $"\\{c}{hex} is beyond the last Unicode character.", "write the character itself.");
                }

                value.Append(code <= 0xFFFF ? ((char)code).ToString() : char.ConvertFromUtf32(code));
                return null;
            case 'N':
                return new StringProblem(start, line, column, _position, "named escapes (\\N{…}) are not supported.", "write the character itself.");
            default:
                value.Append('\\');
                _position--;
                return null;
        }
    }
}

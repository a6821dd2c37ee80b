using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.RegularExpressions;

namespace Fleetbook.Configuration.DsImport;

/// <summary>
/// Splits config.py into tokens the way Python does: logical lines end with a Newline token,
/// except inside brackets or after a backslash. It never throws; text it cannot read becomes an
/// Error token, so the parser can report it with the statement it belongs to.
/// </summary>
internal sealed partial class PyTokenizer
{
    private static readonly string[] Operators =
    [
        "**=", "//=", ">>=", "<<=", "...",
        "**", "//", "==", "!=", "<=", ">=", "->", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@=", ":=", "<<", ">>",
        "+", "-", "*", "/", "%", "(", ")", "[", "]", "{", "}", ",", ":", "=", ".", ";", "<", ">", "@", "&", "|", "^", "~",
    ];

    public const string IndentMessage = "this line is indented, but it does not continue a statement.";

    private readonly string _text;
    private readonly List<PyToken> _tokens = [];
    private readonly Stack<PyToken> _open = new();
    private int _position;
    private int _line = 1;
    private int _lineStart;

    private PyTokenizer(string text) => _text = text;

    public static IReadOnlyList<PyToken> Tokenize(string text)
    {
        var tokenizer = new PyTokenizer(text.StartsWith('\uFEFF') ? text[1..] : text);
        tokenizer.Run();
        return tokenizer._tokens;
    }

    private int Column => _position - _lineStart + 1;

    private char Peek(int ahead = 0) => _position + ahead < _text.Length ? _text[_position + ahead] : '\0';

    private bool AtEnd => _position >= _text.Length;

    private void Run()
    {
        var logicalLineStart = true;
        while (true)
        {
            if (logicalLineStart && _open.Count == 0)
            {
                var indentStart = _position;
                SkipBlanks();
                if (AtEnd || Peek() is '#' or '\n' or '\r')
                {
                    SkipComment();
                    if (AtEnd)
                    {
                        break;
                    }

                    ConsumeLineBreak();
                    continue;
                }

                if (_position > indentStart)
                {
                    AddError(_position, _line, Column, _position + 1, IndentMessage,
                        "start the line in the first column (only lines inside brackets or after a backslash may be indented).");
                }

                logicalLineStart = false;
            }

            SkipBlanks();
            if (AtEnd)
            {
                break;
            }

            var c = Peek();
            if (c == '#')
            {
                SkipComment();
            }
            else if (c is '\n' or '\r')
            {
                if (_open.Count == 0)
                {
                    AddNewline();
                    logicalLineStart = true;
                }

                ConsumeLineBreak();
            }
            else if (c == '\\')
            {
                ReadBackslash();
            }
            else if (char.IsLetter(c) || c == '_')
            {
                ReadNameOrPrefixedString();
            }
            else if (char.IsAsciiDigit(c) || (c == '.' && char.IsAsciiDigit(Peek(1))))
            {
                ReadNumber();
            }
            else if (c is '\'' or '"')
            {
                ReadString(_position, _line, Column, "");
            }
            else
            {
                ReadOperator();
            }
        }

        if (_open.TryPeek(out var opener))
        {
            AddError(opener.Start, opener.Line, opener.Column, opener.End,
                $"the '{opener.Text}' is never closed.", $"close it with '{Closer(opener.Text)}' after its last item.");
        }

        AddNewline();
        _tokens.Add(new PyToken(PyTokenKind.EndOfFile, "", _line, Column, _position, _position));
    }

    private void SkipBlanks()
    {
        while (Peek() is ' ' or '\t' or '\f')
        {
            _position++;
        }
    }

    private void SkipComment()
    {
        if (Peek() != '#')
        {
            return;
        }

        while (!AtEnd && Peek() is not ('\n' or '\r'))
        {
            _position++;
        }
    }

    private void ConsumeLineBreak()
    {
        if (Peek() == '\r' && Peek(1) == '\n')
        {
            _position++;
        }

        _position++;
        _line++;
        _lineStart = _position;
    }

    private void AddNewline()
    {
        if (_tokens.Count > 0 && _tokens[^1].Kind != PyTokenKind.Newline)
        {
            _tokens.Add(new PyToken(PyTokenKind.Newline, "", _line, Column, _position, _position));
        }
    }

    private void AddError(int start, int line, int column, int end, string message, string fix) =>
        _tokens.Add(new PyToken(PyTokenKind.Error, _text[start..Math.Min(end, _text.Length)], line, column, start, end) { Message = message, Fix = fix });

    private void ReadBackslash()
    {
        var (start, line, column) = (_position, _line, Column);
        _position++;
        if (Peek() is '\n' or '\r')
        {
            ConsumeLineBreak();
            return;
        }

        AddError(start, line, column, start + 1, "a backslash outside a string must be the last character of its line (it continues the line).",
            "remove the backslash, or move what follows it to the next line.");
    }

    private void ReadNameOrPrefixedString()
    {
        var (start, line, column) = (_position, _line, Column);
        while (char.IsLetterOrDigit(Peek()) || Peek() == '_' || char.GetUnicodeCategory(Peek()) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark)
        {
            _position++;
        }

        var name = _text[start.._position];
        if (Peek() is '\'' or '"' && name.ToLowerInvariant() is "r" or "u" or "f" or "b" or "br" or "rb" or "fr" or "rf")
        {
            ReadString(start, line, column, name.ToLowerInvariant());
            return;
        }

        _tokens.Add(new PyToken(PyTokenKind.Name, name, line, column, start, _position));
    }

    private void ReadOperator()
    {
        var (start, line, column) = (_position, _line, Column);
        var text = Operators.FirstOrDefault(o => string.CompareOrdinal(_text, _position, o, 0, o.Length) == 0);
        if (text is null)
        {
            var rune = Rune.GetRuneAt(_text, _position);
            _position += rune.Utf16SequenceLength;
            AddError(start, line, column, _position, $"the character '{rune}' cannot appear here.", "remove it; config.py holds NAME = value lines only.");
            return;
        }

        _position += text.Length;
        var token = new PyToken(PyTokenKind.Operator, text, line, column, start, _position);
        if (text is "(" or "[" or "{")
        {
            _open.Push(token);
        }
        else if (text is ")" or "]" or "}")
        {
            if (!_open.TryPop(out var opener))
            {
                AddError(start, line, column, _position, $"this '{text}' closes nothing.", $"remove it, or add the opening '{Opener(text)}' before it.");
                return;
            }

            if (Closer(opener.Text) != text)
            {
                AddError(start, line, column, _position, $"this '{text}' does not match the '{opener.Text}' at line {opener.Line}, column {opener.Column}.",
                    $"close the '{opener.Text}' with '{Closer(opener.Text)}'.");
                return;
            }
        }

        _tokens.Add(token);
    }

    private static string Closer(string opener) => opener switch { "(" => ")", "[" => "]", _ => "}" };

    private static string Opener(string closer) => closer switch { ")" => "(", "]" => "[", _ => "{" };

    private void ReadNumber()
    {
        var (start, line, column) = (_position, _line, Column);
        var radix = Peek() == '0' ? char.ToLowerInvariant(Peek(1)) switch { 'x' => 16, 'o' => 8, 'b' => 2, _ => 10 } : 10;
        var isFloat = false;
        if (radix != 10)
        {
            _position += 2;
            SkipWordCharacters();
        }
        else
        {
            SkipDigits();
            if (Peek() == '.')
            {
                isFloat = true;
                _position++;
                SkipDigits();
            }

            if (Peek() is 'e' or 'E' && (char.IsAsciiDigit(Peek(1)) || (Peek(1) is '+' or '-' && char.IsAsciiDigit(Peek(2)))))
            {
                isFloat = true;
                _position += Peek(1) is '+' or '-' ? 2 : 1;
                SkipDigits();
            }
        }

        var text = _text[start.._position];
        if (Peek() is 'j' or 'J')
        {
            _position++;
            AddError(start, line, column, _position, $"the complex number {_text[start.._position]} is not supported.", "write a whole number or a decimal number.");
            return;
        }

        if (radix == 10 && (char.IsLetterOrDigit(Peek()) || Peek() == '_'))
        {
            SkipWordCharacters();
            AddError(start, line, column, _position, $"'{_text[start.._position]}' is not a valid number.", "write digits only, such as 3, 0.20 or 1e3.");
            return;
        }

        var digits = text.Replace("_", "", StringComparison.Ordinal);
        if (radix != 10)
        {
            var body = text[2..];
            if (!RadixDigits().IsMatch(body) || body.Replace("_", "", StringComparison.Ordinal).Any(d => HexValue(d) >= radix))
            {
                AddError(start, line, column, _position, $"'{text}' is not a valid number.", $"write the digits of base {radix} after '{text[..2]}', or a plain decimal number.");
                return;
            }

            var value = digits[2..].Aggregate(BigInteger.Zero, (total, d) => (total * radix) + HexValue(d));
            _tokens.Add(new PyToken(PyTokenKind.Number, text, line, column, start, _position) { Value = new PyInt(value) });
            return;
        }

        if (!(isFloat ? FloatLiteral() : IntegerLiteral()).IsMatch(text))
        {
            var fix = !isFloat && LeadingZeros().IsMatch(text)
                ? $"write {digits.TrimStart('0')} without the leading zeros (Python reads 0o{digits.TrimStart('0')} as octal)."
                : "put single underscores only between digits, or leave them out.";
            AddError(start, line, column, _position, $"'{text}' is not a valid number.", fix);
            return;
        }

        PyValue number = isFloat
            ? new PyFloat(double.Parse(digits, NumberStyles.Float, CultureInfo.InvariantCulture))
            : new PyInt(BigInteger.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture));
        _tokens.Add(new PyToken(PyTokenKind.Number, text, line, column, start, _position) { Value = number });
    }

    private void SkipDigits()
    {
        while (char.IsAsciiDigit(Peek()) || Peek() == '_')
        {
            _position++;
        }
    }

    private void SkipWordCharacters()
    {
        while (char.IsLetterOrDigit(Peek()) || Peek() == '_')
        {
            _position++;
        }
    }

    private static int HexValue(char digit) => char.IsAsciiHexDigit(digit) ? Convert.ToInt32(digit.ToString(), 16) : int.MaxValue;

    [GeneratedRegex("^_?[0-9A-Fa-f]+(_[0-9A-Fa-f]+)*$")]
    private static partial Regex RadixDigits();

    [GeneratedRegex("^(0(_?0)*|[1-9](_?[0-9])*)$")]
    private static partial Regex IntegerLiteral();

    [GeneratedRegex("^0[0-9_]*[1-9]")]
    private static partial Regex LeadingZeros();

    [GeneratedRegex("^([0-9](_?[0-9])*)?(\\.([0-9](_?[0-9])*)?)?([eE][+-]?[0-9](_?[0-9])*)?$")]
    private static partial Regex FloatLiteral();
}

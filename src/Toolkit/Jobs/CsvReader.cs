using System.Text;
using Fleetbook.Inputs;

namespace Fleetbook.Jobs;

internal sealed record CsvCell(string Text, int Line, int Column);

internal sealed record CsvRecord(List<CsvCell> Cells, int Line, int Column);

/// <summary>Splits CSV text into records; CRLF, LF or CR end a line, empty lines are skipped.</summary>
internal sealed class CsvReader
{
    private readonly string _text;
    private readonly string _fileName;
    private readonly List<InputProblem> _problems = [];
    private readonly StringBuilder _quoted = new();
    private int _at;
    private int _line = 1;
    private int _lineStart;

    private CsvReader(string text, string fileName)
    {
        _text = text;
        _fileName = fileName;
    }

    private int Column => _at - _lineStart + 1;

    public static List<CsvRecord> Read(string text, string fileName)
    {
        var reader = new CsvReader(text, fileName);
        var records = reader.ReadAll();
        if (reader._problems.Count > 0)
        {
            throw new InputException(reader._problems);
        }

        return records;
    }

    private List<CsvRecord> ReadAll()
    {
        var records = new List<CsvRecord>();
        while (_at < _text.Length)
        {
            if (IsLineEnd(_text[_at]))
            {
                SkipLineEnd();
                continue;
            }

            var record = new CsvRecord([], _line, Column);
            while (true)
            {
                record.Cells.Add(ReadCell());
                if (_at < _text.Length && _text[_at] == ',')
                {
                    _at++;
                    continue;
                }

                SkipLineEnd();
                break;
            }

            records.Add(record);
        }

        return records;
    }

    private CsvCell ReadCell()
    {
        var (line, column) = (_line, Column);
        if (_at >= _text.Length || _text[_at] != '"')
        {
            var start = _at;
            while (_at < _text.Length && _text[_at] != ',' && !IsLineEnd(_text[_at]))
            {
                _at++;
            }

            return new CsvCell(_text[start.._at], line, column);
        }

        _at++;
        _quoted.Clear();
        while (true)
        {
            if (_at >= _text.Length)
            {
                // Nothing after an unclosed quote can be trusted, so stop here.
                _problems.Add(new InputProblem(_fileName, line, column, null, "this quoted value is never closed.", "add the closing '\"'; write \"\" for a quote inside a quoted value."));
                return new CsvCell(_quoted.ToString(), line, column);
            }

            var c = _text[_at];
            if (c == '"' && _at + 1 < _text.Length && _text[_at + 1] == '"')
            {
                _quoted.Append('"');
                _at += 2;
            }
            else if (c == '"')
            {
                _at++;
                break;
            }
            else if (IsLineEnd(c))
            {
                var start = _at;
                SkipLineEnd();
                _quoted.Append(_text, start, _at - start);
            }
            else
            {
                _quoted.Append(c);
                _at++;
            }
        }

        if (_at < _text.Length && _text[_at] != ',' && !IsLineEnd(_text[_at]))
        {
            _problems.Add(new InputProblem(_fileName, _line, Column, null, "there is text after the closing quote of a value.", "put the whole value inside the quotes, and write \"\" for a quote inside it."));
            while (_at < _text.Length && _text[_at] != ',' && !IsLineEnd(_text[_at]))
            {
                _at++;
            }
        }

        return new CsvCell(_quoted.ToString(), line, column);
    }

    private static bool IsLineEnd(char c) => c is '\n' or '\r';

    private void SkipLineEnd()
    {
        if (_at >= _text.Length)
        {
            return;
        }

        if (_text[_at] == '\r' && _at + 1 < _text.Length && _text[_at + 1] == '\n')
        {
            _at++;
        }

        _at++;
        _line++;
        _lineStart = _at;
    }
}

using System.Text;
using System.Text.Json;

namespace Fleetbook.Inputs;

public enum SourceKind
{
    Object,
    Array,
    String,
    Number,
    True,
    False,
    Null,
}

/// <summary>A JSON property as written in the file, duplicates and order kept.</summary>
public sealed record SourceProperty(string Name, SourceNode Value, int Line, int Column);

/// <summary>
/// A JSON value that remembers where it was written (line, column, key path), so that every
/// problem found later can point at the exact place in the user's file.
/// </summary>
public sealed class SourceNode
{
    private readonly SourceNode? _parent;
    private readonly string? _key;
    private readonly int _index;
    private string? _path;

    internal SourceNode(SourceKind kind, string path, int line, int column)
    {
        Kind = kind;
        _path = path;
        Line = line;
        Column = column;
    }

    /// <summary>The value of <paramref name="parent"/>'s key <paramref name="key"/>, or else its item number <paramref name="index"/>; its path is made when asked for.</summary>
    internal SourceNode(SourceKind kind, SourceNode parent, string? key, int index, int line, int column)
    {
        Kind = kind;
        _parent = parent;
        _key = key;
        _index = index;
        Line = line;
        Column = column;
    }

    public SourceKind Kind { get; }

    /// <summary>The key path in the file (<c>groups[3].Well</c>); empty for the root.</summary>
    public string Path => _path ??= _key is null ? $"{_parent!.Path}[{_index}]" : _parent!.Path.Length == 0 ? _key : $"{_parent.Path}.{_key}";

    public int Line { get; }
    public int Column { get; }

    /// <summary>The string's value, or a number's text exactly as written.</summary>
    public string? Text { get; internal set; }

    public IReadOnlyList<SourceProperty> Properties { get; internal set; } = [];
    public IReadOnlyList<SourceNode> Items { get; internal set; } = [];

    public bool IsBoolean => Kind is SourceKind.True or SourceKind.False;

    /// <summary>The last value written for a key (as Python's json module keeps it), or null.</summary>
    public SourceNode? this[string name]
    {
        get
        {
            SourceNode? found = null;
            foreach (var property in Properties)
            {
                if (property.Name == name)
                {
                    found = property.Value;
                }
            }

            return found;
        }
    }

    public string Describe() => Kind switch
    {
        SourceKind.Object => "an object",
        SourceKind.Array => "a list",
        SourceKind.String => $"the string \"{Text}\"",
        SourceKind.Number => $"the number {Text}",
        SourceKind.True => "true",
        SourceKind.False => "false",
        _ => "null",
    };

    public InputProblem Problem(string file, string message, string? fix) =>
        new(file, Line, Column, string.IsNullOrEmpty(Path) ? null : Path, message, fix);
}

/// <summary>Parses JSON into <see cref="SourceNode"/>s; syntax errors become an <see cref="InputException"/> naming line and column.</summary>
public static class SourceJson
{
    public static SourceNode ParseFile(string path, string? displayName = null)
    {
        var name = displayName ?? path;
        byte[] bytes;
        try
        {
            bytes = InputFiles.ReadText(path, name, InputFiles.MaxSettingsFileBytes, "give the right file: configs and fleet files are a few kilobytes.");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InputException(new InputProblem(name, null, null, null, $"cannot read the file ({ex.Message}).", "check the path and that the file is readable."));
        }

        return Parse(bytes, name);
    }

    public static SourceNode Parse(string text, string fileName) => Parse(Encoding.UTF8.GetBytes(text), fileName);

    public static SourceNode Parse(ReadOnlySpan<byte> utf8, string fileName)
    {
        if (utf8.StartsWith("\uFEFF"u8))
        {
            utf8 = utf8[3..];
        }

        var lines = new LineMap(utf8);
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 256 });
        try
        {
            if (!reader.Read())
            {
                throw new InputException(new InputProblem(fileName, 1, 1, null, "the file is empty.", "write a JSON object, for example {}."));
            }

            var root = ReadValue(ref reader, "", lines, utf8);
            if (reader.Read())
            {
                var (line, column) = lines.Position(utf8, (int)reader.TokenStartIndex);
                throw new InputException(new InputProblem(fileName, line, column, null, "unexpected text after the end of the JSON value.", "remove it, or wrap both values in a list."));
            }

            return root;
        }
        catch (InvalidOperationException) when (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName)
        {
            var (line, column) = lines.Position(utf8, (int)reader.TokenStartIndex);
            throw new InputException(new InputProblem(fileName, line, column, null, "this string holds a lone UTF-16 surrogate escape (such as \\ud800) that cannot be decoded.",
                "remove the escape, or write the full surrogate pair (such as \\ud83d\\ude00)."));
        }
        catch (JsonException ex)
        {
            var line = (int)(ex.LineNumber ?? 0) + 1;
            var column = (int)(ex.BytePositionInLine ?? 0) + 1;
            var message = ex.Message;
            var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            if (cut > 0)
            {
                message = message[..cut];
            }

            throw new InputException(new InputProblem(fileName, line, column, null, $"this is not valid JSON: {message.TrimEnd('.')}.", "fix the JSON syntax at that place (a missing comma, quote or bracket is the usual cause)."));
        }
    }

    /// <summary>
    /// One value already known to be valid JSON (a piece of a larger file), whose first byte is at <paramref name="line"/>,
    /// <paramref name="column"/> of the file and whose key path there is <paramref name="path"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">A string holds a lone surrogate escape.</exception>
    internal static SourceNode ParseValue(ReadOnlySpan<byte> utf8, string path, int line, int column)
    {
        var lines = new LineMap(utf8, line, column);
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 256 });
        reader.Read();
        return ReadValue(ref reader, path, lines, utf8);
    }

    private static SourceNode ReadValue(ref Utf8JsonReader reader, string path, LineMap lines, ReadOnlySpan<byte> utf8) =>
        ReadValue(ref reader, new Place(path, null, null, 0), lines, utf8);

    private static SourceNode ReadValue(ref Utf8JsonReader reader, Place place, LineMap lines, ReadOnlySpan<byte> utf8)
    {
        var (line, column) = lines.Position(utf8, (int)reader.TokenStartIndex);
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                {
                    var node = place.Node(SourceKind.Object, line, column);
                    var properties = new List<SourceProperty>();
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                    {
                        var (nameLine, nameColumn) = lines.Position(utf8, (int)reader.TokenStartIndex);
                        var name = reader.GetString()!;
                        reader.Read();
                        properties.Add(new SourceProperty(name, ReadValue(ref reader, new Place(null, node, name, 0), lines, utf8), nameLine, nameColumn));
                    }

                    node.Properties = properties;
                    return node;
                }

            case JsonTokenType.StartArray:
                {
                    var node = place.Node(SourceKind.Array, line, column);
                    var items = new List<SourceNode>();
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        items.Add(ReadValue(ref reader, new Place(null, node, null, items.Count), lines, utf8));
                    }

                    node.Items = items;
                    return node;
                }

            case JsonTokenType.String:
                {
                    var node = place.Node(SourceKind.String, line, column);
                    node.Text = reader.GetString()!;
                    return node;
                }

            case JsonTokenType.Number:
                {
                    var node = place.Node(SourceKind.Number, line, column);
                    node.Text = Encoding.UTF8.GetString(reader.ValueSpan);
                    return node;
                }

            case JsonTokenType.True:
                return place.Node(SourceKind.True, line, column);
            case JsonTokenType.False:
                return place.Node(SourceKind.False, line, column);
            default:
                return place.Node(SourceKind.Null, line, column);
        }
    }

    /// <summary>Where a value is: at <paramref name="Path"/>, or at a key or an item of <paramref name="Parent"/> (its path made only when asked for).</summary>
    private readonly record struct Place(string? Path, SourceNode? Parent, string? Key, int Index)
    {
        public SourceNode Node(SourceKind kind, int line, int column) =>
            Path is not null ? new SourceNode(kind, Path, line, column) : new SourceNode(kind, Parent!, Key, Index, line, column);
    }

    private sealed class LineMap
    {
        private readonly List<int>? _lineStarts; // null for text on one line (a group of a job file, usually)
        private readonly int _firstLine;
        private readonly int _firstColumn;
        private int _lastLine;
        private int _lastOffset;
        private int _lastColumn = 1;

        /// <param name="utf8">The text.</param>
        /// <param name="firstLine">The line of its first byte in the file it was cut from.</param>
        /// <param name="firstColumn">The column of its first byte there.</param>
        public LineMap(ReadOnlySpan<byte> utf8, int firstLine = 1, int firstColumn = 1)
        {
            _firstLine = firstLine;
            _firstColumn = firstColumn;
            var newline = utf8.IndexOf((byte)'\n');
            if (newline < 0)
            {
                return;
            }

            _lineStarts = [0];
            for (var i = newline; i < utf8.Length; i++)
            {
                if (utf8[i] == (byte)'\n')
                {
                    _lineStarts.Add(i + 1);
                }
            }
        }

        /// <summary>Line and column of a byte offset. Tokens arrive in order, so counting on from the previous one keeps long single-line files linear.</summary>
        public (int Line, int Column) Position(ReadOnlySpan<byte> utf8, int offset)
        {
            var index = _lineStarts?.BinarySearch(offset) ?? 0;
            if (index < 0)
            {
                index = ~index - 1;
            }

            var start = _lineStarts?[index] ?? 0;
            int column;
            if (index == _lastLine && offset >= _lastOffset && _lastOffset >= start)
            {
                column = _lastColumn + Encoding.UTF8.GetCharCount(utf8[_lastOffset..offset]);
            }
            else
            {
                column = Encoding.UTF8.GetCharCount(utf8[start..offset]) + 1;
            }

            (_lastLine, _lastOffset, _lastColumn) = (index, offset, column);
            return (index + _firstLine, index == 0 ? column + _firstColumn - 1 : column);
        }
    }
}

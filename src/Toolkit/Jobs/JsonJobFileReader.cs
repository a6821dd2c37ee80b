using System.Buffers;
using System.Text;
using System.Text.Json;
using Fleetbook.Inputs;

namespace Fleetbook.Jobs;

/// <summary>
/// Reads a JSON job file (<c>{…, "groups": [{…}, …], …}</c>) from a stream in pieces, so that memory stays flat however
/// many groups there are: every top-level value except the groups is handed over whole, and the groups one at a time,
/// each as a <see cref="SourceNode"/> that knows its line, column and path in the file.
/// </summary>
/// <remarks>
/// Only the shape of a job file is followed here. Anything else (a root that is not an object, invalid JSON, a string
/// that cannot be decoded) throws, and the caller reads the file whole, which reports such a file exactly.
/// </remarks>
internal sealed class JsonJobFileReader
{
    private const int FirstBufferBytes = 64 * 1024;
    private static readonly JsonReaderOptions Options = new() { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 256 };

    private readonly Stream _stream;
    private readonly string _fileName;
    private readonly long _maxBytes;
    private readonly string _tooLargeFix;
    private readonly Step _readProperty; // the steps run for every property and group, made once
    private readonly Step _readItem;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(FirstBufferBytes);
    private int _start;
    private int _end;
    private long _read;
    private bool _final;
    private JsonReaderState _state = new(Options);
    private TextPosition _position = new(1, 1);
    private int _positionOffset;
    private int _stepStart;

    private JsonJobFileReader(Stream stream, string fileName, long maxBytes, string tooLargeFix)
    {
        _stream = stream;
        _fileName = fileName;
        _maxBytes = maxBytes;
        _tooLargeFix = tooLargeFix;
        _readProperty = ReadProperty;
        _readItem = ReadItem;
    }

    /// <summary>
    /// What the file holds, in file order: the root object's start, every group of every top-level "groups" list (a file may
    /// repeat the key; the last one counts), and every top-level property (a "groups" list as an empty list node, after
    /// its items). Throws <see cref="JsonException"/> or <see cref="InvalidOperationException"/> for a file it cannot
    /// follow (see the remarks) and <see cref="InputException"/> for one larger than <paramref name="maxBytes"/>.
    /// </summary>
    public static IEnumerable<JsonJobFileEvent> Read(Stream stream, string fileName, long maxBytes, string tooLargeFix)
    {
        var reader = new JsonJobFileReader(stream, fileName, maxBytes, tooLargeFix);
        try
        {
            foreach (var found in reader.Events())
            {
                yield return found;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(reader._buffer);
        }
    }

    private enum UnitKind
    {
        Value,
        End,
    }

    private delegate bool Step(ref Utf8JsonReader reader, out Unit unit);

    private IEnumerable<JsonJobFileEvent> Events()
    {
        if (!Next(ReadRootStart, out var root))
        {
            throw new JsonException("the file ends before its root object");
        }

        yield return new JsonJobFileEvent(JsonJobFileEventKind.RootStart, root.ValueAt);
        var groupsLists = 0;
        while (true)
        {
            if (!Next(_readProperty, out var property))
            {
                throw new JsonException("the file ends inside its root object");
            }

            if (property.Kind == UnitKind.End)
            {
                break;
            }

            if (property.Value.IsEmpty)
            {
                // A "groups" list: its items one by one, then the list itself, without them.
                var groupsIndex = groupsLists++;
                var items = 0;
                while (true)
                {
                    if (!Next(_readItem, out var item))
                    {
                        throw new JsonException("the file ends inside a groups list");
                    }

                    if (item.Kind == UnitKind.End)
                    {
                        break;
                    }

                    var group = SourceJson.ParseValue(item.Value.Span, $"groups[{items}]", item.ValueAt.Line, item.ValueAt.Column);
                    yield return new JsonJobFileEvent(JsonJobFileEventKind.Group, item.ValueAt, Group: group, GroupsIndex: groupsIndex, ItemIndex: items);
                    items++;
                }

                var list = new SourceNode(SourceKind.Array, property.Name!, property.ValueAt.Line, property.ValueAt.Column);
                yield return new JsonJobFileEvent(JsonJobFileEventKind.Property, property.NameAt,
                    new SourceProperty(property.Name!, list, property.NameAt.Line, property.NameAt.Column), GroupsIndex: groupsIndex, ItemIndex: items);
                continue;
            }

            var value = SourceJson.ParseValue(property.Value.Span, property.Name!, property.ValueAt.Line, property.ValueAt.Column);
            yield return new JsonJobFileEvent(JsonJobFileEventKind.Property, property.NameAt, new SourceProperty(property.Name!, value, property.NameAt.Line, property.NameAt.Column));
        }

        if (!Next(ReadEnd, out _))
        {
            throw new JsonException("more after the root object");
        }
    }

    /// <summary>One step of the reading: a value with the bytes it was written as (none for a "groups" list, read item by item), or the end of an object or list.</summary>
    private readonly record struct Unit(UnitKind Kind, string? Name = null, TextPosition NameAt = default, ReadOnlyMemory<byte> Value = default, TextPosition ValueAt = default);

    private bool ReadRootStart(ref Utf8JsonReader reader, out Unit unit)
    {
        unit = default;
        if (!reader.Read())
        {
            return false;
        }

        unit = new Unit(UnitKind.Value, ValueAt: At((int)reader.TokenStartIndex));
        return reader.TokenType == JsonTokenType.StartObject ? true : throw new JsonException("the root is not an object");
    }

    private bool ReadProperty(ref Utf8JsonReader reader, out Unit unit)
    {
        unit = default;
        if (!reader.Read())
        {
            return false;
        }

        if (reader.TokenType == JsonTokenType.EndObject)
        {
            unit = new Unit(UnitKind.End);
            return true;
        }

        var nameAt = (int)reader.TokenStartIndex;
        var name = reader.GetString()!;
        if (!reader.Read())
        {
            return false;
        }

        var valueAt = (int)reader.TokenStartIndex;
        if (name == "groups" && reader.TokenType == JsonTokenType.StartArray)
        {
            unit = new Unit(UnitKind.Value, name, At(nameAt), default, At(valueAt));
            return true;
        }

        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !reader.TrySkip())
        {
            return false;
        }

        unit = new Unit(UnitKind.Value, name, At(nameAt), Slice(valueAt, (int)reader.BytesConsumed), At(valueAt));
        return true;
    }

    private bool ReadItem(ref Utf8JsonReader reader, out Unit unit)
    {
        unit = default;
        if (!reader.Read())
        {
            return false;
        }

        if (reader.TokenType == JsonTokenType.EndArray)
        {
            unit = new Unit(UnitKind.End);
            return true;
        }

        var valueAt = (int)reader.TokenStartIndex;
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !reader.TrySkip())
        {
            return false;
        }

        unit = new Unit(UnitKind.Value, null, default, Slice(valueAt, (int)reader.BytesConsumed), At(valueAt));
        return true;
    }

    /// <summary>Only white space may follow the root object (anything else makes the reader throw).</summary>
    private bool ReadEnd(ref Utf8JsonReader reader, out Unit unit)
    {
        unit = new Unit(UnitKind.End);
        return !reader.Read() && _final;
    }

    /// <summary>
    /// Runs one step on the bytes buffered so far; when they end before the step does, reads more (growing the buffer for
    /// a value longer than it) and runs the step again from its start. False at the end of the stream with the step unfinished.
    /// </summary>
    private bool Next(Step step, out Unit unit)
    {
        while (true)
        {
            var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _final, _state);
            _stepStart = _start;
            if (step(ref reader, out unit))
            {
                _start += (int)reader.BytesConsumed;
                _state = reader.CurrentState;
                return true;
            }

            if (_final)
            {
                return false;
            }

            Fill();
        }
    }

    private ReadOnlyMemory<byte> Slice(int from, int to) => _buffer.AsMemory(_stepStart + from, to - from);

    /// <summary>The line and column of a byte of the step's bytes.</summary>
    private TextPosition At(int offsetInStep) => Advance(_stepStart + offsetInStep);

    /// <summary>Counts lines and columns on from the last place asked for up to <paramref name="offset"/> in the buffer (places only move forward).</summary>
    private TextPosition Advance(int offset)
    {
        if (offset > _positionOffset)
        {
            var span = _buffer.AsSpan(_positionOffset, offset - _positionOffset);
            var newline = span.LastIndexOf((byte)'\n');
            _position = newline < 0
                ? _position with { Column = _position.Column + Encoding.UTF8.GetCharCount(span) }
                : new TextPosition(_position.Line + span.Count((byte)'\n'), 1 + Encoding.UTF8.GetCharCount(span[(newline + 1)..]));
            _positionOffset = offset;
        }

        return _position;
    }

    /// <summary>Moves the unread bytes to the front (doubling the buffer when they fill it), then reads until it is full or the stream ends.</summary>
    private void Fill()
    {
        if (_start > 0)
        {
            Advance(_start); // the bytes before it are about to go: count their lines first
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _positionOffset -= _start;
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            _buffer.AsSpan(0, _end).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        while (_end < _buffer.Length)
        {
            var count = _stream.Read(_buffer, _end, _buffer.Length - _end);
            if (count == 0)
            {
                _final = true;
                return;
            }

            _read += count;
            if (_read > _maxBytes)
            {
                throw new InputException(InputFiles.TooLarge(_fileName, _maxBytes, _tooLargeFix));
            }

            var before = _end;
            _end += count;
            if (before == 0 && _read == _end && _buffer.AsSpan(0, _end).StartsWith("\uFEFF"u8))
            {
                _start = 3; // a byte order mark: the JSON starts after it, and columns count from there
                _positionOffset = 3;
            }
        }
    }
}

internal enum JsonJobFileEventKind
{
    RootStart,
    Group,
    Property,
}

/// <summary>
/// One thing a job file holds: where its root object starts; a group (<paramref name="ItemIndex"/>-th of the
/// <paramref name="GroupsIndex"/>-th "groups" list); or a top-level property (for a "groups" list, its count of items in
/// <paramref name="ItemIndex"/>).
/// </summary>
internal sealed record JsonJobFileEvent(JsonJobFileEventKind Kind, TextPosition At, SourceProperty? Property = null, SourceNode? Group = null, int GroupsIndex = -1, int ItemIndex = 0);

/// <summary>A 1-based line and column (in UTF-16 characters, as editors count them) in a file.</summary>
internal readonly record struct TextPosition(int Line, int Column);

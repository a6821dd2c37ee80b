using System.Buffers;
using System.Text;

namespace Fleetbook.Working;

/// <summary>
/// Cuts a program's output into lines, each passed on as soon as it ends. A line longer than <see cref="MaxLineChars"/>
/// is passed on in pieces of that size, so the worker's memory stays bounded whatever the program prints (a gigabyte on
/// one line included). Line breaks are '\n', '\r\n' and a lone '\r' (progress bars), as <see cref="StreamReader.ReadLine"/> has them.
/// Feed it the bytes as they are read (<see cref="Take"/>), then <see cref="Finish"/> at the end of the output.
/// </summary>
internal sealed class OutputLines(int maxLineChars = OutputLines.MaxLineChars) : IDisposable
{
    public const int MaxLineChars = 16 * 1024;

    /// <summary>The most bytes one <see cref="Take"/> accepts, and so the most text it can pass on at once.</summary>
    public const int ReadBufferBytes = 16 * 1024;

    private readonly Decoder _decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetDecoder();
    // Pooled: a job's two streams would otherwise cost a trivial job more than its own run.
    private readonly char[] _chars = ArrayPool<char>.Shared.Rent(Encoding.UTF8.GetMaxCharCount(ReadBufferBytes));
    private readonly StringBuilder _line = new();
    private bool _afterCarriageReturn;
    private bool _justCut; // a line of exactly the maximum was passed on; its line break adds no empty line

    /// <summary>Reads <paramref name="output"/> to its end, passing on each line as it ends.</summary>
    public static async Task PumpAsync(Stream output, Func<string, Task> onLine, int maxLineChars = MaxLineChars)
    {
        using var lines = new OutputLines(maxLineChars);
        var bytes = ArrayPool<byte>.Shared.Rent(ReadBufferBytes);
        var ended = new List<string>();
        try
        {
            int read;
            while ((read = await output.ReadAsync(bytes.AsMemory(0, ReadBufferBytes), CancellationToken.None)) > 0)
            {
                lines.Take(bytes.AsSpan(0, read), ended);
                await PassOnAsync(ended, onLine);
            }

            lines.Finish(ended);
            await PassOnAsync(ended, onLine);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    /// <summary>Adds the lines that <paramref name="bytes"/> (at most <see cref="ReadBufferBytes"/>) ends to <paramref name="ended"/>.</summary>
    public void Take(ReadOnlySpan<byte> bytes, List<string> ended) =>
        TakeChars(_chars.AsSpan(0, _decoder.GetChars(bytes, _chars, flush: false)), ended);

    /// <summary>The end of the output: adds what is left of the last line, if anything.</summary>
    public void Finish(List<string> ended)
    {
        TakeChars(_chars.AsSpan(0, _decoder.GetChars([], _chars, flush: true)), ended);
        if (_line.Length > 0)
        {
            Emit(ended);
        }
    }

    public void Dispose() => ArrayPool<char>.Shared.Return(_chars);

    private static async Task PassOnAsync(List<string> ended, Func<string, Task> onLine)
    {
        foreach (var line in ended)
        {
            await onLine(line);
        }

        ended.Clear();
    }

    private void Emit(List<string> ended)
    {
        ended.Add(_line.ToString());
        _line.Clear();
    }

    private void TakeChars(ReadOnlySpan<char> rest, List<string> ended)
    {
        while (!rest.IsEmpty)
        {
            if (_afterCarriageReturn && rest[0] == '\n')
            {
                rest = rest[1..]; // the second half of "\r\n"
                _afterCarriageReturn = false;
                continue;
            }

            _afterCarriageReturn = false;
            var room = maxLineChars - _line.Length;
            var window = rest.Length > room ? rest[..room] : rest;
            var end = window.IndexOfAny('\n', '\r');
            if (end >= 0)
            {
                _line.Append(window[..end]);
                _afterCarriageReturn = window[end] == '\r';
                rest = rest[(end + 1)..];
                if (_line.Length > 0 || !_justCut)
                {
                    Emit(ended);
                }

                _justCut = false;
                continue;
            }

            var take = window.Length;
            if (take == room && char.IsHighSurrogate(window[take - 1]))
            {
                take--; // keep a surrogate pair in one piece
            }

            _line.Append(window[..take]);
            rest = rest[take..];
            _justCut = false;
            if (take < window.Length || _line.Length >= maxLineChars)
            {
                Emit(ended);
                _justCut = true;
            }
        }
    }
}

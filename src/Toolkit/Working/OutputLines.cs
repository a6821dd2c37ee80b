using System.Buffers;
using System.Text;

namespace Fleetbook.Working;

/// <summary>
/// Reads a program's output as lines, each passed on as soon as it ends. A line longer than <see cref="MaxLineChars"/>
/// is passed on in pieces of that size, so the worker's memory stays bounded whatever the program prints (a gigabyte on
/// one line included). Line breaks are '\n', '\r\n' and a lone '\r' (progress bars), as <see cref="StreamReader.ReadLine"/> has them.
/// </summary>
internal static class OutputLines
{
    public const int MaxLineChars = 16 * 1024;

    private const int ReadBufferBytes = 16 * 1024;

    public static async Task PumpAsync(Stream output, Func<string, Task> onLine, int maxLineChars = MaxLineChars)
    {
        var decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetDecoder();
        // Pooled: a job's two pumps would otherwise cost a trivial job more than its own run.
        var bytes = ArrayPool<byte>.Shared.Rent(ReadBufferBytes);
        var chars = ArrayPool<char>.Shared.Rent(Encoding.UTF8.GetMaxCharCount(ReadBufferBytes));
        var line = new StringBuilder();
        var afterCarriageReturn = false;
        var justCut = false; // a line of exactly the maximum was passed on; its line break adds no empty line

        async Task EmitAsync()
        {
            var text = line.ToString();
            line.Clear();
            await onLine(text);
        }

        async Task TakeAsync(int count)
        {
            var rest = chars.AsMemory(0, count);
            while (!rest.IsEmpty)
            {
                if (afterCarriageReturn && rest.Span[0] == '\n')
                {
                    rest = rest[1..]; // the second half of "\r\n"
                    afterCarriageReturn = false;
                    continue;
                }

                afterCarriageReturn = false;
                var room = maxLineChars - line.Length;
                var window = rest.Length > room ? rest[..room] : rest;
                var end = window.Span.IndexOfAny('\n', '\r');
                if (end >= 0)
                {
                    line.Append(window.Span[..end]);
                    afterCarriageReturn = window.Span[end] == '\r';
                    rest = rest[(end + 1)..];
                    if (line.Length > 0 || !justCut)
                    {
                        await EmitAsync();
                    }

                    justCut = false;
                    continue;
                }

                var take = window.Length;
                if (take == room && char.IsHighSurrogate(window.Span[take - 1]))
                {
                    take--; // keep a surrogate pair in one piece
                }

                line.Append(window.Span[..take]);
                rest = rest[take..];
                justCut = false;
                if (take < window.Length || line.Length >= maxLineChars)
                {
                    await EmitAsync();
                    justCut = true;
                }
            }
        }

        try
        {
            int read;
            while ((read = await output.ReadAsync(bytes.AsMemory(0, ReadBufferBytes), CancellationToken.None)) > 0)
            {
                await TakeAsync(decoder.GetChars(bytes, 0, read, chars, 0, flush: false));
            }

            await TakeAsync(decoder.GetChars(bytes, 0, 0, chars, 0, flush: true));
            if (line.Length > 0)
            {
                await EmitAsync();
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
            ArrayPool<char>.Shared.Return(chars);
        }
    }
}

using System.Text;
using Fleetbook.Queues;

namespace Fleetbook.Backends.Local;

/// <summary>
/// SQS's limits on a message body. The local queue enforces them (with the classic 256 KiB size limit, the
/// strictest SQS has had) so that a message accepted here is also accepted by SQS.
/// </summary>
internal static class MessageRules
{
    public const int MaxBodyBytes = 256 * 1024;

    public static SendFailure? Check(int index, string? body)
    {
        if (string.IsNullOrEmpty(body))
        {
            return new SendFailure(index, "InvalidMessageContents", "The message body is empty; SQS needs at least one character.");
        }

        if (Encoding.UTF8.GetByteCount(body) is var bytes && bytes > MaxBodyBytes)
        {
            return new SendFailure(index, "MessageTooLong", $"The message body is {bytes} bytes; SQS accepts at most {MaxBodyBytes}.");
        }

        var bad = FirstInvalidCharacter(body);
        return bad < 0
            ? null
            : new SendFailure(index, "InvalidMessageContents", $"The message body has a character SQS does not accept (U+{(int)body[bad]:X4}) at position {bad}.");
    }

    /// <summary>SQS accepts #x9, #xA, #xD, #x20-#xD7FF, #xE000-#xFFFD and #x10000-#x10FFFF.</summary>
    private static int FirstInvalidCharacter(string body)
    {
        // Most bodies are printable text below the surrogates (JSON job bodies are all ASCII): one vectorized search rules that out.
        var start = body.AsSpan().IndexOfAnyExceptInRange(' ', '\uD7FF');
        if (start < 0)
        {
            return -1;
        }

        for (var i = start; i < body.Length; i++)
        {
            var c = body[i];
            if (c < 0x20)
            {
                if (c is not ('\t' or '\n' or '\r'))
                {
                    return i;
                }
            }
            else if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= body.Length || !char.IsLowSurrogate(body[i + 1]))
                {
                    return i;
                }

                i++;
            }
            else if (char.IsLowSurrogate(c) || c is '\uFFFE' or '\uFFFF')
            {
                return i;
            }
        }

        return -1;
    }
}

using System.Globalization;
using System.Text;

namespace Fleetbook.Inputs;

/// <summary>
/// Characters that steer a terminal instead of showing as text: C0 and C1 controls and DEL (escape sequences clear the
/// screen, set the window title, recolour text) and Unicode's bidirectional controls and line separators (which reorder
/// or break what is shown). Fleetbook shows each as <c>\xHH</c> or <c>\uHHHH</c>.
/// </summary>
public static class ControlCharacters
{
    public static bool IsControl(char c) =>
        c < ' ' || c is >= '\x7f' and <= '\x9f' or '\u061c' or '\u200e' or '\u200f' or >= '\u202a' and <= '\u202e' or >= '\u2066' and <= '\u2069' or '\u2028' or '\u2029';

    /// <summary><c>\x1b</c> for ESC, <c>\u202e</c> for RIGHT-TO-LEFT OVERRIDE.</summary>
    public static string Show(char c) => c < '\u0100'
        ? "\\x" + ((int)c).ToString("x2", CultureInfo.InvariantCulture)
        : "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture);

    /// <summary>
    /// <paramref name="text"/> safe to print on a terminal: every control character shown as <see cref="Show"/> does,
    /// except line feeds, tabs and the carriage return of a CRLF, which keep their layout.
    /// </summary>
    public static string Escape(string text) => Escape(text, keepLayout: true);

    /// <summary><paramref name="text"/> on one line: every control character shown, line feeds and tabs too (for a value quoted in a message).</summary>
    public static string EscapeAll(string text) => Escape(text, keepLayout: false);

    /// <summary>The first control character of <paramref name="text"/> (tabs and line breaks included), shown visibly; null when there is none.</summary>
    public static string? First(string text)
    {
        var index = FirstIndex(text, keepLayout: false);
        return index < 0 ? null : Show(text[index]);
    }

    private static string Escape(string text, bool keepLayout)
    {
        ArgumentNullException.ThrowIfNull(text);
        var first = FirstIndex(text, keepLayout);
        if (first < 0)
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 8).Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (IsControl(c) && !(keepLayout && IsLayout(text, i)))
            {
                escaped.Append(Show(c));
            }
            else
            {
                escaped.Append(c);
            }
        }

        return escaped.ToString();
    }

    private static int FirstIndex(string text, bool keepLayout)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (IsControl(text[i]) && !(keepLayout && IsLayout(text, i)))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsLayout(string text, int i) =>
        text[i] is '\n' or '\t' || (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n');
}

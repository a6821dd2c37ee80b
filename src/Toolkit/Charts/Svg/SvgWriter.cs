using System.Globalization;
using System.Text;

namespace Fleetbook.Charts.Svg;

/// <summary>
/// Writes SVG markup that is also well-formed XML: every text and attribute value escaped (names and labels come from
/// jobs and users), characters XML cannot carry replaced, numbers in the invariant culture to a tenth of a pixel.
/// </summary>
internal sealed class SvgWriter
{
    private readonly StringBuilder _markup = new();

    public SvgWriter Start(string element, params ReadOnlySpan<(string Name, object? Value)> attributes)
    {
        _markup.Append('<').Append(element);
        WriteAttributes(attributes);
        _markup.Append('>');
        return this;
    }

    public SvgWriter End(string element)
    {
        _markup.Append("</").Append(element).Append('>');
        return this;
    }

    public SvgWriter Empty(string element, params ReadOnlySpan<(string Name, object? Value)> attributes)
    {
        _markup.Append('<').Append(element);
        WriteAttributes(attributes);
        _markup.Append("/>");
        return this;
    }

    /// <summary>An element holding only <paramref name="content"/>, escaped.</summary>
    public SvgWriter Element(string element, string content, params ReadOnlySpan<(string Name, object? Value)> attributes)
    {
        Start(element, attributes);
        _markup.Append(Escape(content));
        return End(element);
    }

    /// <summary>The browser's hover note for the enclosing element.</summary>
    public SvgWriter Tooltip(string text) => Element("title", text);

    public override string ToString() => _markup.ToString();

    public static string Number(double value)
    {
        var rounded = Math.Round(value, 1);
        return (rounded == 0 ? 0 : rounded).ToString("0.#", CultureInfo.InvariantCulture);
    }

    /// <summary>An opacity or another fraction, to a thousandth.</summary>
    public static string Fraction(double value) => Math.Round(value, 3).ToString("0.###", CultureInfo.InvariantCulture);

    public static string Escape(string text)
    {
        StringBuilder? escaped = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var replacement = c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ when char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) => null,
                _ when char.IsLowSurrogate(c) && i > 0 && char.IsHighSurrogate(text[i - 1]) => null,
                _ when char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF' || (c < ' ' && c is not '\t' and not '\n' and not '\r') => "\uFFFD",
                _ => null,
            };
            if (replacement is null)
            {
                escaped?.Append(c);
                continue;
            }

            escaped ??= new StringBuilder(text.Length + 16).Append(text, 0, i);
            escaped.Append(replacement);
        }

        return escaped?.ToString() ?? text;
    }

    private void WriteAttributes(ReadOnlySpan<(string Name, object? Value)> attributes)
    {
        foreach (var (name, value) in attributes)
        {
            var text = value switch
            {
                null => null,
                string s => s,
                double d => Number(d),
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString(),
            };
            if (text is not null)
            {
                _markup.Append(' ').Append(name).Append("=\"").Append(Escape(text)).Append('"');
            }
        }
    }
}

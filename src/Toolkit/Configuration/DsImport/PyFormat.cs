using System.Globalization;
using System.Text;

namespace Fleetbook.Configuration.DsImport;

/// <summary>Python's <c>repr()</c> of strings and floats, character for character.</summary>
internal static class PyFormat
{
    public static string StringRepr(string value)
    {
        var quote = value.Contains('\'') && !value.Contains('"') ? '"' : '\'';
        var text = new StringBuilder().Append(quote);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == quote || c == '\\')
            {
                text.Append('\\').Append(c);
            }
            else if (c is '\n' or '\r' or '\t')
            {
                text.Append(c switch { '\n' => "\\n", '\r' => "\\r", _ => "\\t" });
            }
            else if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                var rune = new Rune(c, value[i + 1]);
                i++;
                if (IsPrintable(Rune.GetUnicodeCategory(rune)))
                {
                    text.Append(rune.ToString());
                }
                else
                {
                    text.Append(CultureInfo.InvariantCulture, $"\\U{rune.Value:x8}");
                }
            }
            else if (c == ' ' || (!char.IsSurrogate(c) && IsPrintable(char.GetUnicodeCategory(c))))
            {
                text.Append(c);
            }
            else
            {
                text.Append(c < 0x100 ? $"\\x{(int)c:x2}" : $"\\u{(int)c:x4}");
            }
        }

        return text.Append(quote).ToString();
    }

    /// <summary>
    /// The shortest text that reads back as the same double, laid out as CPython does:
    /// exponent form when the decimal point would sit more than 16 digits right or 4 digits left.
    /// </summary>
    public static string FloatRepr(double value)
    {
        if (double.IsNaN(value))
        {
            return "nan";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }

        var sign = double.IsNegative(value) ? "-" : "";
        var (digits, point) = ShortestDigits(Math.Abs(value));
        if (digits.Length == 0)
        {
            return sign + "0.0";
        }

        if (point > -4 && point <= 16)
        {
            if (point <= 0)
            {
                return sign + "0." + new string('0', -point) + digits;
            }

            return point >= digits.Length
                ? sign + digits + new string('0', point - digits.Length) + ".0"
                : sign + digits[..point] + "." + digits[point..];
        }

        var exponent = point - 1;
        var mantissa = digits.Length == 1 ? digits : digits[0] + "." + digits[1..];
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture);
    }

    /// <summary>Significant digits without leading or trailing zeros, and where the decimal point goes (0.d1d2… × 10^point).</summary>
    private static (string Digits, int Point) ShortestDigits(double positive)
    {
        var text = positive.ToString("R", CultureInfo.InvariantCulture);
        var exponent = 0;
        var e = text.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }

        var dot = text.IndexOf('.');
        var point = (dot < 0 ? text.Length : dot) + exponent;
        var digits = text.Replace(".", "", StringComparison.Ordinal);
        var leading = digits.Length - digits.TrimStart('0').Length;
        return (digits.Trim('0'), point - leading);
    }

    private static bool IsPrintable(UnicodeCategory category) => category is not (
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
        or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
        or UnicodeCategory.SpaceSeparator);
}

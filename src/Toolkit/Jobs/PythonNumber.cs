using System.Globalization;
using System.Text;

namespace Fleetbook.Jobs;

/// <summary>A JSON number printed as Python prints what <c>json.load</c> made of it: an <c>int</c> or <c>repr(float)</c>.</summary>
internal static class PythonNumber
{
    // repr(float) uses exponent form outside these decimal point positions (CPython's format_float_short, mode 'r').
    private const int SmallestFixedPoint = -3;
    private const int LargestFixedPoint = 16;

    /// <param name="text">The number as written in valid JSON.</param>
    /// <param name="json">True for <c>json.dumps</c> (<c>Infinity</c>), false for <c>str()</c> (<c>inf</c>).</param>
    public static string Format(string text, bool json)
    {
        if (text.AsSpan().IndexOfAny('.', 'e', 'E') < 0)
        {
            // Python ints are exact; JSON allows no leading zeros or '+', so only "-0" needs care.
            return text.AsSpan().TrimStart('-').TrimStart('0').IsEmpty ? "0" : text;
        }

        var value = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        return Repr(value, json);
    }

    public static string Repr(double value, bool json)
    {
        if (double.IsInfinity(value))
        {
            var infinity = json ? "Infinity" : "inf";
            return value < 0 ? "-" + infinity : infinity;
        }

        if (double.IsNaN(value))
        {
            return json ? "NaN" : "nan";
        }

        if (value == 0)
        {
            return double.IsNegative(value) ? "-0.0" : "0.0";
        }

        var (digits, point) = ShortestDigits(Math.Abs(value));
        var result = new StringBuilder(digits.Length + 8);
        if (value < 0)
        {
            result.Append('-');
        }

        if (point < SmallestFixedPoint || point > LargestFixedPoint)
        {
            result.Append(digits[0]);
            if (digits.Length > 1)
            {
                result.Append('.').Append(digits, 1, digits.Length - 1);
            }

            var exponent = point - 1;
            result.Append(exponent < 0 ? "e-" : "e+").Append(Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture));
        }
        else if (point <= 0)
        {
            result.Append("0.").Append('0', -point).Append(digits);
        }
        else if (point >= digits.Length)
        {
            result.Append(digits).Append('0', point - digits.Length).Append(".0");
        }
        else
        {
            result.Append(digits, 0, point).Append('.').Append(digits, point, digits.Length - point);
        }

        return result.ToString();
    }

    /// <summary>The shortest digits that round-trip, and where the decimal point goes: value = 0.DIGITS × 10^point.</summary>
    private static (string Digits, int Point) ShortestDigits(double positive)
    {
        var text = positive.ToString("R", CultureInfo.InvariantCulture);
        var exponentAt = text.IndexOfAny(['E', 'e']);
        var exponent = exponentAt < 0 ? 0 : int.Parse(text.AsSpan(exponentAt + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var mantissa = exponentAt < 0 ? text : text[..exponentAt];
        var dot = mantissa.IndexOf('.');
        var point = (dot < 0 ? mantissa.Length : dot) + exponent;
        var digits = dot < 0 ? mantissa : mantissa.Remove(dot, 1);
        var leadingZeros = digits.Length - digits.TrimStart('0').Length;
        digits = digits.Trim('0');
        return (digits, point - leadingZeros);
    }
}

namespace Fleetbook.Charts.Svg;

/// <summary>
/// Text widths estimated before any browser measures them, so margins, legend rows and tick spacing can be planned.
/// The widths are those of a wide sans-serif (DejaVu Sans), so narrower fonts only leave a little more room.
/// </summary>
internal static class TextMetrics
{
    public static double Width(string text, double fontSize)
    {
        var ems = 0.0;
        foreach (var c in text)
        {
            ems += c switch
            {
                ' ' or '.' or ',' or ':' or ';' or '\'' or '|' or '!' or 'i' or 'j' or 'l' or 'I' => 0.32,
                'f' or 'r' or 't' or '(' or ')' or '[' or ']' or '-' or '/' => 0.42,
                'm' or 'w' or 'M' or 'W' or '%' or '@' => 0.92,
                >= '0' and <= '9' => 0.64,
                >= 'A' and <= 'Z' => 0.72,
                _ => 0.62,
            };
        }

        return ems * fontSize;
    }

    /// <summary><paramref name="text"/>, cut short with an ellipsis where it would be wider than <paramref name="maxWidth"/>.</summary>
    public static string Fit(string text, double fontSize, double maxWidth)
    {
        if (Width(text, fontSize) <= maxWidth)
        {
            return text;
        }

        var length = text.Length;
        while (length > 1 && Width(text[..length] + "…", fontSize) > maxWidth)
        {
            length--;
        }

        return text[..length] + "…";
    }
}

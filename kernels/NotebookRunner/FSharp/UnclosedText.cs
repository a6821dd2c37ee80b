namespace Fleetbook.Notebooks.FSharp;

/// <summary>
/// Finds a string or block comment that a cell opens and never closes. fsi reads a cell from stdin, so such a cell
/// would swallow the runner's end-of-cell marker and everything after it, and hang until the timeout. The scan knows
/// F#'s string forms, nested comments, <c>(*)</c> and char literals versus type parameters; when unsure it says "closed".
/// </summary>
internal static class UnclosedText
{
    /// <summary>A message naming the line where the unclosed string, comment or <c>#if</c> starts, or null.</summary>
    public static string? Find(string code)
    {
        var i = 0;
        var line = 1;
        var conditions = new Stack<int>();
        while (i < code.Length)
        {
            var c = code[i];
            if (i == 0 || code[i - 1] == '\n')
            {
                Directive(code, i, line, conditions);
            }

            if (c == '\n')
            {
                line++;
                i++;
            }
            else if (c == '/' && At(code, i, "//"))
            {
                while (i < code.Length && code[i] != '\n')
                {
                    i++;
                }
            }
            else if (c == '(' && At(code, i, "(*") && !At(code, i, "(*)"))
            {
                var start = line;
                if (!SkipComment(code, ref i, ref line))
                {
                    return $"line {start}: this (* comment is never closed, so F# would read the rest of the notebook into it.";
                }
            }
            else if (StringStart(code, i) is { } opening)
            {
                var start = line;
                if (!SkipString(code, ref i, ref line, opening))
                {
                    return $"line {start}: this string is never closed, so F# would read the rest of the notebook into it.";
                }
            }
            else if (c == '\'')
            {
                i = SkipCharLiteral(code, i);
            }
            else
            {
                i++;
            }
        }

        return conditions.Count > 0 ? $"line {conditions.Peek()}: this #if has no #endif, so F# would skip the rest of the notebook." : null;
    }

    private static void Directive(string code, int i, int line, Stack<int> conditions)
    {
        while (i < code.Length && code[i] is ' ' or '\t')
        {
            i++;
        }

        if (At(code, i, "#if") && (i + 3 == code.Length || char.IsWhiteSpace(code[i + 3])))
        {
            conditions.Push(line);
        }
        else if (At(code, i, "#endif") && conditions.Count > 0)
        {
            conditions.Pop();
        }
    }

    private static bool At(string code, int i, string text) => string.CompareOrdinal(code, i, text, 0, text.Length) == 0;

    /// <summary>The opening of a string at <paramref name="i"/>: its prefix (<c>$</c>, <c>@</c>) and quotes.</summary>
    private static string? StringStart(string code, int i)
    {
        var j = i;
        while (j < code.Length && j - i < 3 && (code[j] == '$' || code[j] == '@'))
        {
            j++;
        }

        if (j >= code.Length || code[j] != '"')
        {
            return null;
        }

        // An identifier character before a prefix ($x, @x) means it is not a string prefix.
        if (j > i && i > 0 && (char.IsLetterOrDigit(code[i - 1]) || code[i - 1] == '_'))
        {
            return null;
        }

        return At(code, j, "\"\"\"") ? code[i..j] + "\"\"\"" : code[i..(j + 1)];
    }

    private static bool SkipString(string code, ref int i, ref int line, string opening)
    {
        var triple = opening.EndsWith("\"\"\"", StringComparison.Ordinal);
        var verbatim = opening.Contains('@', StringComparison.Ordinal);
        i += opening.Length;
        while (i < code.Length)
        {
            var c = code[i];
            if (c == '\n')
            {
                line++;
            }

            if (triple)
            {
                if (At(code, i, "\"\"\""))
                {
                    i += 3;
                    return true;
                }
            }
            else if (c == '\\' && !verbatim)
            {
                i++;
            }
            else if (c == '"')
            {
                if (verbatim && At(code, i, "\"\""))
                {
                    i++;
                }
                else
                {
                    i++;
                    return true;
                }
            }

            i++;
        }

        return false;
    }

    /// <summary>F# comments nest, and a string inside a comment is still a string (a "*)" in it closes nothing).</summary>
    private static bool SkipComment(string code, ref int i, ref int line)
    {
        var depth = 0;
        while (i < code.Length)
        {
            if (At(code, i, "(*") && !At(code, i, "(*)"))
            {
                depth++;
                i += 2;
            }
            else if (At(code, i, "*)"))
            {
                depth--;
                i += 2;
                if (depth == 0)
                {
                    return true;
                }
            }
            else if (code[i] == '"')
            {
                if (!SkipString(code, ref i, ref line, At(code, i, "\"\"\"") ? "\"\"\"" : "\""))
                {
                    return false;
                }
            }
            else
            {
                line += code[i] == '\n' ? 1 : 0;
                i++;
            }
        }

        return false;
    }

    /// <summary>'a', '\n', '\'' and '"' are chars; anything else after a tick (a type parameter 'T, x') is not.</summary>
    private static int SkipCharLiteral(string code, int i)
    {
        if (i + 2 < code.Length && code[i + 1] != '\\' && code[i + 2] == '\'')
        {
            return i + 3;
        }

        if (i + 3 < code.Length && code[i + 1] == '\\')
        {
            var close = code.IndexOf('\'', i + 3);
            if (close > 0 && close - i <= 10 && !code[(i + 1)..close].Contains('\n', StringComparison.Ordinal))
            {
                return close + 1;
            }
        }

        return i + 1;
    }
}

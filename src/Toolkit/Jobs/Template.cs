using System.Text;

namespace Fleetbook.Jobs;

/// <summary>
/// Text with <c>{placeholders}</c>: <c>{key}</c> (a message key), <c>{group.Key}</c>, <c>{metadata.Key}</c>
/// (from a Distributed-CellProfiler Metadata string), <c>{job_id}</c>, <c>{input_dir}</c>, <c>{output_dir}</c>.
/// <c>{{</c> and <c>}}</c> stand for literal braces.
/// </summary>
public sealed class Template
{
    private readonly List<(string? Literal, Placeholder? Placeholder)> _parts;

    private readonly Placeholder[] _placeholders;

    private Template(string text, List<(string?, Placeholder?)> parts)
    {
        Text = text;
        _parts = parts;
        _placeholders = [.. parts.Where(p => p.Item2 is not null).Select(p => p.Item2!)];
    }

    public string Text { get; }

    public IEnumerable<Placeholder> Placeholders => _placeholders;

    /// <summary>The template in order: each part is either literal text or a placeholder.</summary>
    internal IReadOnlyList<(string? Literal, Placeholder? Placeholder)> Parts => _parts;

    /// <summary>Parses a template; returns null and an error (with its character offset) when the braces do not balance.</summary>
    public static Template? TryParse(string text, out string? error)
    {
        error = null;
        var parts = new List<(string?, Placeholder?)>();
        var literal = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '{' && i + 1 < text.Length && text[i + 1] == '{')
            {
                literal.Append('{');
                i++;
            }
            else if (c == '}' && i + 1 < text.Length && text[i + 1] == '}')
            {
                literal.Append('}');
                i++;
            }
            else if (c == '{')
            {
                var end = text.IndexOf('}', i + 1);
                var nextOpen = text.IndexOf('{', i + 1);
                if (end < 0 || (nextOpen >= 0 && nextOpen < end))
                {
                    error = $"the '{{' at character {i + 1} is never closed; write '{{{{' for a literal brace";
                    return null;
                }

                var name = text[(i + 1)..end].Trim();
                if (name.Length == 0)
                {
                    error = $"the placeholder at character {i + 1} is empty; write '{{{{}}}}' for literal braces";
                    return null;
                }

                if (literal.Length > 0)
                {
                    parts.Add((literal.ToString(), null));
                    literal.Clear();
                }

                parts.Add((null, new Placeholder(name, i)));
                i = end;
            }
            else if (c == '}')
            {
                error = $"the '}}' at character {i + 1} has no opening '{{'; write '}}}}' for a literal brace";
                return null;
            }
            else
            {
                literal.Append(c);
            }
        }

        if (literal.Length > 0)
        {
            parts.Add((literal.ToString(), null));
        }

        return new Template(text, parts);
    }

    public static Template Parse(string text) =>
        TryParse(text, out var error) ?? throw new FormatException($"Template '{text}': {error}.");

    /// <summary>Fills the template; <paramref name="resolve"/> returns null for an unknown placeholder, which throws.</summary>
    public string Render(Func<Placeholder, string?> resolve)
    {
        var result = new StringBuilder();
        foreach (var (literal, placeholder) in _parts)
        {
            if (literal is not null)
            {
                result.Append(literal);
            }
            else
            {
                result.Append(resolve(placeholder!) ?? throw new KeyNotFoundException($"The job has no value for {{{placeholder!.Name}}}."));
            }
        }

        return result.ToString();
    }
}

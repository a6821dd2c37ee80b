using System.Text.Json.Nodes;

namespace Fleetbook.Notebooks.Ipynb;

/// <summary>Which kernel runs a cell, read the way .NET Interactive and VS Code write it.</summary>
internal static class NotebookKernels
{
    /// <summary>The notebook's default: Polyglot's kernelInfo, then the Jupyter kernelspec, then language_info; else C#.</summary>
    public static CellKernel Default(JsonObject? metadata)
    {
        var candidates = new[]
        {
            Text(metadata, "polyglot_notebook", "kernelInfo", "defaultKernelName"),
            Text(metadata, "kernelspec", "name"),
            Text(metadata, "kernelspec", "language"),
            Text(metadata, "language_info", "name"),
        };
        return candidates.Select(CellKernel.FromName).FirstOrDefault(k => k is { Language: CellLanguage.CSharp or CellLanguage.FSharp }) ?? CellKernel.CSharp;
    }

    /// <summary>A leading <c>#!kernel</c> line wins (it is what the cell's text says), then the cell's metadata, then the default.</summary>
    public static CellKernel ForCell(string source, JsonObject? metadata, CellKernel notebookDefault) =>
        FromMagic(source)
        ?? CellKernel.FromName(Text(metadata, "polyglot_notebook", "kernelName"))
        ?? CellKernel.FromName(Text(metadata, "dotnet_interactive", "language"))
        ?? notebookDefault;

    private static CellKernel? FromMagic(string source)
    {
        foreach (var raw in source.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (!line.StartsWith("#!", StringComparison.Ordinal))
            {
                return null;
            }

            if (MagicLine.KernelName(line) is { } kernel)
            {
                return kernel;
            }
        }

        return null;
    }

    private static string? Text(JsonObject? node, params string[] path)
    {
        JsonNode? current = node;
        foreach (var key in path)
        {
            current = (current as JsonObject)?[key];
        }

        return current is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
    }
}

/// <summary>Lines of the form <c>#!name args</c>: kernel switches and magic commands.</summary>
internal static class MagicLine
{
    private static readonly HashSet<string> KernelNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "csharp", "c#", "fsharp", "f#", "markdown", "md", "html", "pwsh", "powershell", "javascript", "js", "sql", "kql", "mermaid", "http", "python", "r",
    };

    public static string Name(string line)
    {
        var rest = line.Trim()[2..];
        var end = rest.IndexOfAny([' ', '\t']);
        return end < 0 ? rest : rest[..end];
    }

    /// <summary>The kernel a <c>#!</c> line switches to, or null for a magic command such as <c>#!time</c>.</summary>
    public static CellKernel? KernelName(string line)
    {
        var name = Name(line);
        return KernelNames.Contains(name) ? CellKernel.FromName(name) : null;
    }
}

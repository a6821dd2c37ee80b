using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fleetbook.Notebooks.Ipynb;

/// <summary>An nbformat 4 notebook: its JSON (kept whole, so writing it back loses nothing) and its cells.</summary>
internal sealed record NotebookDocument(string Path, JsonObject Root, IReadOnlyList<NotebookCell> Cells, CellKernel DefaultKernel)
{
    public static NotebookDocument Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new NotebookFormatException(path, e is FileNotFoundException or DirectoryNotFoundException ? "the file does not exist." : e.Message);
        }

        return Parse(text, path);
    }

    public static NotebookDocument Parse(string json, string path)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new NotebookFormatException(path, $"not valid JSON at line {(e.LineNumber ?? 0) + 1}, column {(e.BytePositionInLine ?? 0) + 1}: {WithoutPosition(e.Message)}");
        }

        if (root is not JsonObject notebook)
        {
            throw new NotebookFormatException(path, "a notebook is a JSON object with \"cells\" and \"metadata\"; this file holds " + Describe(root) + ".");
        }

        var format = notebook["nbformat"] is JsonValue v && v.TryGetValue<int>(out var n) ? n : (int?)null;
        if (format != 4)
        {
            throw new NotebookFormatException(path, format is null
                ? "this is not a Jupyter notebook: it has no \"nbformat\" number."
                : $"nbformat {format} is not supported; only nbformat 4 (convert with 'jupyter nbconvert --to notebook --nbformat 4').");
        }

        if (notebook["cells"] is not JsonArray cells)
        {
            throw new NotebookFormatException(path, "the notebook has no \"cells\" array.");
        }

        var defaultKernel = NotebookKernels.Default(notebook["metadata"] as JsonObject);
        var read = new List<NotebookCell>();
        for (var i = 0; i < cells.Count; i++)
        {
            if (cells[i] is not JsonObject cell || cell["cell_type"] is not JsonValue type || !type.TryGetValue<string>(out var cellType))
            {
                throw new NotebookFormatException(path, $"cells[{i}] is not a cell: it needs a \"cell_type\".");
            }

            var source = MultilineString.Read(cell["source"])
                ?? throw new NotebookFormatException(path, $"cells[{i}] has no \"source\" (a string or a list of strings).");
            var kernel = cellType == "code" ? NotebookKernels.ForCell(source, cell["metadata"] as JsonObject, defaultKernel) : null;
            read.Add(new NotebookCell(i, cellType, source.Replace("\r\n", "\n", StringComparison.Ordinal), kernel));
        }

        return new NotebookDocument(path, notebook, read, defaultKernel);
    }

    private static string WithoutPosition(string message)
    {
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        cut = cut < 0 ? message.IndexOf(" LineNumber: ", StringComparison.Ordinal) : cut;
        return cut < 0 ? message : message[..cut];
    }

    private static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonArray => "an array",
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            _ => "a " + value.GetValueKind().ToString().ToLowerInvariant(),
        },
        _ => "an object",
    };
}

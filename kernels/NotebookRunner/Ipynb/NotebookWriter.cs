using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fleetbook.Notebooks.Ipynb;

/// <summary>Writes the executed notebook: the input's JSON with each code cell's outputs and execution count replaced.</summary>
internal static class NotebookWriter
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        IndentSize = 1,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Code cells missing from <paramref name="runs"/> did not run: no outputs, no execution count.</summary>
    public static string ToJson(NotebookDocument notebook, IReadOnlyDictionary<int, CellRun> runs)
    {
        var root = (JsonObject)notebook.Root.DeepClone();
        var cells = (JsonArray)root["cells"]!;
        foreach (var cell in notebook.Cells.Where(c => c.IsCode))
        {
            var node = (JsonObject)cells[cell.Index]!;
            var run = runs.GetValueOrDefault(cell.Index);
            node["outputs"] = new JsonArray([.. (run?.Outputs ?? []).Select(ToJson)]);
            node["execution_count"] = run is null ? null : JsonValue.Create(run.ExecutionCount);
        }

        return root.ToJsonString(Indented) + "\n";
    }

    public static JsonObject ToJson(NotebookOutput output) => output switch
    {
        StreamOutput stream => new JsonObject
        {
            ["output_type"] = "stream",
            ["name"] = stream.Name,
            ["text"] = MultilineString.Write(stream.Text),
        },
        DisplayOutput { IsResult: true } result => new JsonObject
        {
            ["output_type"] = "execute_result",
            ["execution_count"] = result.ExecutionCount,
            ["data"] = Data(result.Data),
            ["metadata"] = Metadata(result),
        },
        DisplayOutput display => new JsonObject
        {
            ["output_type"] = "display_data",
            ["data"] = Data(display.Data),
            ["metadata"] = Metadata(display),
        },
        ErrorOutput error => new JsonObject
        {
            ["output_type"] = "error",
            ["ename"] = error.Error.Name,
            ["evalue"] = error.Error.Message,
            ["traceback"] = new JsonArray([.. error.Error.Traceback.Select(l => (JsonNode?)l)]),
        },
        _ => throw new ArgumentOutOfRangeException(nameof(output), output.GetType().Name),
    };

    // nbformat forbids keys beside output_type/data/metadata, so the display id Jupyter sends as "transient" is kept
    // in the output's metadata, and only for live displays (the ones updated).
    private static JsonObject Metadata(DisplayOutput display) => display.Updated
        ? new JsonObject { ["transient"] = new JsonObject { ["display_id"] = display.DisplayId } }
        : [];

    private static JsonObject Data(MimeBundle bundle)
    {
        var data = new JsonObject();
        foreach (var (mimeType, value) in bundle.Entries)
        {
            data[mimeType] = IsJson(mimeType) && TryParse(value) is { } json ? json : MultilineString.Write(value);
        }

        return data;
    }

    /// <summary>nbformat stores <c>application/json</c> and <c>application/*+json</c> as JSON, not text.</summary>
    private static bool IsJson(string mimeType) =>
        mimeType.StartsWith("application/", StringComparison.Ordinal)
        && (mimeType.EndsWith("/json", StringComparison.Ordinal) || mimeType.EndsWith("+json", StringComparison.Ordinal));

    private static JsonNode? TryParse(string json)
    {
        try
        {
            return JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

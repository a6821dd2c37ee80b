using System.Text.Json.Nodes;

namespace Fleetbook.Tests.Support;

/// <summary>An executed notebook (nbformat 4) as a host wrote it, read back for assertions.</summary>
public sealed class ExecutedNotebook(JsonObject root)
{
    public static ExecutedNotebook Load(string path) => new((JsonObject)JsonNode.Parse(File.ReadAllText(path))!);

    public JsonObject Root => root;

    public JsonArray Cells => (JsonArray)root["cells"]!;

    public JsonObject Cell(int index) => (JsonObject)Cells[index]!;

    public int? ExecutionCount(int index) => Cell(index)["execution_count"]?.GetValue<int>();

    public string Source(int index) => Join(Cell(index)["source"]);

    public IReadOnlyList<JsonObject> Outputs(int index) => [.. (Cell(index)["outputs"] as JsonArray ?? []).Select(o => (JsonObject)o!)];

    public IReadOnlyList<JsonObject> Outputs(int index, string outputType) => [.. Outputs(index).Where(o => (string?)o["output_type"] == outputType)];

    /// <summary>The indexes of the code cells, in order.</summary>
    public IReadOnlyList<int> CodeCells => [.. Enumerable.Range(0, Cells.Count).Where(i => (string?)Cell(i)["cell_type"] == "code")];

    /// <summary>Every output of every code cell, in order.</summary>
    public IEnumerable<JsonObject> AllOutputs => CodeCells.SelectMany(Outputs);

    /// <summary>The index of the only code cell whose source contains <paramref name="text"/>.</summary>
    public int CodeCellWith(string text) => CodeCells.Single(i => Source(i).Contains(text, StringComparison.Ordinal));

    /// <summary>The text of a MIME type in an output's data (nbformat stores it as a string or a list of lines).</summary>
    public static string Text(JsonObject output, string mimeType) => Join(output["data"]?[mimeType]);

    public string Stdout(int index) => string.Concat(Outputs(index, "stream").Where(o => (string?)o["name"] == "stdout").Select(o => Join(o["text"])));

    public static string Join(JsonNode? node) => node switch
    {
        JsonArray lines => string.Concat(lines.Select(l => l!.GetValue<string>())),
        JsonValue value => value.GetValue<string>(),
        null => "",
        _ => node.ToJsonString(),
    };
}

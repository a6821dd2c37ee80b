using System.Text.Json.Nodes;

namespace Fleetbook.Tests.Kernels;

/// <summary>Builds small nbformat 4 notebooks the way VS Code's Polyglot extension writes them.</summary>
public static class TestNotebook
{
    public static string CSharp(params string[] cells) => Build(".net-csharp", "C#", cells);

    public static string FSharp(params string[] cells) => Build(".net-fsharp", "F#", cells);

    public static string Build(string kernelName, string language, IEnumerable<string> cells, IEnumerable<JsonObject>? extraCells = null)
    {
        var codeCells = cells.Select(source => (JsonNode)new JsonObject
        {
            ["cell_type"] = "code",
            ["execution_count"] = null,
            ["metadata"] = new JsonObject(),
            ["outputs"] = new JsonArray(),
            ["source"] = source,
        });
        var notebook = new JsonObject
        {
            ["cells"] = new JsonArray([.. codeCells, .. extraCells ?? []]),
            ["metadata"] = new JsonObject
            {
                ["kernelspec"] = new JsonObject { ["display_name"] = $".NET ({language})", ["language"] = language, ["name"] = kernelName },
                ["language_info"] = new JsonObject { ["name"] = "polyglot-notebook" },
            },
            ["nbformat"] = 4,
            ["nbformat_minor"] = 4,
        };
        return notebook.ToJsonString();
    }

    public static JsonObject Markdown(string text) => new()
    {
        ["cell_type"] = "markdown",
        ["metadata"] = new JsonObject(),
        ["source"] = text,
    };
}

/// <summary>An executed notebook as the runner wrote it, read back for assertions.</summary>
public sealed class ExecutedNotebook(JsonObject root)
{
    public static ExecutedNotebook Load(string path) => new((JsonObject)JsonNode.Parse(File.ReadAllText(path))!);

    public JsonArray Cells => (JsonArray)root["cells"]!;

    public JsonObject Cell(int index) => (JsonObject)Cells[index]!;

    public int? ExecutionCount(int index) => Cell(index)["execution_count"]?.GetValue<int>();

    public IReadOnlyList<JsonObject> Outputs(int index) => [.. ((JsonArray)Cell(index)["outputs"]!).Select(o => (JsonObject)o!)];

    public IReadOnlyList<JsonObject> Outputs(int index, string outputType) => [.. Outputs(index).Where(o => (string?)o["output_type"] == outputType)];

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

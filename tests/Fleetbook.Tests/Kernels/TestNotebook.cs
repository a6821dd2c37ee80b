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

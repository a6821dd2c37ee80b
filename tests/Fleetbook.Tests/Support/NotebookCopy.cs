using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fleetbook.Tests.Support;

/// <summary>Copies of notebooks for a host to run: the same JSON, with at most one line put in front of the first code cell.</summary>
public static class NotebookCopy
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, IndentSize = 1, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Copies <paramref name="notebook"/> into <paramref name="folder"/> with <paramref name="line"/> (such as
    /// <see cref="PackedFleetbook.SourceDirective"/>) in front of its first code cell, and nothing else changed.
    /// </summary>
    public static string WithLineInFront(string notebook, string folder, string line)
    {
        var root = (JsonObject)JsonNode.Parse(File.ReadAllText(notebook))!;
        var first = ((JsonArray)root["cells"]!).OfType<JsonObject>().First(c => (string?)c["cell_type"] == "code");
        first["source"] = first["source"] switch
        {
            JsonArray lines => new JsonArray([line + "\n", .. lines.Select(l => l!.DeepClone())]),
            var text => line + "\n" + ExecutedNotebook.Join(text),
        };
        var copy = Path.Combine(folder, Path.GetFileName(notebook));
        File.WriteAllText(copy, root.ToJsonString(Indented) + "\n");
        return copy;
    }

    /// <summary>The notebook's language as the .NET kernels name it, from its kernelspec or language_info (C# when neither says F#).</summary>
    public static string Language(string notebook)
    {
        var metadata = JsonNode.Parse(File.ReadAllText(notebook))?["metadata"];
        var names = new[] { (string?)metadata?["kernelspec"]?["name"], (string?)metadata?["kernelspec"]?["language"], (string?)metadata?["language_info"]?["name"] };
        return names.Any(n => n?.ToLowerInvariant() is ".net-fsharp" or "f#" or "fsharp") ? "fsharp" : "csharp";
    }
}

using System.Text.Json.Nodes;

namespace Fleetbook.Notebooks.Ipynb;

/// <summary>nbformat's "multiline string": one string, or a list of lines that each keep their "\n".</summary>
internal static class MultilineString
{
    public static string? Read(JsonNode? node) => node switch
    {
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonArray lines when lines.All(l => l is JsonValue v && v.TryGetValue<string>(out _)) => string.Concat(lines.Select(l => l!.GetValue<string>())),
        _ => null,
    };

    public static JsonArray Write(string text)
    {
        var lines = new JsonArray();
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOf('\n', start);
            var next = end < 0 ? text.Length : end + 1;
            lines.Add(text[start..next]);
            start = next;
        }

        return lines;
    }
}

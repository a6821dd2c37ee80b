using System.Text.Json.Nodes;
using Fleetbook.Inputs;

namespace Fleetbook.Backends.Aws.Capacity;

/// <summary>The fleet file as a mutable JSON tree, the form start merges the config into.</summary>
internal static class FleetFileJson
{
    /// <summary>A JSON copy of <paramref name="node"/>; a key written twice keeps its last value (as Python's json module does).</summary>
    public static JsonNode? ToJson(SourceNode node) => node.Kind switch
    {
        SourceKind.Object => ToJsonObject(node),
        SourceKind.Array => new JsonArray([.. node.Items.Select(ToJson)]),
        SourceKind.String => JsonValue.Create(node.Text),
        SourceKind.Number => JsonNode.Parse(node.Text!),
        SourceKind.True => JsonValue.Create(true),
        SourceKind.False => JsonValue.Create(false),
        _ => null,
    };

    public static JsonObject ToJsonObject(SourceNode node)
    {
        var json = new JsonObject();
        foreach (var property in node.Properties)
        {
            json[property.Name] = ToJson(property.Value);
        }

        return json;
    }
}

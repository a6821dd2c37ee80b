using System.Text.Json.Nodes;

namespace Fleetbook.Tests.Aws.Fake;

/// <summary>
/// Copies a request structure into a response shape: keeps, recursively, only the members the response shape has
/// (request and response shapes share names but not always members, e.g. EC2's *Request shapes).
/// </summary>
internal static class ModelEcho
{
    public static JsonNode? Conform(ServiceModel model, string shapeName, JsonNode? value)
    {
        if (value is null)
        {
            return null;
        }

        var shape = model.Shape(shapeName);
        switch (shape.Type)
        {
            case "structure" when value is JsonObject structure && !shape.IsDocument:
                var result = new JsonObject();
                foreach (var (name, member) in structure)
                {
                    if (shape.Member(name) is { } memberShape && Conform(model, memberShape.ShapeName, member) is { } conformed)
                    {
                        result[name] = conformed;
                    }
                }

                return result;
            case "list" when value is JsonArray array:
                return array.Select(item => Conform(model, shape.ListMember!.ShapeName, item)).Where(i => i is not null).ToJsonArray();
            case "map" when value is JsonObject map:
                var copy = new JsonObject();
                foreach (var (key, item) in map)
                {
                    if (Conform(model, shape.MapValue!.ShapeName, item) is { } conformed)
                    {
                        copy[key] = conformed;
                    }
                }

                return copy;
            case "structure" or "list" or "map":
                return shape.IsDocument ? value.DeepClone() : null;
            default:
                return value is JsonValue ? value.DeepClone() : null;
        }
    }
}

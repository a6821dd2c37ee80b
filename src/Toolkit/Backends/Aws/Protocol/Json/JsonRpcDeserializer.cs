using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fleetbook.Backends.Aws.Protocol;

/// <summary>Reads an AWS JSON 1.0/1.1 body into the canonical DOM of a shape; members the shape lacks, and nulls, are left out.</summary>
internal static class JsonRpcDeserializer
{
    public static JsonObject Output(ServiceModel model, string? shapeName, byte[] body)
    {
        if (shapeName is null || IsBlank(body))
        {
            return [];
        }

        using var document = JsonDocument.Parse(body);
        return document.RootElement.ValueKind == JsonValueKind.Object
            ? ReadStructure(model, model.Shape(shapeName), document.RootElement)
            : [];
    }

    public static JsonObject ReadStructure(ServiceModel model, ShapeModel shape, JsonElement element)
    {
        var result = new JsonObject();
        foreach (var member in shape.Members)
        {
            if (element.TryGetProperty(member.LocationName ?? member.Name, out var value) && value.ValueKind != JsonValueKind.Null)
            {
                result[member.Name] = ReadValue(model, member, value);
            }
        }

        return result;
    }

    private static JsonNode? ReadValue(ServiceModel model, MemberModel reference, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var shape = model.Shape(reference);
        return shape.Type switch
        {
            ShapeType.Structure when shape.Document => JsonNode.Parse(value.GetRawText()),
            ShapeType.Structure => ReadStructure(model, shape, value),
            ShapeType.List => new JsonArray(value.EnumerateArray().Select(item => ReadValue(model, shape.Member!, item)).ToArray()),
            ShapeType.Map => ReadMap(model, shape, value),
            ShapeType.String => JsonValue.Create(value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()),
            ShapeType.Integer or ShapeType.Long => WireValues.Number(
                value.ValueKind == JsonValueKind.Number ? value.GetInt64() : long.Parse(value.GetString()!, CultureInfo.InvariantCulture)),
            ShapeType.Float or ShapeType.Double => ReadFloatingPoint(value),
            ShapeType.Boolean => JsonValue.Create(value.ValueKind == JsonValueKind.String ? bool.Parse(value.GetString()!) : value.GetBoolean()),
            ShapeType.Timestamp => WireValues.Timestamp(ReadTimestamp(value)),
            ShapeType.Blob => JsonValue.Create(value.GetString()),
            _ => null,
        };
    }

    private static JsonObject ReadMap(ServiceModel model, ShapeModel shape, JsonElement value)
    {
        var map = new JsonObject();
        foreach (var entry in value.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.Null)
            {
                map[entry.Name] = ReadValue(model, shape.Value!, entry.Value);
            }
        }

        return map;
    }

    private static JsonValue ReadFloatingPoint(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Number)
        {
            return WireValues.FloatingPoint(value.GetDouble());
        }

        return WireValues.TryParseDouble(value.GetString() ?? "", out var number)
            ? WireValues.FloatingPoint(number)
            : throw new InvalidDataException($"Expected a number, got {value.GetRawText()}.");
    }

    private static DateTimeOffset ReadTimestamp(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Number)
        {
            return WireValues.FromEpochSeconds(value.GetDouble());
        }

        return WireValues.TryParseTimestamp(value.GetString() ?? "", out var timestamp)
            ? timestamp
            : throw new InvalidDataException($"Expected a timestamp, got {value.GetRawText()}.");
    }

    private static bool IsBlank(byte[] body) => body.All(b => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n');
}

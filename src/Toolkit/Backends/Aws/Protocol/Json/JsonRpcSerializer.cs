using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fleetbook.Backends.Aws.Protocol;

/// <summary>Writes an input DOM as an AWS JSON 1.0/1.1 body.</summary>
/// <remarks>
/// Member names on the wire are the <c>locationName</c> trait or the member name. The <c>jsonName</c> trait is
/// read into the model but not applied: it belongs to restJson1, and the awsJson protocols do not list it among
/// the traits they honour (botocore ignores it too).
/// </remarks>
internal static class JsonRpcSerializer
{
    public static byte[] Body(ServiceModel model, OperationModel operation, JsonObject input, ProtocolSettings settings)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            if (operation.InputShape is null)
            {
                if (input.Count > 0)
                {
                    throw new ArgumentException($"{operation.Name} takes no input, but was given {string.Join(", ", input.Select(p => p.Key))}.");
                }

                writer.WriteStartObject();
                writer.WriteEndObject();
            }
            else
            {
                WriteStructure(model, model.Shape(operation.InputShape), input, "", writer, settings);
            }
        }

        return buffer.ToArray();
    }

    private static void WriteStructure(ServiceModel model, ShapeModel shape, JsonNode value, string path, Utf8JsonWriter writer, ProtocolSettings settings)
    {
        writer.WriteStartObject();
        foreach (var (member, memberValue) in InputValues.Members(model, shape, value, path, settings))
        {
            writer.WritePropertyName(member.LocationName ?? member.Name);
            WriteValue(model, member, memberValue, InputValues.Join(path, member.Name), writer, settings);
        }

        writer.WriteEndObject();
    }

    private static void WriteValue(ServiceModel model, MemberModel reference, JsonNode value, string path, Utf8JsonWriter writer, ProtocolSettings settings)
    {
        var shape = model.Shape(reference);
        switch (shape.Type)
        {
            case ShapeType.Structure when shape.Document:
                value.WriteTo(writer);
                break;
            case ShapeType.Structure:
                WriteStructure(model, shape, value, path, writer, settings);
                break;
            case ShapeType.List:
                writer.WriteStartArray();
                var index = 0;
                foreach (var item in InputValues.List(value, path))
                {
                    WriteListItem(model, shape.Member!, item, $"{path}[{index++}]", writer, settings);
                }

                writer.WriteEndArray();
                break;
            case ShapeType.Map:
                writer.WriteStartObject();
                foreach (var (key, item) in InputValues.Map(value, path))
                {
                    if (item is not null)
                    {
                        writer.WritePropertyName(key);
                        WriteValue(model, shape.Value!, item, $"{path}.{key}", writer, settings);
                    }
                }

                writer.WriteEndObject();
                break;
            case ShapeType.String:
                writer.WriteStringValue(InputValues.String(value, path));
                break;
            case ShapeType.Integer or ShapeType.Long:
                writer.WriteNumberValue(InputValues.Integer(value, path));
                break;
            case ShapeType.Float or ShapeType.Double:
                var number = InputValues.FloatingPoint(value, path);
                if (double.IsFinite(number))
                {
                    writer.WriteNumberValue(number);
                }
                else
                {
                    writer.WriteStringValue(WireValues.FloatingPoint(number).GetValue<string>());
                }

                break;
            case ShapeType.Boolean:
                writer.WriteBooleanValue(InputValues.Boolean(value, path));
                break;
            case ShapeType.Timestamp:
                var timestamp = WireValues.ReadTimestamp(value, path);
                switch (reference.TimestampFormat ?? shape.TimestampFormat ?? WireValues.UnixTimestamp)
                {
                    case WireValues.Iso8601:
                        writer.WriteStringValue(WireValues.FormatIso8601(timestamp));
                        break;
                    case WireValues.Rfc822:
                        writer.WriteStringValue(WireValues.FormatRfc822(timestamp));
                        break;
                    default:
                        writer.WriteNumberValue(WireValues.EpochSeconds(timestamp));
                        break;
                }

                break;
            case ShapeType.Blob:
                writer.WriteStringValue(WireValues.RequireBase64(value, path));
                break;
        }
    }

    private static void WriteListItem(ServiceModel model, MemberModel member, JsonNode? item, string path, Utf8JsonWriter writer, ProtocolSettings settings)
    {
        WriteValue(model, member, item ?? throw new ArgumentException($"{path} must not be null."), path, writer, settings);
    }
}

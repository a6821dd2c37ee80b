using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;

namespace Fleetbook.Tests.Aws.Fake;

/// <summary>
/// Writes an EC2 response as EC2 does: <c>&lt;OperationResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"&gt;</c>,
/// <c>&lt;requestId&gt;</c>, then the output's members named by their locationName, lists as <c>&lt;item&gt;</c>
/// elements, timestamps ISO-8601, booleans true/false.
/// </summary>
internal static class Ec2XmlWriter
{
    public const string Namespace = "http://ec2.amazonaws.com/doc/2016-11-15/";

    public static string Response(ServiceModel model, string operation, string? outputShape, JsonObject output, string requestId)
    {
        var builder = new StringBuilder();
        using (var writer = XmlWriter.Create(builder, new XmlWriterSettings { Indent = false, Encoding = Encoding.UTF8, OmitXmlDeclaration = false }))
        {
            writer.WriteStartDocument();
            writer.WriteStartElement(operation + "Response", Namespace);
            writer.WriteElementString("requestId", Namespace, requestId);
            if (outputShape is not null)
            {
                WriteMembers(writer, model, model.Shape(outputShape), output);
            }

            writer.WriteEndElement();
            writer.WriteEndDocument();
        }

        // StringBuilder output declares utf-16; the body is sent as UTF-8.
        return builder.ToString().Replace("encoding=\"utf-16\"", "encoding=\"UTF-8\"", StringComparison.Ordinal);
    }

    public static string Error(string code, string message, string requestId)
    {
        var builder = new StringBuilder();
        using (var writer = XmlWriter.Create(builder, new XmlWriterSettings { Indent = false }))
        {
            writer.WriteStartDocument();
            writer.WriteStartElement("Response");
            writer.WriteStartElement("Errors");
            writer.WriteStartElement("Error");
            writer.WriteElementString("Code", code);
            writer.WriteElementString("Message", message);
            writer.WriteEndElement();
            writer.WriteEndElement();
            writer.WriteElementString("RequestID", requestId);
            writer.WriteEndElement();
            writer.WriteEndDocument();
        }

        return builder.ToString().Replace("encoding=\"utf-16\"", "encoding=\"UTF-8\"", StringComparison.Ordinal);
    }

    private static void WriteMembers(XmlWriter writer, ServiceModel model, Shape shape, JsonObject value)
    {
        foreach (var member in shape.Members)
        {
            if (value[member.Name] is { } memberValue)
            {
                WriteValue(writer, model, model.Shape(member.ShapeName), member, member.XmlName, memberValue, member.Flattened);
            }
        }
    }

    private static void WriteValue(XmlWriter writer, ServiceModel model, Shape shape, ShapeMember via, string name, JsonNode value, bool flattened)
    {
        switch (shape.Type)
        {
            case "structure":
                writer.WriteStartElement(name, Namespace);
                if (value is JsonObject structure)
                {
                    WriteMembers(writer, model, shape, structure);
                }

                writer.WriteEndElement();
                break;
            case "list":
                var itemShape = model.Shape(shape.ListMember!.ShapeName);
                var items = value as JsonArray ?? [];
                if (flattened || shape.Flattened)
                {
                    foreach (var item in items.OfType<JsonNode>())
                    {
                        WriteValue(writer, model, itemShape, shape.ListMember, name, item, false);
                    }

                    break;
                }

                writer.WriteStartElement(name, Namespace);
                foreach (var item in items.OfType<JsonNode>())
                {
                    WriteValue(writer, model, itemShape, shape.ListMember, shape.ListMember.LocationName ?? "member", item, false);
                }

                writer.WriteEndElement();
                break;
            case "map":
                writer.WriteStartElement(name, Namespace);
                foreach (var (key, entry) in value as JsonObject ?? [])
                {
                    if (entry is null)
                    {
                        continue;
                    }

                    writer.WriteStartElement("entry", Namespace);
                    writer.WriteElementString(shape.MapKey!.LocationName ?? "key", Namespace, key);
                    WriteValue(writer, model, model.Shape(shape.MapValue!.ShapeName), shape.MapValue, shape.MapValue.LocationName ?? "value", entry, false);
                    writer.WriteEndElement();
                }

                writer.WriteEndElement();
                break;
            default:
                writer.WriteElementString(name, Namespace, ScalarText(shape, shape.EffectiveTimestampFormat(via, "iso8601"), value));
                break;
        }
    }

    private static string ScalarText(Shape shape, string timestampFormat, JsonNode value)
    {
        if (value is not JsonValue scalar)
        {
            return value.ToJsonString();
        }

        if (shape.Type == "timestamp")
        {
            DateTimeOffset? time = ModelValidator.TryNumber(scalar, out var seconds)
                ? DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000))
                : ModelValidator.TryString(scalar, out var text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed) ? parsed : null;
            if (time is { } instant)
            {
                return timestampFormat switch
                {
                    "unixTimestamp" => (instant.ToUnixTimeMilliseconds() / 1000.0).ToString(CultureInfo.InvariantCulture),
                    "rfc822" => instant.ToString("r", CultureInfo.InvariantCulture),
                    _ => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
                };
            }
        }

        return scalar.GetValueKind() switch
        {
            JsonValueKind.String => scalar.GetValue<string>(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => scalar.ToJsonString(),
        };
    }
}

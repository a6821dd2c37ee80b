using System.Globalization;
using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Linq;

namespace Fleetbook.Backends.Aws.Protocol;

/// <summary>
/// Reads an EC2 XML answer (<c>&lt;OpResponse&gt;&lt;member&gt;…</c>) into the canonical DOM of a shape. Elements are
/// matched by local name, whatever their namespace; list items may have any element name (EC2 uses
/// <c>item</c>); elements the shape lacks, such as <c>requestId</c>, are left out.
/// </summary>
internal static class Ec2XmlDeserializer
{
    public static JsonObject Output(ServiceModel model, string? shapeName, byte[] body)
    {
        if (shapeName is null || body.Length == 0)
        {
            return [];
        }

        var root = Load(body)?.Root;
        return root is null ? [] : ReadStructure(model, model.Shape(shapeName), root);
    }

    /// <summary>Parses XML without DTDs or external resources; null when the bytes are not XML.</summary>
    public static XDocument? Load(byte[] body)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(body), settings);
            return XDocument.Load(reader);
        }
        catch (XmlException)
        {
            return null;
        }
    }

    public static JsonObject ReadStructure(ServiceModel model, ShapeModel shape, XElement element)
    {
        var result = new JsonObject();
        foreach (var member in shape.Members)
        {
            var memberShape = model.Shape(member);
            var name = member.LocationName ?? member.Name;
            var flattened = member.Flattened || memberShape.Flattened;
            if (flattened && memberShape.Type is ShapeType.List or ShapeType.Map)
            {
                // Repeated elements named after the member; botocore looks for the list member's own name first,
                // the official suite expects the member's, so either is taken.
                var items = Children(element, name).ToList();
                if (items.Count == 0 && memberShape.Member?.LocationName is { } itemName)
                {
                    items = Children(element, itemName).ToList();
                }

                if (items.Count > 0)
                {
                    result[member.Name] = memberShape.Type == ShapeType.List
                        ? new JsonArray(items.Select(item => ReadValue(model, memberShape.Member!, item)).ToArray())
                        : ReadMapEntries(model, memberShape, items);
                }
            }
            else if (Children(element, name).FirstOrDefault() is { } child && ReadValue(model, member, child) is { } value)
            {
                result[member.Name] = value;
            }
        }

        return result;
    }

    private static JsonNode? ReadValue(ServiceModel model, MemberModel reference, XElement element)
    {
        var shape = model.Shape(reference);
        var text = element.Value;
        return shape.Type switch
        {
            ShapeType.Structure => ReadStructure(model, shape, element),
            ShapeType.List => new JsonArray(element.Elements().Select(item => ReadValue(model, shape.Member!, item)).ToArray()),
            ShapeType.Map => ReadMapEntries(model, shape, element.Elements()),
            ShapeType.String => JsonValue.Create(text),
            _ when string.IsNullOrWhiteSpace(text) && shape.Type != ShapeType.Blob => null,
            ShapeType.Integer or ShapeType.Long => WireValues.Number(long.Parse(text.Trim(), CultureInfo.InvariantCulture)),
            ShapeType.Float or ShapeType.Double => WireValues.TryParseDouble(text, out var number)
                ? WireValues.FloatingPoint(number)
                : throw new InvalidDataException($"<{element.Name.LocalName}> should hold a number, not '{text}'."),
            ShapeType.Boolean => JsonValue.Create(string.Equals(text.Trim(), "true", StringComparison.OrdinalIgnoreCase)),
            ShapeType.Timestamp => WireValues.TryParseTimestamp(text, out var timestamp)
                ? WireValues.Timestamp(timestamp)
                : throw new InvalidDataException($"<{element.Name.LocalName}> should hold a timestamp, not '{text}'."),
            ShapeType.Blob => JsonValue.Create(text.Trim()),
            _ => null,
        };
    }

    private static JsonObject ReadMapEntries(ServiceModel model, ShapeModel shape, IEnumerable<XElement> entries)
    {
        var map = new JsonObject();
        var keyName = shape.Key?.LocationName ?? "key";
        var valueName = shape.Value?.LocationName ?? "value";
        foreach (var entry in entries)
        {
            var key = Children(entry, keyName).FirstOrDefault()?.Value;
            var value = Children(entry, valueName).FirstOrDefault();
            if (key is not null && value is not null)
            {
                map[key] = ReadValue(model, shape.Value!, value);
            }
        }

        return map;
    }

    public static IEnumerable<XElement> Children(XElement element, string localName) =>
        element.Elements().Where(e => e.Name.LocalName == localName);
}

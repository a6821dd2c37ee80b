using System.Globalization;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace Fleetbook.Tests.Aws.Services;

/// <summary>
/// A canonical DOM (model member names, ISO-8601 timestamps) rewritten as a service would put it on the wire: AWS JSON
/// with timestamps in epoch seconds, or an EC2 XML answer (elements by <c>locationName</c>, list items as <c>item</c>).
/// </summary>
public static class WireSamples
{
    public const string Ec2Namespace = "http://ec2.amazonaws.com/doc/2016-11-15/";

    public static JsonNode? Json(BotocoreModel model, string shapeName, JsonNode? value)
    {
        var shape = model.Shape(shapeName);
        switch (shape["type"]!.GetValue<string>())
        {
            case "structure" when value is JsonObject members:
                var result = new JsonObject();
                foreach (var (name, member) in members)
                {
                    result[name] = Json(model, shape["members"]![name]!["shape"]!.GetValue<string>(), member);
                }

                return result;
            case "list" when value is JsonArray items:
                return new JsonArray([.. items.Select(item => Json(model, shape["member"]!["shape"]!.GetValue<string>(), item))]);
            case "map" when value is JsonObject entries:
                return new JsonObject(entries.Select(e => KeyValuePair.Create(e.Key, Json(model, shape["value"]!["shape"]!.GetValue<string>(), e.Value))));
            case "timestamp" when value is JsonValue text && text.TryGetValue<string>(out var iso):
                return JsonValue.Create(DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture).ToUnixTimeMilliseconds() / 1000.0);
            default:
                return value?.DeepClone();
        }
    }

    public static string Ec2Xml(BotocoreModel model, string operation, JsonObject output)
    {
        XNamespace ns = Ec2Namespace;
        var root = new XElement(ns + operation + "Response", new XElement(ns + "requestId", "59dbff89-35bd-4eac-99ed-be587EXAMPLE"));
        if (model.OutputShape(operation) is { } shapeName)
        {
            root.Add(Ec2Members(model, model.Shape(shapeName), output, ns));
        }

        return new XDocument(root).ToString(SaveOptions.DisableFormatting);
    }

    private static IEnumerable<XElement> Ec2Members(BotocoreModel model, JsonObject shape, JsonObject value, XNamespace ns)
    {
        foreach (var (name, member) in value)
        {
            var modelMember = shape["members"]![name]!.AsObject();
            var elementName = modelMember["locationName"]?.GetValue<string>() ?? name;
            yield return Ec2Element(model, modelMember["shape"]!.GetValue<string>(), member, ns + elementName, ns);
        }
    }

    private static XElement Ec2Element(BotocoreModel model, string shapeName, JsonNode? value, XName name, XNamespace ns)
    {
        var shape = model.Shape(shapeName);
        return shape["type"]!.GetValue<string>() switch
        {
            "structure" => new XElement(name, Ec2Members(model, shape, value!.AsObject(), ns)),
            "list" => new XElement(name, value!.AsArray().Select(item =>
                Ec2Element(model, shape["member"]!["shape"]!.GetValue<string>(), item, ns + (shape["member"]!["locationName"]?.GetValue<string>() ?? "item"), ns))),
            "map" => new XElement(name, value!.AsObject().Select(entry => new XElement(ns + "entry",
                new XElement(ns + "key", entry.Key),
                Ec2Element(model, shape["value"]!["shape"]!.GetValue<string>(), entry.Value, ns + "value", ns)))),
            "boolean" => new XElement(name, value!.GetValue<bool>() ? "true" : "false"),
            _ => new XElement(name, value is JsonValue scalar && scalar.TryGetValue<string>(out var text) ? text : value!.ToJsonString()),
        };
    }
}

using System.Text.Json.Nodes;

namespace Fleetbook.Tests.Aws.Services;

/// <summary>
/// Synthesizes a JSON DOM from a model shape: every member (or only the required ones), lists of one item, legal enum
/// values, lengths and ranges respected. Recursive shapes stop at their second appearance on a path.
/// </summary>
public static class ShapeSampler
{
    public const string SampleText = "sample";
    public const string SampleTimestamp = "2024-05-06T07:08:09Z";

    public static JsonNode Synthesize(BotocoreModel model, string shapeName, bool onlyRequired = false) =>
        Value(model, shapeName, onlyRequired, [])!;

    /// <summary>A scalar value legal for <paramref name="shapeName"/>, or null when the shape is not a scalar.</summary>
    public static JsonNode? Scalar(BotocoreModel model, string shapeName)
    {
        var shape = model.Shape(shapeName);
        return shape["type"]!.GetValue<string>() switch
        {
            "string" => Text(shape),
            "integer" or "long" => JsonValue.Create(Whole(shape)),
            "double" or "float" => JsonValue.Create(Fraction(shape)),
            "boolean" => JsonValue.Create(true),
            "timestamp" => JsonValue.Create(SampleTimestamp),
            "blob" => JsonValue.Create(Convert.ToBase64String("sample"u8.ToArray())),
            _ => null,
        };
    }

    public static long Whole(JsonObject shape)
    {
        var value = Math.Max(1L, (long)(shape["min"]?.GetValue<double>() ?? 1));
        return shape["max"] is { } max ? Math.Min(value, (long)max.GetValue<double>()) : value;
    }

    public static double Fraction(JsonObject shape)
    {
        var value = Math.Max(1.5, shape["min"]?.GetValue<double>() ?? 1.5);
        return shape["max"] is { } max ? Math.Min(value, max.GetValue<double>()) : value;
    }

    public static JsonValue Text(JsonObject shape)
    {
        if (shape["enum"] is JsonArray legal)
        {
            return JsonValue.Create(legal[0]!.GetValue<string>());
        }

        var text = SampleText;
        if (shape["min"] is { } min && text.Length < (int)min.GetValue<double>())
        {
            text = text.PadRight((int)min.GetValue<double>(), 'x');
        }

        if (shape["max"] is { } max && text.Length > (int)max.GetValue<double>())
        {
            text = text[..(int)max.GetValue<double>()];
        }

        return JsonValue.Create(text);
    }

    private static JsonNode? Value(BotocoreModel model, string shapeName, bool onlyRequired, HashSet<string> path)
    {
        var shape = model.Shape(shapeName);
        switch (shape["type"]!.GetValue<string>())
        {
            case "structure":
                var result = new JsonObject();
                var required = shape["required"]?.AsArray().Select(r => r!.GetValue<string>()).ToHashSet() ?? [];
                var recursive = !path.Add(shapeName);
                foreach (var (name, member) in shape["members"]!.AsObject())
                {
                    if ((onlyRequired || recursive) && !required.Contains(name))
                    {
                        continue;
                    }

                    var value = Value(model, member!["shape"]!.GetValue<string>(), onlyRequired, path);
                    if (value is not null)
                    {
                        result[name] = value;
                    }

                    if (shape["union"]?.GetValue<bool>() == true)
                    {
                        break;
                    }
                }

                if (!recursive)
                {
                    path.Remove(shapeName);
                }

                return result;
            case "list":
                var count = (int)Math.Max(1, shape["min"]?.GetValue<double>() ?? 1);
                var items = new JsonArray();
                for (var i = 0; i < count; i++)
                {
                    items.Add(Value(model, shape["member"]!["shape"]!.GetValue<string>(), onlyRequired, path));
                }

                return items;
            case "map":
                var keyShape = model.Shape(shape["key"]!["shape"]!.GetValue<string>());
                var keys = keyShape["enum"] is JsonArray legal
                    ? legal.Select(k => k!.GetValue<string>())
                    : Enumerable.Range(1, int.MaxValue).Select(i => Text(keyShape).GetValue<string>() + (i == 1 ? "" : i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                var map = new JsonObject();
                foreach (var key in keys.Take((int)Math.Max(1, shape["min"]?.GetValue<double>() ?? 1)))
                {
                    map[key] = Value(model, shape["value"]!["shape"]!.GetValue<string>(), onlyRequired, path);
                }

                return map;
            default:
                return Scalar(model, shapeName);
        }
    }
}

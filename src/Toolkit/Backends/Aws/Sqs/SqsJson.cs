using System.Globalization;
using System.Text.Json.Nodes;

namespace Fleetbook.Backends.Aws.Sqs;

/// <summary>Reading and writing the JSON DOM the invoker speaks (model member names, canonical value forms).</summary>
internal static class SqsJson
{
    public static string? String(JsonObject json, string name) =>
        json[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    public static string RequiredString(JsonObject json, string name, string operation) =>
        String(json, name) ?? throw new FormatException($"SQS {operation} returned no {name}.");

    public static bool Boolean(JsonObject json, string name) =>
        json[name] is JsonValue value && value.TryGetValue<bool>(out var flag) && flag;

    public static long? Number(JsonObject json, string name) => json[name] switch
    {
        JsonValue value when value.TryGetValue<long>(out var number) => number,
        JsonValue value when value.TryGetValue<double>(out var real) => (long)real,
        JsonValue value when value.TryGetValue<string>(out var text) && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };

    public static IReadOnlyDictionary<string, string> StringMap(JsonObject json, string name)
    {
        if (json[name] is not JsonObject map)
        {
            return new Dictionary<string, string>();
        }

        var result = new Dictionary<string, string>(map.Count, StringComparer.Ordinal);
        foreach (var (key, value) in map)
        {
            if (value is JsonValue item && item.TryGetValue<string>(out var text))
            {
                result[key] = text;
            }
        }

        return result;
    }

    public static IReadOnlyList<string> Strings(JsonObject json, string name) =>
        json[name] is JsonArray array
            ? array.OfType<JsonValue>().Select(v => v.TryGetValue<string>(out var text) ? text : null).OfType<string>().ToList()
            : [];

    public static IReadOnlyList<JsonObject> Objects(JsonObject json, string name) =>
        json[name] is JsonArray array ? array.OfType<JsonObject>().ToList() : [];

    public static JsonObject ToObject(IReadOnlyDictionary<string, string> map)
    {
        var json = new JsonObject();
        foreach (var (key, value) in map)
        {
            json[key] = value;
        }

        return json;
    }

    public static JsonArray ToArray(IEnumerable<string> items) => new(items.Select(item => (JsonNode?)JsonValue.Create(item)).ToArray());

    public static JsonArray ToArray(IEnumerable<JsonObject> items) => new(items.Cast<JsonNode?>().ToArray());

    /// <summary>An integer member. Written as a long: a JsonValue holding an int does not read back as a long (TryGetValue does not convert).</summary>
    public static JsonValue Integer(int value) => JsonValue.Create((long)value);

    public static JsonObject With(this JsonObject json, string name, int? value) => json.With(name, value is { } number ? Integer(number) : null);

    /// <summary>Adds <paramref name="value"/> under <paramref name="name"/> unless it is null (optional members stay absent).</summary>
    public static JsonObject With(this JsonObject json, string name, JsonNode? value)
    {
        if (value is not null)
        {
            json[name] = value;
        }

        return json;
    }
}

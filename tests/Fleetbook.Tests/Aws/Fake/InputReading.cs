using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fleetbook.Tests.Aws.Fake;

/// <summary>Reads members of a validated input tree (the model has already vouched for the types).</summary>
internal static class InputReading
{
    public static string? Str(this JsonObject input, string name) =>
        input[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    public static long? Long(this JsonObject input, string name) =>
        input[name] is JsonValue value && value.GetValueKind() == JsonValueKind.Number && ModelValidator.TryInteger(value, out var whole) ? whole : null;

    public static int? Int(this JsonObject input, string name) => input.Long(name) is { } whole ? (int)Math.Clamp(whole, int.MinValue, int.MaxValue) : null;

    public static double? Double(this JsonObject input, string name) =>
        input[name] is JsonValue value && ModelValidator.TryNumber(value, out var number) ? number : null;

    public static bool? Bool(this JsonObject input, string name) =>
        input[name] is JsonValue value && value.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? value.GetValue<bool>() : null;

    /// <summary>A timestamp as either protocol sends it: epoch seconds (JSON) or ISO-8601 (EC2 query).</summary>
    public static DateTimeOffset? Time(this JsonObject input, string name)
    {
        if (input[name] is not JsonValue value)
        {
            return null;
        }

        if (ModelValidator.TryNumber(value, out var seconds))
        {
            return DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000));
        }

        return ModelValidator.TryString(value, out var text) && ModelValidator.TryParseIso8601(text, out var time) ? time : null;
    }

    public static JsonObject? Obj(this JsonObject input, string name) => input[name] as JsonObject;

    public static IEnumerable<JsonObject> Objects(this JsonObject input, string name) => (input[name] as JsonArray ?? []).OfType<JsonObject>();

    public static IReadOnlyList<string> Strings(this JsonObject input, string name) =>
        (input[name] as JsonArray ?? []).OfType<JsonValue>().Where(v => v.GetValueKind() == JsonValueKind.String).Select(v => v.GetValue<string>()).ToList();

    /// <summary>ECS and Logs tags: [{key, value}] lists.</summary>
    public static Dictionary<string, string> KeyValueTags(this JsonObject input, string name, string keyName = "key", string valueName = "value") =>
        input.Objects(name).Where(t => t.Str(keyName) is not null).ToDictionary(t => t.Str(keyName)!, t => t.Str(valueName) ?? "", StringComparer.Ordinal);

    public static string Text(this double value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Epoch seconds, as JSON protocols write timestamps.</summary>
    public static JsonNode Epoch(this DateTimeOffset time) => JsonValue.Create(time.ToUnixTimeMilliseconds() / 1000.0);

    /// <summary>ISO-8601, as the EC2 query protocol writes timestamps.</summary>
    public static string Iso(this DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static JsonArray ToJsonArray(this IEnumerable<JsonNode?> items) => new([.. items]);

    public static JsonArray ToJsonArray(this IEnumerable<string> items) => new([.. items.Select(i => (JsonNode)JsonValue.Create(i))]);

    /// <summary>Removes null members and null list items, recursively, so responses never carry nulls.</summary>
    public static JsonNode? Pruned(this JsonNode? node)
    {
        switch (node)
        {
            case JsonObject structure:
                foreach (var name in structure.Where(p => p.Value is null).Select(p => p.Key).ToList())
                {
                    structure.Remove(name);
                }

                foreach (var (_, value) in structure)
                {
                    value.Pruned();
                }

                return structure;
            case JsonArray array:
                for (var i = array.Count - 1; i >= 0; i--)
                {
                    if (array[i] is null)
                    {
                        array.RemoveAt(i);
                    }
                    else
                    {
                        array[i].Pruned();
                    }
                }

                return array;
            default:
                return node;
        }
    }
}

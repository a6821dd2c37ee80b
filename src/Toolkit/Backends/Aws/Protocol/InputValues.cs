using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fleetbook.Backends.Aws.Protocol;

/// <summary>
/// Reads an input DOM against its shapes for the serializers, and rejects what the SDKs' parameter validation
/// rejects (unknown or missing members, values of the wrong kind) with an <see cref="ArgumentException"/>
/// that names the member, before anything is sent.
/// </summary>
internal static class InputValues
{
    /// <summary>The members present in <paramref name="value"/>, in the caller's order, with absent idempotency tokens filled in.</summary>
    public static IReadOnlyList<(MemberModel Member, JsonNode Value)> Members(
        ServiceModel model, ShapeModel shape, JsonNode value, string path, ProtocolSettings settings)
    {
        if (value is not JsonObject obj)
        {
            throw new ArgumentException($"{path} must be an object ({shape.Name}), not {Describe(value)}.");
        }

        var present = new List<(MemberModel, JsonNode)>();
        foreach (var (name, node) in obj)
        {
            var member = shape.FindMember(name)
                ?? throw new ArgumentException($"{Join(path, name)} is not a member of {shape.Name}; its members are {string.Join(", ", shape.Members.Select(m => m.Name))}.");
            if (node is not null)
            {
                present.Add((member, node));
            }
        }

        foreach (var member in shape.Members)
        {
            if (member.IdempotencyToken && !present.Any(p => p.Item1.Name == member.Name))
            {
                present.Add((member, JsonValue.Create(settings.NewIdempotencyToken())));
            }
        }

        foreach (var required in shape.Required)
        {
            if (!present.Any(p => p.Item1.Name == required))
            {
                throw new ArgumentException($"{Join(path, required)} is required by {shape.Name}.");
            }
        }

        if (shape.Union && present.Count != 1)
        {
            throw new ArgumentException($"{path} ({shape.Name}) must set exactly one of its members, not {present.Count}.");
        }

        return present;
    }

    public static JsonArray List(JsonNode value, string path) =>
        value as JsonArray ?? throw new ArgumentException($"{path} must be a list, not {Describe(value)}.");

    public static JsonObject Map(JsonNode value, string path) =>
        value as JsonObject ?? throw new ArgumentException($"{path} must be an object (a map), not {Describe(value)}.");

    public static string String(JsonNode value, string path) =>
        Text(value) ?? throw new ArgumentException($"{path} must be a string, not {Describe(value)}.");

    /// <summary>The text of a string node, whatever CLR value backs it (a DOM built in code may hold a Guid or a DateTimeOffset).</summary>
    public static string? Text(JsonNode value) =>
        value.GetValueKind() != JsonValueKind.String ? null
        : value is JsonValue text && text.TryGetValue<string>(out var s) ? s
        : JsonSerializer.Deserialize<string>(value.ToJsonString());

    /// <summary>The number a number node holds, whatever CLR value backs it (int, long, decimal, double or a parsed element).</summary>
    public static double? Number(JsonNode value) =>
        value.GetValueKind() == JsonValueKind.Number ? double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture) : null;

    public static bool Boolean(JsonNode value, string path) => value.GetValueKind() switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw new ArgumentException($"{path} must be true or false, not {Describe(value)}."),
    };

    public static long Integer(JsonNode value, string path)
    {
        if (value.GetValueKind() == JsonValueKind.Number)
        {
            if (long.TryParse(value.ToJsonString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var integer))
            {
                return integer;
            }

            if (Number(value) is { } real && real == Math.Floor(real) && Math.Abs(real) < 9.2e18)
            {
                return (long)real;
            }
        }

        throw new ArgumentException($"{path} must be a whole number, not {Describe(value)}.");
    }

    /// <summary>A float or double: a number, or the text NaN, Infinity or -Infinity.</summary>
    public static double FloatingPoint(JsonNode value, string path)
    {
        if (Number(value) is { } number)
        {
            return number;
        }

        if (Text(value) is { } text && WireValues.IsNonFiniteName(text) && WireValues.TryParseDouble(text, out var special))
        {
            return special;
        }

        throw new ArgumentException($"{path} must be a number (or NaN, Infinity, -Infinity), not {Describe(value)}.");
    }

    public static string Join(string path, string member) => path.Length == 0 ? member : $"{path}.{member}";

    private static string Describe(JsonNode value)
    {
        var text = value.ToJsonString();
        return text.Length <= 40 ? text : text[..40] + "…";
    }
}

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Fleetbook.Tests.Aws.Fake;

/// <summary>How timestamps look in the tree being checked: JSON protocols send epoch seconds, the EC2 query protocol ISO-8601.</summary>
internal enum TimestampForm
{
    EpochSeconds,
    Iso8601,
}

/// <summary>A problem found in a message: where (model member names) and what.</summary>
internal sealed record ShapeProblem(string Path, string Problem);

/// <summary>
/// Holds a JSON tree (member names as in the model) to a shape: unknown members, missing required members, wrong
/// types, illegal enum values, lengths, ranges and patterns.
/// </summary>
internal static class ModelValidator
{
    public static List<ShapeProblem> Validate(ServiceModel model, string shapeName, JsonNode? node, TimestampForm timestamps)
    {
        var problems = new List<ShapeProblem>();
        Check(model, model.Shape(shapeName), null, node, "", timestamps, problems);
        return problems;
    }

    private static void Check(ServiceModel model, Shape shape, ShapeMember? via, JsonNode? node, string path, TimestampForm timestamps, List<ShapeProblem> problems)
    {
        if (node is null)
        {
            problems.Add(new(path, $"null is not a {shape.Type} ({shape.Name}); leave the member out instead"));
            return;
        }

        if (shape.IsDocument)
        {
            return;
        }

        switch (shape.Type)
        {
            case "structure":
                CheckStructure(model, shape, node, path, timestamps, problems);
                break;
            case "list":
                if (node is not JsonArray array)
                {
                    problems.Add(new(path, $"expected a list ({shape.Name}), got {Describe(node)}"));
                    return;
                }

                CheckCount(shape, array.Count, path, problems);
                var itemShape = model.Shape(shape.ListMember!.ShapeName);
                for (var i = 0; i < array.Count; i++)
                {
                    Check(model, itemShape, shape.ListMember, array[i], $"{path}[{i}]", timestamps, problems);
                }

                break;
            case "map":
                if (node is not JsonObject map)
                {
                    problems.Add(new(path, $"expected a map ({shape.Name}), got {Describe(node)}"));
                    return;
                }

                CheckCount(shape, map.Count, path, problems);
                var keyShape = model.Shape(shape.MapKey!.ShapeName);
                var valueShape = model.Shape(shape.MapValue!.ShapeName);
                foreach (var (key, value) in map)
                {
                    CheckString(keyShape, key, $"{path}{{key {key}}}", problems);
                    Check(model, valueShape, shape.MapValue, value, $"{path}[{key}]", timestamps, problems);
                }

                break;
            case "string":
                if (!TryString(node, out var text))
                {
                    problems.Add(new(path, $"expected a string ({shape.Name}), got {Describe(node)}"));
                    return;
                }

                CheckString(shape, text, path, problems);
                break;
            case "integer":
            case "long":
                if (!TryInteger(node, out var whole) || (shape.Type == "integer" && (whole < int.MinValue || whole > int.MaxValue)))
                {
                    problems.Add(new(path, $"expected {(shape.Type == "integer" ? "a 32-bit" : "a 64-bit")} integer ({shape.Name}), got {Describe(node)}"));
                    return;
                }

                CheckRange(shape, whole, path, problems);
                break;
            case "float":
            case "double":
                if (TryString(node, out var special) && special is "NaN" or "Infinity" or "-Infinity")
                {
                    return;
                }

                if (!TryNumber(node, out var number))
                {
                    problems.Add(new(path, $"expected a number ({shape.Name}), got {Describe(node)}"));
                    return;
                }

                CheckRange(shape, number, path, problems);
                break;
            case "boolean":
                if (node is not JsonValue booleanValue || booleanValue.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
                {
                    problems.Add(new(path, $"expected a boolean, got {Describe(node)}"));
                }

                break;
            case "timestamp":
                CheckTimestamp(node, path, shape.EffectiveTimestampFormat(via, timestamps == TimestampForm.EpochSeconds ? "unixTimestamp" : "iso8601"), problems);
                break;
            case "blob":
                if (!TryString(node, out var encoded))
                {
                    problems.Add(new(path, $"expected a base64 string (blob), got {Describe(node)}"));
                    return;
                }

                var bytes = new byte[encoded.Length];
                if (!Convert.TryFromBase64String(encoded, bytes, out var length))
                {
                    problems.Add(new(path, "a blob must be base64"));
                    return;
                }

                CheckCount(shape, length, path, problems);
                break;
            default:
                problems.Add(new(path, $"the fake cannot check shapes of type {shape.Type}"));
                break;
        }
    }

    private static void CheckStructure(ServiceModel model, Shape shape, JsonNode node, string path, TimestampForm timestamps, List<ShapeProblem> problems)
    {
        if (node is not JsonObject structure)
        {
            problems.Add(new(path, $"expected a structure ({shape.Name}), got {Describe(node)}"));
            return;
        }

        foreach (var (name, value) in structure)
        {
            var member = shape.Member(name);
            var memberPath = path.Length == 0 ? name : $"{path}.{name}";
            if (member is null)
            {
                var near = shape.Members.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));
                problems.Add(new(memberPath, $"unknown member of {shape.Name}" + (near is null ? "" : $" (did you mean {near.Name}?)")));
                continue;
            }

            Check(model, model.Shape(member.ShapeName), member, value, memberPath, timestamps, problems);
        }

        foreach (var required in shape.Required)
        {
            if (!structure.ContainsKey(required))
            {
                problems.Add(new(path.Length == 0 ? required : $"{path}.{required}", $"required member of {shape.Name} is missing"));
            }
        }

        if (shape.IsUnion && structure.Count != 1)
        {
            problems.Add(new(path, $"{shape.Name} is a union: exactly one member must be set, not {structure.Count}"));
        }
    }

    private static void CheckString(Shape shape, string text, string path, List<ShapeProblem> problems)
    {
        if (shape.Enum is { } values && !values.Contains(text, StringComparer.Ordinal))
        {
            var shown = values.Count <= 12 ? string.Join(", ", values) : string.Join(", ", values.Take(12)) + $", … ({values.Count} values)";
            problems.Add(new(path, $"'{text}' is not a value of the enum {shape.Name} ({shown})"));
        }

        CheckCount(shape, text.Length, path, problems, "length");
        if (shape.Pattern is { } pattern)
        {
            try
            {
                if (!pattern.IsMatch(text))
                {
                    problems.Add(new(path, $"'{text}' does not match the pattern {shape.PatternText} of {shape.Name}"));
                }
            }
            catch (RegexMatchTimeoutException)
            {
            }
        }
    }

    private static void CheckCount(Shape shape, int count, string path, List<ShapeProblem> problems, string what = "count")
    {
        if (shape.Min is { } min && count < min)
        {
            problems.Add(new(path, $"{what} {count} is below the minimum {min} of {shape.Name}"));
        }

        if (shape.Max is { } max && count > max)
        {
            problems.Add(new(path, $"{what} {count} is above the maximum {max} of {shape.Name}"));
        }
    }

    private static void CheckRange(Shape shape, double value, string path, List<ShapeProblem> problems)
    {
        if (shape.Min is { } min && value < min)
        {
            problems.Add(new(path, $"{value.ToString(CultureInfo.InvariantCulture)} is below the minimum {min} of {shape.Name}"));
        }

        if (shape.Max is { } max && value > max)
        {
            problems.Add(new(path, $"{value.ToString(CultureInfo.InvariantCulture)} is above the maximum {max} of {shape.Name}"));
        }
    }

    private static void CheckTimestamp(JsonNode node, string path, string format, List<ShapeProblem> problems)
    {
        switch (format)
        {
            case "unixTimestamp":
                if (!TryNumber(node, out _))
                {
                    problems.Add(new(path, $"expected a timestamp as epoch seconds (a number), got {Describe(node)}"));
                }

                break;
            case "rfc822":
                if (!TryString(node, out var http) || !DateTimeOffset.TryParseExact(http, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _))
                {
                    problems.Add(new(path, $"expected an RFC 822 timestamp such as Tue, 29 Apr 2014 18:30:38 GMT, got {Describe(node)}"));
                }

                break;
            default:
                if (!TryString(node, out var text) || !TryParseIso8601(text, out _))
                {
                    problems.Add(new(path, $"expected an ISO-8601 timestamp such as 2024-01-02T03:04:05Z, got {Describe(node)}"));
                }

                break;
        }
    }

    public static bool TryParseIso8601(string text, out DateTimeOffset value) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value)
        && text.Contains('T', StringComparison.Ordinal);

    public static bool TryString(JsonNode node, out string text)
    {
        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            text = value.GetValue<string>();
            return true;
        }

        text = "";
        return false;
    }

    /// <summary>A JSON number written without fraction or exponent that fits a long.</summary>
    public static bool TryInteger(JsonNode node, out long whole)
    {
        whole = 0;
        return node is JsonValue value && value.GetValueKind() == JsonValueKind.Number
            && long.TryParse(value.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out whole);
    }

    public static bool TryNumber(JsonNode node, out double number)
    {
        number = 0;
        return node is JsonValue value && value.GetValueKind() == JsonValueKind.Number
            && double.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out number);
    }

    private static string Describe(JsonNode node)
    {
        var text = node.ToJsonString();
        if (text.Length > 60)
        {
            text = text[..57] + "...";
        }

        var kind = node switch
        {
            JsonObject => "an object",
            JsonArray => "a list",
            JsonValue value => value.GetValueKind() switch
            {
                JsonValueKind.String => "a string",
                JsonValueKind.Number => "a number",
                JsonValueKind.True or JsonValueKind.False => "a boolean",
                _ => "a value",
            },
            _ => "a value",
        };
        return $"{kind} {text}";
    }
}

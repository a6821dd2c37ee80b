using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Fleetbook.Tests.Aws.Services;

/// <summary>
/// Checks a JSON DOM (the connection's input form: model member names, ISO-8601 timestamps, base64 blobs) against a
/// shape of a service model: every member exists, has a compatible type, a legal enum value, a modelled length or
/// range and pattern; every required member is present; a union sets at most one member.
/// </summary>
public static class ShapeValidator
{
    public static IReadOnlyList<string> Validate(BotocoreModel model, string shapeName, JsonNode? value)
    {
        var problems = new List<string>();
        Check(model, shapeName, value, "$", problems);
        return problems;
    }

    private static void Check(BotocoreModel model, string shapeName, JsonNode? value, string path, List<string> problems)
    {
        var shape = model.Shape(shapeName);
        var type = shape["type"]!.GetValue<string>();
        if (value is null)
        {
            problems.Add($"{path}: null is not a {type} ({shapeName})");
            return;
        }

        switch (type)
        {
            case "structure":
                CheckStructure(model, shapeName, shape, value, path, problems);
                break;
            case "list":
                if (value is not JsonArray items)
                {
                    problems.Add($"{path}: expected a list ({shapeName}), found {value.GetValueKind()}");
                    return;
                }

                CheckRange(shape, items.Count, path, "length", problems);
                for (var i = 0; i < items.Count; i++)
                {
                    Check(model, shape["member"]!["shape"]!.GetValue<string>(), items[i], $"{path}[{i}]", problems);
                }

                break;
            case "map":
                if (value is not JsonObject entries)
                {
                    problems.Add($"{path}: expected a map ({shapeName}), found {value.GetValueKind()}");
                    return;
                }

                CheckRange(shape, entries.Count, path, "size", problems);
                foreach (var (key, item) in entries)
                {
                    Check(model, shape["key"]!["shape"]!.GetValue<string>(), JsonValue.Create(key), $"{path}{{key {key}}}", problems);
                    Check(model, shape["value"]!["shape"]!.GetValue<string>(), item, $"{path}[{key}]", problems);
                }

                break;
            case "string":
                if (!IsKind(value, JsonValueKind.String, out var text, path, shapeName, problems))
                {
                    return;
                }

                if (shape["enum"] is JsonArray legal && !legal.Any(v => v!.GetValue<string>() == text))
                {
                    problems.Add($"{path}: \"{text}\" is not a legal {shapeName} ({string.Join(", ", legal.Take(8).Select(v => v!.GetValue<string>()))}…)");
                }

                CheckRange(shape, text.Length, path, "length", problems);
                if (shape["pattern"]?.GetValue<string>() is { } pattern && !Matches(pattern, text))
                {
                    problems.Add($"{path}: \"{text}\" does not match {shapeName}'s pattern {pattern}");
                }

                break;
            case "integer" or "long":
                if (value.GetValueKind() != JsonValueKind.Number || !long.TryParse(value.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
                {
                    problems.Add($"{path}: expected a whole number ({shapeName}), found {value.ToJsonString()}");
                    return;
                }

                if (type == "integer" && whole is < int.MinValue or > int.MaxValue)
                {
                    problems.Add($"{path}: {whole} does not fit a 32-bit integer ({shapeName})");
                }

                CheckRange(shape, whole, path, "value", problems);
                break;
            case "double" or "float":
                if (value.GetValueKind() != JsonValueKind.Number)
                {
                    problems.Add($"{path}: expected a number ({shapeName}), found {value.GetValueKind()}");
                    return;
                }

                CheckRange(shape, value.GetValue<double>(), path, "value", problems);
                break;
            case "boolean":
                if (value.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
                {
                    problems.Add($"{path}: expected true or false ({shapeName}), found {value.GetValueKind()}");
                }

                break;
            case "timestamp":
                if (IsKind(value, JsonValueKind.String, out var stamp, path, shapeName, problems)
                    && (!stamp.Contains('T', StringComparison.Ordinal) || !DateTimeOffset.TryParse(stamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _)))
                {
                    problems.Add($"{path}: \"{stamp}\" is not an ISO-8601 timestamp ({shapeName})");
                }

                break;
            case "blob":
                if (IsKind(value, JsonValueKind.String, out var blob, path, shapeName, problems) && !IsBase64(blob))
                {
                    problems.Add($"{path}: a blob is base64 text ({shapeName})");
                }

                break;
            default:
                problems.Add($"{path}: the validator does not know shape type {type} ({shapeName})");
                break;
        }
    }

    private static void CheckStructure(BotocoreModel model, string shapeName, JsonObject shape, JsonNode value, string path, List<string> problems)
    {
        if (value is not JsonObject members)
        {
            problems.Add($"{path}: expected a structure ({shapeName}), found {value.GetValueKind()}");
            return;
        }

        var modelMembers = shape["members"]!.AsObject();
        foreach (var (name, member) in members)
        {
            if (modelMembers[name] is not JsonObject modelMember)
            {
                problems.Add($"{path}.{name}: {shapeName} has no member {name} (members: {string.Join(", ", modelMembers.Select(m => m.Key).Take(12))}…)");
                continue;
            }

            Check(model, modelMember["shape"]!.GetValue<string>(), member, $"{path}.{name}", problems);
        }

        foreach (var required in shape["required"]?.AsArray().Select(r => r!.GetValue<string>()) ?? [])
        {
            if (members[required] is null)
            {
                problems.Add($"{path}: {shapeName} requires {required}");
            }
        }

        if (shape["union"]?.GetValue<bool>() == true && members.Count > 1)
        {
            problems.Add($"{path}: {shapeName} is a union; set one member, not {members.Count}");
        }
    }

    private static bool IsKind(JsonNode value, JsonValueKind kind, out string text, string path, string shapeName, List<string> problems)
    {
        text = "";
        if (value.GetValueKind() != kind)
        {
            problems.Add($"{path}: expected {kind} ({shapeName}), found {value.GetValueKind()} {value.ToJsonString()}");
            return false;
        }

        text = value.GetValue<string>();
        return true;
    }

    private static void CheckRange(JsonObject shape, double actual, string path, string what, List<string> problems)
    {
        if (shape["min"] is { } min && actual < min.GetValue<double>())
        {
            problems.Add($"{path}: {what} {actual} is below the minimum {min}");
        }

        if (shape["max"] is { } max && actual > max.GetValue<double>())
        {
            problems.Add($"{path}: {what} {actual} is above the maximum {max}");
        }
    }

    private static bool Matches(string pattern, string text)
    {
        try
        {
            // Held to the whole value: stricter than a search, and what the services mean by these patterns.
            return Regex.IsMatch(text, $"^(?:{pattern})$", RegexOptions.None, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException)
        {
            return true; // a pattern .NET cannot read is not ours to judge
        }
    }

    private static bool IsBase64(string text)
    {
        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out _);
    }
}

using System.Globalization;
using System.Text.Json.Nodes;

namespace Fleetbook.Tests.Aws.Fake;

/// <summary>
/// Reads EC2 query parameters (<c>SpotFleetRequestConfig.LaunchSpecifications.1.ImageId=ami-…</c>) back into a JSON
/// tree with the model's member names, by EC2's naming rules: a member's wire name is its queryName, else its
/// locationName capitalized, else its name; lists are always flattened as <c>Name.N</c> (N from 1); maps are
/// <c>Name.entry.N.key</c>/<c>.value</c>. Scalars are converted by their shape (integers, numbers, true/false);
/// a value that does not convert stays a string so that <see cref="ModelValidator"/> reports the wrong type.
/// </summary>
internal static class Ec2QueryParser
{
    private sealed class Node
    {
        public string? Value { get; set; }
        public string WireKey { get; set; } = "";
        public Dictionary<string, Node> Children { get; } = new(StringComparer.Ordinal);
    }

    public static JsonObject Parse(ServiceModel model, Shape input, IEnumerable<KeyValuePair<string, string>> parameters, List<ShapeProblem> problems)
    {
        var root = new Node();
        foreach (var (key, value) in parameters)
        {
            var segments = key.Split('.');
            if (segments.Any(s => s.Length == 0))
            {
                problems.Add(new(key, "a parameter name has an empty segment"));
                continue;
            }

            var node = root;
            foreach (var segment in segments)
            {
                if (!node.Children.TryGetValue(segment, out var child))
                {
                    child = new Node { WireKey = node == root ? segment : $"{node.WireKey}.{segment}" };
                    node.Children[segment] = child;
                }

                node = child;
            }

            if (node.Value is not null)
            {
                problems.Add(new(key, "the parameter is given twice"));
            }

            node.Value = value;
        }

        return ParseStructure(model, input, root, "", problems) ?? [];
    }

    private static JsonNode? ParseValue(ServiceModel model, Shape shape, ShapeMember via, Node node, string path, List<ShapeProblem> problems)
    {
        switch (shape.Type)
        {
            case "structure":
                return ParseStructure(model, shape, node, path, problems);
            case "list":
                return ParseList(model, shape, node, path, problems);
            case "map":
                return ParseMap(model, shape, node, path, problems);
            default:
                if (node.Children.Count > 0)
                {
                    problems.Add(new(path, $"{shape.Name} is a {shape.Type}, but the request has nested parameters {string.Join(", ", node.Children.Values.Select(c => c.WireKey).Take(3))}"));
                    return null;
                }

                return Scalar(shape, shape.EffectiveTimestampFormat(via, "iso8601"), node.Value ?? "");
        }
    }

    private static JsonObject? ParseStructure(ServiceModel model, Shape shape, Node node, string path, List<ShapeProblem> problems)
    {
        if (node.Value is not null && node.Children.Count == 0)
        {
            problems.Add(new(path, $"{shape.Name} is a structure: send its members as {node.WireKey}.Member=…, not {node.WireKey}={node.Value}"));
            return null;
        }

        var result = new JsonObject();
        foreach (var (segment, child) in node.Children)
        {
            var member = shape.MemberByEc2QueryName(segment);
            var memberPath = path.Length == 0 ? segment : $"{path}.{segment}";
            if (member is null)
            {
                var byName = shape.Members.FirstOrDefault(m => string.Equals(m.Name, segment, StringComparison.OrdinalIgnoreCase)
                    || string.Equals(m.Ec2QueryName, segment, StringComparison.OrdinalIgnoreCase));
                var hint = byName is null ? "" : $" (the EC2 query name of {byName.Name} is '{byName.Ec2QueryName}')";
                problems.Add(new(memberPath, $"unknown member '{segment}' of {shape.Name} (parameter {child.WireKey}){hint}"));
                continue;
            }

            memberPath = path.Length == 0 ? member.Name : $"{path}.{member.Name}";
            var value = ParseValue(model, model.Shape(member.ShapeName), member, child, memberPath, problems);
            if (value is not null)
            {
                result[member.Name] = value;
            }
        }

        return result;
    }

    private static JsonArray? ParseList(ServiceModel model, Shape shape, Node node, string path, List<ShapeProblem> problems)
    {
        if (node.Children.Count == 0)
        {
            if (node.Value is { Length: 0 })
            {
                return [];
            }

            problems.Add(new(path, $"{shape.Name} is a list: send {node.WireKey}.1=…, {node.WireKey}.2=…, not {node.WireKey}={node.Value}"));
            return null;
        }

        var indexed = new SortedDictionary<int, Node>();
        foreach (var (segment, child) in node.Children)
        {
            if (!int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index < 1 || segment.StartsWith('0'))
            {
                problems.Add(new(path, $"{shape.Name} is a list: '{child.WireKey}' should be {node.WireKey}.N with N = 1, 2, …"));
                continue;
            }

            indexed[index] = child;
        }

        if (indexed.Count > 0 && indexed.Keys.Last() != indexed.Count)
        {
            problems.Add(new(path, $"list indices must run 1..{indexed.Count} without gaps, got {string.Join(",", indexed.Keys)}"));
        }

        var itemShape = model.Shape(shape.ListMember!.ShapeName);
        var array = new JsonArray();
        foreach (var (index, child) in indexed)
        {
            var item = ParseValue(model, itemShape, shape.ListMember, child, $"{path}[{index - 1}]", problems);
            if (item is not null)
            {
                array.Add(item);
            }
        }

        return array;
    }

    private static JsonObject? ParseMap(ServiceModel model, Shape shape, Node node, string path, List<ShapeProblem> problems)
    {
        var entries = node;
        if (!shape.Flattened)
        {
            if (!node.Children.TryGetValue("entry", out var entryNode) || node.Children.Count != 1)
            {
                problems.Add(new(path, $"{shape.Name} is a map: send {node.WireKey}.entry.N.key / .value"));
                return null;
            }

            entries = entryNode;
        }

        var keyName = shape.MapKey!.LocationName ?? "key";
        var valueName = shape.MapValue!.LocationName ?? "value";
        var valueShape = model.Shape(shape.MapValue.ShapeName);
        var map = new JsonObject();
        foreach (var (_, entry) in entries.Children)
        {
            if (!entry.Children.TryGetValue(keyName, out var key) || key.Value is null || !entry.Children.TryGetValue(valueName, out var value))
            {
                problems.Add(new(path, $"map entry {entry.WireKey} needs .{keyName} and .{valueName}"));
                continue;
            }

            var parsed = ParseValue(model, valueShape, shape.MapValue, value, $"{path}[{key.Value}]", problems);
            if (parsed is not null)
            {
                map[key.Value] = parsed;
            }
        }

        return map;
    }

    private static JsonNode Scalar(Shape shape, string timestampFormat, string text)
    {
        switch (shape.Type)
        {
            case "timestamp" when timestampFormat == "unixTimestamp":
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds)
                    ? JsonValue.Create(seconds)
                    : JsonValue.Create(text);
            case "integer":
            case "long":
                return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole) ? JsonValue.Create(whole) : JsonValue.Create(text);
            case "float":
            case "double":
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
                    ? JsonValue.Create(number)
                    : JsonValue.Create(text);
            case "boolean":
                return text switch
                {
                    "true" => JsonValue.Create(true),
                    "false" => JsonValue.Create(false),
                    _ => JsonValue.Create(text),
                };
            default:
                return JsonValue.Create(text);
        }
    }
}

using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Web;
using System.Xml.Linq;
using Fleetbook.Tests.Aws.Fake;
using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Aws.FakeServerTests;

/// <summary>A fact that is skipped, with the reason, when ../shared/aws-conformance/protocols is absent.</summary>
public sealed class ProtocolSuiteFactAttribute : FactAttribute
{
    public ProtocolSuiteFactAttribute()
    {
        if (ProtocolConformanceTests.Folder is null)
        {
            Skip = "../shared/aws-conformance/protocols is not beside the repository (set FLEETBOOK_SHARED to the shared folder).";
        }
    }
}

/// <summary>
/// The fake's wire code held to AWS's own protocol test suites: it reads every official EC2 query serialization
/// back into the test's parameters, writes EC2 XML that reads as the official responses do, and accepts every
/// official JSON request body.
/// </summary>
public sealed class ProtocolConformanceTests
{
    public static string? Folder { get; } = AwsModels.Folder is { } models && Directory.Exists(Path.Combine(models, "..", "aws-conformance", "protocols"))
        ? Path.Combine(models, "..", "aws-conformance", "protocols")
        : null;

    private static IEnumerable<(ServiceModel Model, JsonElement Case)> Cases(string file, string protocol)
    {
        var suites = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder!, file))).RootElement;
        foreach (var suite in suites.EnumerateArray())
        {
            var model = ServiceModel.ForShapes("suite", protocol, suite.GetProperty("metadata").TryGetProperty("apiVersion", out var version) ? version.GetString()! : "2020-01-08", suite.GetProperty("shapes"));
            foreach (var testCase in suite.GetProperty("cases").EnumerateArray())
            {
                yield return (model, testCase);
            }
        }
    }

    [ProtocolSuiteFact]
    public void EC2_query_requests_parse_back_into_their_parameters()
    {
        var failures = new List<string>();
        var checkedCases = 0;
        foreach (var (model, testCase) in Cases("input/ec2.json", "ec2"))
        {
            var id = testCase.GetProperty("id").GetString()!;
            var given = testCase.GetProperty("given");
            if (!given.TryGetProperty("input", out var input) || id.Contains("IdempotencyTokenAutoFill", StringComparison.Ordinal) || id.Contains("Gzip", StringComparison.Ordinal) || id.Contains("ContentEncoding", StringComparison.Ordinal))
            {
                continue;
            }

            var shape = model.Shape(input.GetProperty("shape").GetString()!);
            var body = testCase.GetProperty("serialized").TryGetProperty("body", out var serialized) ? serialized.GetString()! : "";
            var form = HttpUtility.ParseQueryString(body, Encoding.UTF8);
            var pairs = form.AllKeys.Where(k => k is not ("Action" or "Version")).Select(k => new KeyValuePair<string, string>(k!, form[k]!)).ToList();
            var problems = new List<ShapeProblem>();
            var parsed = Ec2QueryParser.Parse(model, shape, pairs, problems);
            problems.AddRange(ModelValidator.Validate(model, shape.Name, parsed, TimestampForm.Iso8601));
            var expected = JsonNode.Parse(testCase.GetProperty("params").GetRawText())!;
            checkedCases++;
            if (problems.Count > 0)
            {
                failures.Add($"{id}: {string.Join("; ", problems)}");
            }
            else if (Difference(model, shape, expected, parsed, "") is { } difference)
            {
                failures.Add($"{id}: {difference}");
            }
        }

        Assert.True(checkedCases >= 20, $"only {checkedCases} cases checked");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [ProtocolSuiteFact]
    public void EC2_XML_responses_read_as_the_official_ones()
    {
        var failures = new List<string>();
        var checkedCases = 0;
        foreach (var (model, testCase) in Cases("output/ec2.json", "ec2"))
        {
            var id = testCase.GetProperty("id").GetString()!;
            var given = testCase.GetProperty("given");
            if (!given.TryGetProperty("output", out var output) || testCase.GetProperty("result").ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var shape = output.GetProperty("shape").GetString()!;
            var result = ToWireTree(model, model.Shape(shape), JsonNode.Parse(testCase.GetProperty("result").GetRawText())!);
            var written = Ec2XmlWriter.Response(model, given.GetProperty("name").GetString()!, shape, (JsonObject)result!, "requestid");
            var expected = XDocument.Parse(testCase.GetProperty("response").GetProperty("body").GetString()!).Root!;
            checkedCases++;
            if (XmlDifference(expected, XDocument.Parse(written).Root!, expected.Name.LocalName) is { } difference)
            {
                failures.Add($"{id}: {difference}{Environment.NewLine}    wrote {written}");
            }
        }

        Assert.True(checkedCases >= 15, $"only {checkedCases} cases checked");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [ProtocolSuiteFact]
    public void Official_JSON_request_bodies_pass_the_validator()
    {
        var failures = new List<string>();
        var checkedCases = 0;
        foreach (var (file, protocol) in new[] { ("input/json.json", "json"), ("input/json_1_0.json", "json") })
        {
            foreach (var (model, testCase) in Cases(file, protocol))
            {
                var given = testCase.GetProperty("given");
                if (!given.TryGetProperty("input", out var input))
                {
                    continue;
                }

                var shape = model.Shape(input.GetProperty("shape").GetString()!);
                if (shape.Members.Any(m => model.Shape(m.ShapeName).Type == "structure" && m.Name == "Header"))
                {
                    continue;
                }

                var body = testCase.GetProperty("serialized").TryGetProperty("body", out var b) ? b.GetString() : null;
                var tree = string.IsNullOrWhiteSpace(body) ? new JsonObject() : JsonNode.Parse(body)!;
                checkedCases++;
                var problems = ModelValidator.Validate(model, shape.Name, tree, TimestampForm.EpochSeconds);
                if (problems.Count > 0)
                {
                    failures.Add($"{testCase.GetProperty("id").GetString()}: {string.Join("; ", problems)}");
                }
            }
        }

        Assert.True(checkedCases >= 20, $"only {checkedCases} cases checked");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    /// <summary>The fake's tree form of a test's params: blobs base64-encoded (the tests give them raw).</summary>
    private static JsonNode? ToWireTree(ServiceModel model, Shape shape, JsonNode? value)
    {
        switch (shape.Type)
        {
            case "structure" when value is JsonObject structure:
                var result = new JsonObject();
                foreach (var (name, member) in structure)
                {
                    var memberShape = shape.Member(name)!;
                    result[name] = ToWireTree(model, model.Shape(memberShape.ShapeName), member);
                }

                return result;
            case "list" when value is JsonArray array:
                return new JsonArray([.. array.Select(i => ToWireTree(model, model.Shape(shape.ListMember!.ShapeName), i))]);
            case "map" when value is JsonObject map:
                var copy = new JsonObject();
                foreach (var (key, item) in map)
                {
                    copy[key] = ToWireTree(model, model.Shape(shape.MapValue!.ShapeName), item);
                }

                return copy;
            case "blob":
                return JsonValue.Create(Convert.ToBase64String(Encoding.UTF8.GetBytes(value!.GetValue<string>())));
            default:
                return value?.DeepClone();
        }
    }

    /// <summary>Where the parsed tree differs from the test's params, by the shape (blobs, timestamps and numbers compared by meaning).</summary>
    private static string? Difference(ServiceModel model, Shape shape, JsonNode? expected, JsonNode? actual, string path)
    {
        if (expected is null || actual is null)
        {
            return expected is null && actual is null ? null : $"{path}: expected {expected?.ToJsonString() ?? "nothing"}, got {actual?.ToJsonString() ?? "nothing"}";
        }

        switch (shape.Type)
        {
            case "structure":
                var expectedObject = (JsonObject)expected;
                var actualObject = (JsonObject)actual;
                foreach (var name in expectedObject.Select(p => p.Key).Union(actualObject.Select(p => p.Key)))
                {
                    var member = shape.Member(name);
                    if (member is null)
                    {
                        return $"{path}.{name}: not in the shape";
                    }

                    if (expectedObject[name] is JsonArray { Count: 0 } && actualObject[name] is null)
                    {
                        continue;
                    }

                    if (Difference(model, model.Shape(member.ShapeName), expectedObject[name], actualObject[name], $"{path}.{name}") is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            case "list":
                var expectedArray = (JsonArray)expected;
                var actualArray = (JsonArray)actual;
                if (expectedArray.Count != actualArray.Count)
                {
                    return $"{path}: {expectedArray.Count} items expected, got {actualArray.Count}";
                }

                for (var i = 0; i < expectedArray.Count; i++)
                {
                    if (Difference(model, model.Shape(shape.ListMember!.ShapeName), expectedArray[i], actualArray[i], $"{path}[{i}]") is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            case "blob":
                var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(expected.GetValue<string>()));
                return encoded == actual.GetValue<string>() ? null : $"{path}: blob {encoded} expected, got {actual.ToJsonString()}";
            case "timestamp":
                var expectedTime = DateTimeOffset.FromUnixTimeMilliseconds((long)(expected.GetValue<double>() * 1000));
                var actualTime = ModelValidator.TryNumber(actual, out var seconds)
                    ? DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000))
                    : DateTimeOffset.Parse(actual.GetValue<string>(), CultureInfo.InvariantCulture);
                return expectedTime == actualTime ? null : $"{path}: {expectedTime:O} expected, got {actual.ToJsonString()}";
            default:
                return Leaf(expected) == Leaf(actual) ? null : $"{path}: {expected.ToJsonString()} expected, got {actual.ToJsonString()}";
        }
    }

    private static string Leaf(JsonNode node) =>
        ModelValidator.TryNumber(node, out var number) ? number.ToString("R", CultureInfo.InvariantCulture) : node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : node.ToJsonString();

    /// <summary>Where two XML documents differ as an EC2 reader sees them: local names, child order per name, leaves by meaning; requestId ignored.</summary>
    private static string? XmlDifference(XElement expected, XElement actual, string path)
    {
        var expectedChildren = expected.Elements().Where(e => e.Name.LocalName != "requestId").ToList();
        var actualChildren = actual.Elements().Where(e => e.Name.LocalName != "requestId").ToList();
        if (expectedChildren.Count == 0 && actualChildren.Count == 0)
        {
            return SameLeaf(expected.Value, actual.Value) ? null : $"{path}: '{expected.Value}' expected, got '{actual.Value}'";
        }

        foreach (var name in expectedChildren.Select(e => e.Name.LocalName).Union(actualChildren.Select(e => e.Name.LocalName)).Distinct())
        {
            var expectedNamed = expectedChildren.Where(e => e.Name.LocalName == name).ToList();
            var actualNamed = actualChildren.Where(e => e.Name.LocalName == name).ToList();
            if (expectedNamed.Count != actualNamed.Count)
            {
                return $"{path}/{name}: {expectedNamed.Count} element(s) expected, got {actualNamed.Count}";
            }

            for (var i = 0; i < expectedNamed.Count; i++)
            {
                if (XmlDifference(expectedNamed[i], actualNamed[i], $"{path}/{name}[{i}]") is { } inner)
                {
                    return inner;
                }
            }
        }

        return null;
    }

    private static bool SameLeaf(string expected, string actual)
    {
        if (expected == actual)
        {
            return true;
        }

        if (double.TryParse(expected, NumberStyles.Float, CultureInfo.InvariantCulture, out var a) && double.TryParse(actual, NumberStyles.Float, CultureInfo.InvariantCulture, out var b))
        {
            return a.Equals(b);
        }

        return DateTimeOffset.TryParse(expected, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var x)
            && DateTimeOffset.TryParse(actual, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var y)
            && x == y;
    }
}

using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fleetbook.Backends.Aws.Protocol;

namespace Fleetbook.Tests.Aws.Conformance;

/// <summary>One case of the protocol suites, with the model its suite declares.</summary>
internal sealed record ProtocolCase(string Key, JsonObject Suite, JsonObject Case)
{
    public ServiceModel Model()
    {
        using var metadata = JsonDocument.Parse(Suite["metadata"]!.ToJsonString());
        using var shapes = JsonDocument.Parse(Suite["shapes"]!.ToJsonString());
        using var given = JsonDocument.Parse(Case["given"]!.ToJsonString());
        var operation = ServiceModelReader.ReadOperation(given.RootElement);
        return new ServiceModel(
            ServiceModelReader.ReadMetadata(metadata.RootElement),
            new Dictionary<string, OperationModel> { [operation.Name] = operation },
            ServiceModelReader.ReadShapes(shapes.RootElement));
    }
}

/// <summary>
/// The protocol suites (protocols/input|output/{json,json_1_0,ec2}.json), each case keyed
/// "input/json|&lt;suite index&gt;|&lt;case id&gt;", and the conversions between botocore's value forms in the
/// suites and the connection's canonical DOM.
/// </summary>
internal static class ProtocolSuites
{
    public static readonly string[] Files = ["json", "json_1_0", "ec2"];

    private static readonly ConcurrentDictionary<string, JsonArray> Loaded = new(StringComparer.Ordinal);

    public static IEnumerable<object[]> Keys(string direction)
    {
        if (!ConformanceFiles.Available)
        {
            yield break;
        }

        foreach (var file in Files)
        {
            var suites = Load($"{direction}/{file}");
            for (var index = 0; index < suites.Count; index++)
            {
                foreach (var @case in suites[index]!["cases"]!.AsArray())
                {
                    yield return [$"{direction}/{file}|{index}|{@case!["id"]!.GetValue<string>()}"];
                }
            }
        }
    }

    public static ProtocolCase Case(string key)
    {
        var parts = key.Split('|');
        var suite = Load(parts[0])[int.Parse(parts[1])]!.AsObject();
        var @case = suite["cases"]!.AsArray().Single(c => c!["id"]!.GetValue<string>() == parts[2])!.AsObject();
        return new ProtocolCase(key, suite, @case);
    }

    /// <summary>botocore gives blobs as raw text; the DOM takes them as base64.</summary>
    public static JsonNode? ToDom(ServiceModel model, string shapeName, JsonNode? value)
    {
        if (value is null)
        {
            return null;
        }

        var shape = model.Shape(shapeName);
        return shape.Type switch
        {
            ShapeType.Structure when shape.Document => value.DeepClone(),
            ShapeType.Structure => new JsonObject(value.AsObject().Select(p =>
                KeyValuePair.Create(p.Key, shape.FindMember(p.Key) is { } m ? ToDom(model, m.ShapeName, p.Value) : p.Value?.DeepClone()))),
            ShapeType.List => new JsonArray(value.AsArray().Select(item => ToDom(model, shape.Member!.ShapeName, item)).ToArray()),
            ShapeType.Map => new JsonObject(value.AsObject().Select(p => KeyValuePair.Create(p.Key, ToDom(model, shape.Value!.ShapeName, p.Value)))),
            ShapeType.Blob => JsonValue.Create(Convert.ToBase64String(Encoding.UTF8.GetBytes(value.GetValue<string>()))),
            _ => value.DeepClone(),
        };
    }

    /// <summary>
    /// Compares a DOM the connection produced with the botocore-form value a suite expects: timestamps as instants
    /// (the suites give epoch seconds), blobs as bytes, numbers as numbers; no member more, none less.
    /// </summary>
    public static void AssertMatches(ServiceModel model, string shapeName, JsonNode? expected, JsonNode? actual, string path)
    {
        Assert.True(expected is not null == actual is not null, $"{path}: expected {expected?.ToJsonString() ?? "nothing"}, got {actual?.ToJsonString() ?? "nothing"}.");
        if (expected is null || actual is null)
        {
            return;
        }

        var shape = model.Shape(shapeName);
        switch (shape.Type)
        {
            case ShapeType.Structure when !shape.Document:
                var expectedObject = expected.AsObject();
                var actualObject = actual.AsObject();
                Assert.Equal(expectedObject.Select(p => p.Key).Order(), actualObject.Select(p => p.Key).Order());
                foreach (var (name, value) in expectedObject)
                {
                    AssertMatches(model, shape.FindMember(name)!.ShapeName, value, actualObject[name], $"{path}.{name}");
                }

                break;
            case ShapeType.List:
                Assert.Equal(expected.AsArray().Count, actual.AsArray().Count);
                for (var i = 0; i < expected.AsArray().Count; i++)
                {
                    AssertMatches(model, shape.Member!.ShapeName, expected[i], actual[i], $"{path}[{i}]");
                }

                break;
            case ShapeType.Map:
                Assert.Equal(expected.AsObject().Select(p => p.Key).Order(), actual.AsObject().Select(p => p.Key).Order());
                foreach (var (key, value) in expected.AsObject())
                {
                    AssertMatches(model, shape.Value!.ShapeName, value, actual[key], $"{path}.{key}");
                }

                break;
            case ShapeType.Timestamp:
                var instant = DateTimeOffset.Parse(actual.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
                Assert.Equal((long)Math.Round(expected.GetValue<double>() * 1000), instant.ToUnixTimeMilliseconds());
                break;
            case ShapeType.Blob:
                Assert.Equal(expected.GetValue<string>(), Encoding.UTF8.GetString(Convert.FromBase64String(actual.GetValue<string>())));
                break;
            case ShapeType.Integer or ShapeType.Long:
                Assert.Equal(expected.GetValue<long>(), actual.GetValue<long>());
                break;
            case ShapeType.Float or ShapeType.Double when expected.GetValueKind() == JsonValueKind.Number:
                Assert.Equal(expected.GetValue<double>(), actual.GetValue<double>());
                break;
            default:
                Assert.True(JsonNode.DeepEquals(expected, actual), $"{path}: expected {expected.ToJsonString()}, got {actual.ToJsonString()}.");
                break;
        }
    }

    private static JsonArray Load(string name) =>
        Loaded.GetOrAdd(name, n => JsonNode.Parse(File.ReadAllText(ConformanceFiles.Path("protocols", n + ".json")))!.AsArray());
}

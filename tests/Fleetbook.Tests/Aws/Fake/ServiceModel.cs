using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;
using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Aws.Fake;

/// <summary>One botocore service model (../shared/aws-models/&lt;name&gt;.json), its shapes read on first use.</summary>
internal sealed class ServiceModel
{
    private static readonly ConcurrentDictionary<string, Lazy<ServiceModel>> Loaded = new();

    private readonly JsonDocument _document;
    private readonly JsonElement _shapes;
    private readonly JsonElement _operations;
    private readonly ConcurrentDictionary<string, Shape> _shapeCache = new();

    private ServiceModel(string name, JsonDocument document)
    {
        Name = name;
        _document = document;
        _shapes = document.RootElement.GetProperty("shapes");
        _operations = document.RootElement.GetProperty("operations");
        var metadata = document.RootElement.GetProperty("metadata");
        Protocol = metadata.GetProperty("protocol").GetString()!;
        ApiVersion = metadata.GetProperty("apiVersion").GetString()!;
    }

    public string Name { get; }
    public string Protocol { get; }
    public string ApiVersion { get; }

    /// <summary>The model, loaded once per process; throws with <see cref="AwsModels.MissingReason"/> when the models are absent.</summary>
    public static ServiceModel Get(string name) =>
        Loaded.GetOrAdd(name, n => new Lazy<ServiceModel>(() => new ServiceModel(n, AwsModels.Load(n)))).Value;

    /// <summary>A model made of bare shapes (e.g. a protocol test suite's), with no operations.</summary>
    public static ServiceModel ForShapes(string name, string protocol, string apiVersion, JsonElement shapes)
    {
        var document = new System.Text.Json.Nodes.JsonObject
        {
            ["metadata"] = new System.Text.Json.Nodes.JsonObject { ["protocol"] = protocol, ["apiVersion"] = apiVersion },
            ["operations"] = new System.Text.Json.Nodes.JsonObject(),
            ["shapes"] = System.Text.Json.Nodes.JsonNode.Parse(shapes.GetRawText()),
        };
        return new ServiceModel(name, JsonDocument.Parse(document.ToJsonString()));
    }

    /// <summary>The operation's input and output shape names, or null when the model has no such operation.</summary>
    public ModelOperation? Operation(string name)
    {
        if (!_operations.TryGetProperty(name, out var operation))
        {
            return null;
        }

        static string? ShapeOf(JsonElement operation, string key) =>
            operation.TryGetProperty(key, out var reference) ? reference.GetProperty("shape").GetString() : null;

        return new ModelOperation(name, ShapeOf(operation, "input"), ShapeOf(operation, "output"));
    }

    public Shape Shape(string name) => _shapeCache.GetOrAdd(name, n => Read(n, _shapes.GetProperty(n)));

    public Shape? ShapeOrNull(string name) => _shapes.TryGetProperty(name, out _) ? Shape(name) : null;

    private static Shape Read(string name, JsonElement element)
    {
        var type = element.GetProperty("type").GetString()!;
        var members = new List<ShapeMember>();
        if (element.TryGetProperty("members", out var memberElements))
        {
            foreach (var member in memberElements.EnumerateObject())
            {
                members.Add(ReadMember(member.Name, member.Value));
            }
        }

        var required = element.TryGetProperty("required", out var requiredElement)
            ? requiredElement.EnumerateArray().Select(r => r.GetString()!).ToHashSet(StringComparer.Ordinal)
            : [];
        var enumValues = element.TryGetProperty("enum", out var enumElement)
            ? enumElement.EnumerateArray().Select(e => e.GetString()!).ToList()
            : null;
        Regex? pattern = null;
        string? patternText = null;
        if (element.TryGetProperty("pattern", out var patternElement))
        {
            patternText = patternElement.GetString();
            try
            {
                pattern = new Regex("^(?:" + patternText + ")$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException)
            {
                // A pattern .NET cannot read is not checked.
            }
        }

        string? errorCode = null;
        int? httpStatus = null;
        if (element.TryGetProperty("error", out var error))
        {
            errorCode = error.TryGetProperty("code", out var code) ? code.GetString() : null;
            httpStatus = error.TryGetProperty("httpStatusCode", out var status) ? status.GetInt32() : null;
        }

        return new Shape
        {
            Name = name,
            Type = type,
            Members = members,
            Required = required,
            ListMember = element.TryGetProperty("member", out var listMember) ? ReadMember("member", listMember) : null,
            MapKey = element.TryGetProperty("key", out var key) ? ReadMember("key", key) : null,
            MapValue = element.TryGetProperty("value", out var value) ? ReadMember("value", value) : null,
            Enum = enumValues,
            Min = element.TryGetProperty("min", out var min) ? min.GetDouble() : null,
            Max = element.TryGetProperty("max", out var max) ? max.GetDouble() : null,
            Pattern = pattern,
            PatternText = patternText,
            Flattened = element.TryGetProperty("flattened", out var flattened) && flattened.GetBoolean(),
            IsUnion = element.TryGetProperty("union", out var union) && union.GetBoolean(),
            IsDocument = element.TryGetProperty("document", out var document) && document.GetBoolean(),
            TimestampFormat = element.TryGetProperty("timestampFormat", out var format) ? format.GetString() : null,
            QueryErrorCode = errorCode,
            HttpStatus = httpStatus,
        };
    }

    private static ShapeMember ReadMember(string name, JsonElement element)
    {
        static string? Text(JsonElement element, string key) => element.TryGetProperty(key, out var value) ? value.GetString() : null;
        return new ShapeMember(
            name,
            element.GetProperty("shape").GetString()!,
            Text(element, "locationName"),
            Text(element, "queryName"),
            element.TryGetProperty("flattened", out var flattened) && flattened.GetBoolean(),
            Text(element, "timestampFormat"));
    }

    public override string ToString() => $"{Name} ({Protocol} {ApiVersion}); {_document.RootElement.GetProperty("shapes").EnumerateObject().Count()} shapes";
}

internal sealed record ModelOperation(string Name, string? InputShape, string? OutputShape);

/// <summary>A member of a structure (or the member/key/value of a list or map) with its serialization traits.</summary>
internal sealed record ShapeMember(string Name, string ShapeName, string? LocationName, string? QueryName, bool Flattened, string? TimestampFormat = null)
{
    /// <summary>EC2 query name: queryName, else locationName capitalized, else the member name capitalized.</summary>
    public string Ec2QueryName => QueryName ?? Capitalized(LocationName is { Length: > 0 } location ? location : Name);

    private static string Capitalized(string name) => name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name[1..];

    /// <summary>XML element name: locationName, else the member name.</summary>
    public string XmlName => LocationName ?? Name;
}

internal sealed class Shape
{
    private Dictionary<string, ShapeMember>? _byName;
    private Dictionary<string, ShapeMember>? _byEc2QueryName;

    public required string Name { get; init; }

    /// <summary>structure, list, map, string, integer, long, float, double, boolean, timestamp, blob.</summary>
    public required string Type { get; init; }

    public required IReadOnlyList<ShapeMember> Members { get; init; }
    public required IReadOnlySet<string> Required { get; init; }
    public ShapeMember? ListMember { get; init; }
    public ShapeMember? MapKey { get; init; }
    public ShapeMember? MapValue { get; init; }
    public IReadOnlyList<string>? Enum { get; init; }
    public double? Min { get; init; }
    public double? Max { get; init; }
    public Regex? Pattern { get; init; }
    public string? PatternText { get; init; }
    public bool Flattened { get; init; }
    public bool IsUnion { get; init; }
    public bool IsDocument { get; init; }

    /// <summary>iso8601, unixTimestamp or rfc822 when the shape fixes it (a member's own trait wins).</summary>
    public string? TimestampFormat { get; init; }

    /// <summary>The awsQueryError code of an error shape (CloudWatch), such as "ResourceNotFound".</summary>
    public string? QueryErrorCode { get; init; }

    /// <summary>The error shape's HTTP status, when the model gives one.</summary>
    public int? HttpStatus { get; init; }

    /// <summary>The wire form of a timestamp: the member's trait, the shape's, else the protocol's default.</summary>
    public string EffectiveTimestampFormat(ShapeMember? via, string protocolDefault) => via?.TimestampFormat ?? TimestampFormat ?? protocolDefault;

    public ShapeMember? Member(string name)
    {
        _byName ??= Members.ToDictionary(m => m.Name, StringComparer.Ordinal);
        return _byName.GetValueOrDefault(name);
    }

    public ShapeMember? MemberByEc2QueryName(string serialized)
    {
        _byEc2QueryName ??= Members.GroupBy(m => m.Ec2QueryName, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        return _byEc2QueryName.GetValueOrDefault(serialized);
    }

    public override string ToString() => $"{Name} ({Type})";
}

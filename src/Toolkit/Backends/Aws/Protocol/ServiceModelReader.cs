using System.Text.Json;

namespace Fleetbook.Backends.Aws.Protocol;

/// <summary>Reads botocore-style JSON (a whole service model, or the metadata/shapes/operation parts of a test suite).</summary>
public static class ServiceModelReader
{
    public static ServiceModel Read(JsonElement model)
    {
        var operations = new Dictionary<string, OperationModel>(StringComparer.Ordinal);
        if (model.TryGetProperty("operations", out var ops))
        {
            foreach (var op in ops.EnumerateObject())
            {
                operations[op.Name] = ReadOperation(op.Value, op.Name);
            }
        }

        return new ServiceModel(
            ReadMetadata(Required(model, "metadata")),
            operations,
            model.TryGetProperty("shapes", out var shapes) ? ReadShapes(shapes) : new Dictionary<string, ShapeModel>());
    }

    public static ServiceMetadata ReadMetadata(JsonElement metadata) =>
        new(String(metadata, "protocol") ?? throw new InvalidDataException("The model's metadata has no protocol."), String(metadata, "apiVersion") ?? "")
        {
            JsonVersion = String(metadata, "jsonVersion"),
            TargetPrefix = String(metadata, "targetPrefix"),
            EndpointPrefix = String(metadata, "endpointPrefix"),
            SigningName = String(metadata, "signingName") ?? String(metadata, "endpointPrefix"),
            ServiceId = String(metadata, "serviceId"),
            XmlNamespace = String(metadata, "xmlNamespace"),
            AwsQueryCompatible = metadata.TryGetProperty("awsQueryCompatible", out _),
        };

    public static OperationModel ReadOperation(JsonElement operation, string? name = null)
    {
        var http = operation.TryGetProperty("http", out var h) ? h : default;
        return new OperationModel(name ?? String(operation, "name") ?? throw new InvalidDataException("An operation has no name."))
        {
            HttpMethod = http.ValueKind == JsonValueKind.Object ? String(http, "method") ?? "POST" : "POST",
            RequestUri = http.ValueKind == JsonValueKind.Object ? String(http, "requestUri") ?? "/" : "/",
            InputShape = ShapeName(operation, "input"),
            OutputShape = ShapeName(operation, "output"),
            Errors = operation.TryGetProperty("errors", out var errors)
                ? errors.EnumerateArray().Select(e => String(e, "shape")!).Where(s => s is not null).ToArray()
                : [],
            HostPrefix = operation.TryGetProperty("endpoint", out var endpoint) ? String(endpoint, "hostPrefix") : null,
            RequestCompression = operation.TryGetProperty("requestcompression", out var compression) && compression.TryGetProperty("encodings", out var encodings)
                ? encodings.EnumerateArray().Select(e => e.GetString()!).ToArray()
                : [],
        };
    }

    public static IReadOnlyDictionary<string, ShapeModel> ReadShapes(JsonElement shapes)
    {
        var result = new Dictionary<string, ShapeModel>(StringComparer.Ordinal);
        foreach (var shape in shapes.EnumerateObject())
        {
            result[shape.Name] = ReadShape(shape.Name, shape.Value);
        }

        return result;
    }

    private static ShapeModel ReadShape(string name, JsonElement shape)
    {
        var typeName = String(shape, "type") ?? throw new InvalidDataException($"The shape '{name}' has no type.");
        return new ShapeModel(name, ParseType(name, typeName))
        {
            Members = shape.TryGetProperty("members", out var members)
                ? members.EnumerateObject().Select(m => ReadMember(m.Name, m.Value)).ToArray()
                : [],
            Required = shape.TryGetProperty("required", out var required)
                ? required.EnumerateArray().Select(r => r.GetString()!).ToHashSet(StringComparer.Ordinal)
                : new HashSet<string>(),
            Member = shape.TryGetProperty("member", out var member) ? ReadMember("member", member) : null,
            Key = shape.TryGetProperty("key", out var key) ? ReadMember("key", key) : null,
            Value = shape.TryGetProperty("value", out var value) ? ReadMember("value", value) : null,
            Flattened = Bool(shape, "flattened"),
            LocationName = String(shape, "locationName"),
            TimestampFormat = String(shape, "timestampFormat"),
            XmlNamespace = Namespace(shape),
            Enum = shape.TryGetProperty("enum", out var values) ? values.EnumerateArray().Select(v => v.ToString()).ToArray() : [],
            Min = Number(shape, "min"),
            Max = Number(shape, "max"),
            Document = Bool(shape, "document"),
            Union = Bool(shape, "union"),
            Exception = Bool(shape, "exception"),
            ErrorCode = shape.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object ? String(error, "code") : null,
        };
    }

    private static MemberModel ReadMember(string name, JsonElement member) =>
        new(name, String(member, "shape") ?? throw new InvalidDataException($"The member '{name}' names no shape."))
        {
            LocationName = String(member, "locationName"),
            QueryName = String(member, "queryName"),
            JsonName = String(member, "jsonName"),
            Flattened = Bool(member, "flattened"),
            TimestampFormat = String(member, "timestampFormat"),
            XmlNamespace = Namespace(member),
            IdempotencyToken = Bool(member, "idempotencyToken"),
            HostLabel = Bool(member, "hostLabel"),
            JsonValue = Bool(member, "jsonvalue"),
        };

    private static ShapeType ParseType(string name, string type) => type switch
    {
        "structure" => ShapeType.Structure,
        "list" => ShapeType.List,
        "map" => ShapeType.Map,
        "string" => ShapeType.String,
        "integer" or "short" or "byte" => ShapeType.Integer,
        "long" or "bigInteger" => ShapeType.Long,
        "float" => ShapeType.Float,
        "double" or "bigDecimal" => ShapeType.Double,
        "boolean" => ShapeType.Boolean,
        "timestamp" => ShapeType.Timestamp,
        "blob" => ShapeType.Blob,
        _ => throw new InvalidDataException($"The shape '{name}' has the unknown type '{type}'."),
    };

    // xmlNamespace is either a URI string or {"prefix": ..., "uri": ...}.
    private static string? Namespace(JsonElement element) =>
        element.TryGetProperty("xmlNamespace", out var ns)
            ? ns.ValueKind == JsonValueKind.String ? ns.GetString() : String(ns, "uri")
            : null;

    private static string? ShapeName(JsonElement operation, string property) =>
        operation.TryGetProperty(property, out var reference) ? String(reference, "shape") : null;

    private static JsonElement Required(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) ? value : throw new InvalidDataException($"The model has no '{property}'.");

    private static string? String(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static bool Bool(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.True;

    private static double? Number(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;
}

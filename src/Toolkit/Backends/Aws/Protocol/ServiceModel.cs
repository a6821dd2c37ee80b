namespace Fleetbook.Backends.Aws.Protocol;

/// <summary>A service model's metadata: what the protocols and the signer need to know about the service.</summary>
public sealed record ServiceMetadata(string Protocol, string ApiVersion)
{
    public string? JsonVersion { get; init; }
    public string? TargetPrefix { get; init; }
    public string? EndpointPrefix { get; init; }
    public string? SigningName { get; init; }
    public string? ServiceId { get; init; }
    public string? XmlNamespace { get; init; }

    /// <summary>
    /// The service was moved from the query protocol to JSON and still reports its old error codes in the
    /// <c>x-amzn-query-error</c> header (SQS, CloudWatch).
    /// </summary>
    public bool AwsQueryCompatible { get; init; }
}

/// <summary>One operation of a service model.</summary>
public sealed record OperationModel(string Name)
{
    public string HttpMethod { get; init; } = "POST";
    public string RequestUri { get; init; } = "/";
    public string? InputShape { get; init; }
    public string? OutputShape { get; init; }
    public IReadOnlyList<string> Errors { get; init; } = [];

    /// <summary>The <c>endpoint.hostPrefix</c> trait, such as <c>"stream-"</c> or <c>"{label}."</c>.</summary>
    public string? HostPrefix { get; init; }

    /// <summary>The encodings of the <c>requestcompression</c> trait (only <c>gzip</c> exists).</summary>
    public IReadOnlyList<string> RequestCompression { get; init; } = [];
}

/// <summary>A botocore-style service model: metadata, operations and the shapes they use.</summary>
public sealed record ServiceModel(
    ServiceMetadata Metadata,
    IReadOnlyDictionary<string, OperationModel> Operations,
    IReadOnlyDictionary<string, ShapeModel> Shapes)
{
    public ShapeModel Shape(string name) =>
        Shapes.TryGetValue(name, out var shape)
            ? shape
            : throw new InvalidOperationException($"The {Describe()} model refers to the shape '{name}', which it does not define.");

    public ShapeModel Shape(MemberModel member) => Shape(member.ShapeName);

    public OperationModel Operation(string name) =>
        Operations.TryGetValue(name, out var operation)
            ? operation
            : throw new ArgumentException($"The {Describe()} model has no operation '{name}'.", nameof(name));

    private string Describe() => Metadata.ServiceId ?? Metadata.EndpointPrefix ?? "service";
}

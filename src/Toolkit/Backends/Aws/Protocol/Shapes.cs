namespace Fleetbook.Backends.Aws.Protocol;

/// <summary>The kinds of shape a botocore-style model declares.</summary>
public enum ShapeType
{
    Structure,
    List,
    Map,
    String,
    Integer,
    Long,
    Float,
    Double,
    Boolean,
    Timestamp,
    Blob,
}

/// <summary>
/// A named shape of a service model with the traits the protocols read. Shapes refer to one another by name
/// (through <see cref="MemberModel.ShapeName"/>), so recursive shapes need no special handling.
/// </summary>
public sealed record ShapeModel(string Name, ShapeType Type)
{
    /// <summary>A structure's members, in model order.</summary>
    public IReadOnlyList<MemberModel> Members { get; init; } = [];

    /// <summary>A structure's required member names.</summary>
    public IReadOnlySet<string> Required { get; init; } = new HashSet<string>();

    /// <summary>A list's member reference.</summary>
    public MemberModel? Member { get; init; }

    /// <summary>A map's key reference.</summary>
    public MemberModel? Key { get; init; }

    /// <summary>A map's value reference.</summary>
    public MemberModel? Value { get; init; }

    public bool Flattened { get; init; }
    public string? LocationName { get; init; }
    public string? TimestampFormat { get; init; }
    public string? XmlNamespace { get; init; }
    public IReadOnlyList<string> Enum { get; init; } = [];
    public double? Min { get; init; }
    public double? Max { get; init; }

    /// <summary>A structure marked <c>document</c>: any JSON value, passed through as it is.</summary>
    public bool Document { get; init; }

    public bool Union { get; init; }
    public bool Exception { get; init; }

    /// <summary>The query-protocol error code of an error shape (its <c>error.code</c> trait), if any.</summary>
    public string? ErrorCode { get; init; }

    public bool IsNumeric => Type is ShapeType.Integer or ShapeType.Long or ShapeType.Float or ShapeType.Double;

    public MemberModel? FindMember(string name)
    {
        foreach (var member in Members)
        {
            if (member.Name == name)
            {
                return member;
            }
        }

        return null;
    }
}

/// <summary>
/// A reference to a shape from a structure member, a list member or a map key/value, with the traits set on
/// the reference itself (they override the target shape's where both exist).
/// </summary>
public sealed record MemberModel(string Name, string ShapeName)
{
    public string? LocationName { get; init; }
    public string? QueryName { get; init; }
    public string? JsonName { get; init; }
    public bool Flattened { get; init; }
    public string? TimestampFormat { get; init; }
    public string? XmlNamespace { get; init; }
    public bool IdempotencyToken { get; init; }
    public bool HostLabel { get; init; }
    public bool JsonValue { get; init; }
}

namespace Fleetbook.Configuration;

internal enum FieldType
{
    String,
    Integer,
    Number,
    Boolean,
    StringList,
    StringMap,
    Enum,
    Object,
}

/// <summary>One key of fleetbook.json: its JSON type, limits, documentation and how it maps onto <see cref="RunConfig"/>.</summary>
internal sealed record ConfigField(
    string Name,
    FieldType Type,
    string Description,
    Func<RunConfig, object?> Get,
    Func<RunConfig, object?, RunConfig> Set,
    string? DsKey = null,
    double? Minimum = null,
    double? Maximum = null,
    IReadOnlyList<string>? Allowed = null,
    IReadOnlyList<ConfigField>? Children = null,
    bool Required = false);

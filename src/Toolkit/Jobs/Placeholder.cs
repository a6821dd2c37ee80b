namespace Fleetbook.Jobs;

/// <summary>A <c>{name}</c> in a command or prefix template.</summary>
public sealed record Placeholder(string Name, int Offset)
{
    public const string JobId = "job_id";
    public const string InputDir = "input_dir";
    public const string OutputDir = "output_dir";
    public const string GroupPrefix = "group.";
    public const string MetadataPrefix = "metadata.";

    /// <summary>Placeholders filled by the worker rather than read from the message.</summary>
    public bool IsBuiltIn => Name is JobId or InputDir or OutputDir;
}

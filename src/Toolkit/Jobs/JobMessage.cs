using System.Security.Cryptography;
using System.Text;
using Fleetbook.Inputs;

namespace Fleetbook.Jobs;

/// <summary>One job's message body as a worker receives it, with its job id and the values its placeholders stand for.</summary>
public sealed class JobMessage
{
    private const string GroupKey = "group";
    private const string MetadataKey = "Metadata";
    private const string OutputStructureKey = "output_structure";
    private static readonly List<KeyValuePair<string, string>> NoMetadata = []; // never changed: shared by every message without Metadata

    private readonly SourceNode _root;
    private readonly SourceNode? _group;
    private readonly SourceNode? _metadata;

    private readonly List<KeyValuePair<string, string>> _metadataEntries;

    private JobMessage(string body, SourceNode root)
    {
        Body = body;
        _root = root;
        _group = root[GroupKey] is { Kind: SourceKind.Object } group ? group : null;
        _metadata = root[MetadataKey] is { Kind: SourceKind.String or SourceKind.Object } metadata ? metadata : null;
        _metadataEntries = _metadata is null ? NoMetadata : MetadataEntries(_metadata);
        JobId = ComputeJobId();
    }

    public string Body { get; }

    /// <summary>
    /// The job's name for logs and output folders: DS/DCP's <c>metadataID</c>. For a Distributed-Something group, its
    /// values joined with '-' in the order of its sorted keys (DS's <c>groupkeys.sort()</c>); for a
    /// Distributed-CellProfiler Metadata, its output_structure filled in, or its values joined in their own order.
    /// </summary>
    public string JobId { get; }

    /// <summary>Parses a message body (a JSON object).</summary>
    public static JobMessage Parse(string body)
    {
        const string source = "job message";
        var root = JobFile.ParseJson(() => SourceJson.Parse(body, source), source);
        if (root.Kind != SourceKind.Object)
        {
            throw new InputException(root.Problem(source, $"a job message must be a JSON object, but this one is {root.Describe()}.", "send messages made by Fleetbook, Distributed-Something or Distributed-CellProfiler from a job file."));
        }

        return new JobMessage(body, root);
    }

    /// <summary>The message of <paramref name="body"/>, whose JSON <paramref name="root"/> was read already.</summary>
    internal static JobMessage Of(string body, SourceNode root) => new(body, root);

    /// <summary>
    /// The text for a placeholder: <c>group.X</c>, <c>metadata.X</c>, <c>job_id</c>, or a top-level key
    /// (scalars as Python's <c>str()</c>, lists and objects as JSON); null when the message has no such value.
    /// <c>input_dir</c> and <c>output_dir</c> are the worker's to fill, so they are null here.
    /// </summary>
    public string? Resolve(string placeholderName)
    {
        if (placeholderName == Placeholder.JobId)
        {
            return JobId;
        }

        if (placeholderName is Placeholder.InputDir or Placeholder.OutputDir)
        {
            return null;
        }

        if (placeholderName.StartsWith(Placeholder.GroupPrefix, StringComparison.Ordinal))
        {
            return _group?[placeholderName[Placeholder.GroupPrefix.Length..]] is { } value ? PythonJson.Str(value) : null;
        }

        if (placeholderName.StartsWith(Placeholder.MetadataPrefix, StringComparison.Ordinal))
        {
            var key = placeholderName[Placeholder.MetadataPrefix.Length..];
            string? found = null;
            foreach (var entry in _metadataEntries)
            {
                if (entry.Key == key)
                {
                    found = entry.Value;
                }
            }

            return found;
        }

        return _root[placeholderName] switch
        {
            null => null,
            { Kind: SourceKind.Object or SourceKind.Array } nested => PythonJson.Dumps(nested),
            var scalar => PythonJson.Str(scalar),
        };
    }

    /// <summary>The placeholders in <paramref name="templates"/> this message has no value for, each once, built-ins aside.</summary>
    public IReadOnlyList<string> MissingPlaceholders(IEnumerable<Template> templates)
    {
        var missing = new List<string>();
        foreach (var placeholder in templates.SelectMany(template => template.Placeholders))
        {
            if (!placeholder.IsBuiltIn && !missing.Contains(placeholder.Name) && Resolve(placeholder.Name) is null)
            {
                missing.Add(placeholder.Name);
            }
        }

        return missing;
    }

    /// <summary>Every placeholder name this message can fill, for "the job has …" hints.</summary>
    internal IReadOnlyList<string> AvailableNames()
    {
        var names = new List<string>();
        foreach (var property in PythonDict.Entries(_root))
        {
            if (property.Value.Kind is not (SourceKind.Object or SourceKind.Array))
            {
                names.Add(property.Name);
            }
        }

        if (_group is not null)
        {
            names.AddRange(PythonDict.Entries(_group).Select(property => Placeholder.GroupPrefix + property.Name));
        }

        names.AddRange(_metadataEntries.Select(entry => Placeholder.MetadataPrefix + entry.Key).Distinct());
        names.Add(Placeholder.JobId);
        return names;
    }

    private static List<KeyValuePair<string, string>> MetadataEntries(SourceNode metadata) =>
        metadata.Kind == SourceKind.String
            ? JobMetadata.ParseString(metadata.Text!)
            : [.. PythonDict.Entries(metadata).Select(property => new KeyValuePair<string, string>(property.Name, PythonJson.Str(property.Value)))];

    private string ComputeJobId()
    {
        string id;
        if (_group is not null)
        {
            // Distributed-Something's worker names a job from its group with groupkeys.sort(): the values in the order of the sorted keys.
            var entries = PythonDict.Entries(_group).ToArray();
            var names = Array.ConvertAll(entries, property => property.Name);
            Array.Sort(names, entries, PythonStringOrder.Instance);
            id = string.Join('-', Array.ConvertAll(entries, property => PythonJson.Str(property.Value)));
        }
        else if (_metadata is not null)
        {
            id = _root[OutputStructureKey] is { Kind: SourceKind.String, Text.Length: > 0 } structure
                ? JobMetadata.Substitute(structure.Text!, _metadataEntries)
                : string.Join('-', _metadataEntries.Select(entry => entry.Value));
        }
        else
        {
            id = "";
        }

        // No usable name: a stable one from the body, so retries of the same job share logs and outputs.
        return id.Length > 0 ? id : "job-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Body)))[..12];
    }
}

using System.Text;
using Fleetbook.Inputs;

namespace Fleetbook.Jobs;

/// <summary>DS and DCP JSON job files: checked, then turned into the bodies their <c>run.py submitJob</c> sends.</summary>
internal static class JsonJobs
{
    private const string GroupsKey = "groups";
    private const string GroupKey = "group";
    private const string MetadataKey = "Metadata";
    private const string OutputStructureKey = "output_structure";
    private const string CommentMarker = "_comment";

    private static readonly (string Key, string Example)[] DcpKeys =
    [
        ("pipeline", "projects/analysis.cppipe"),
        ("data_file", "projects/list_of_images.csv"),
        ("input", "projects/input/"),
        ("output", "projects/output/"),
    ];

    // The order of DCP's templateMessage, which json.dumps keeps.
    private static readonly string[] DcpMessageOrder = ["pipeline", "output", "input", "data_file"];

    public static JobFileContents Parse(SourceNode root, string fileName, JobFileFormat format)
    {
        CheckRoot(root, fileName);
        var groups = root[GroupsKey];
        var items = groups is { Kind: SourceKind.Array } ? groups.Items : [];
        var scan = new GroupScan(fileName);
        foreach (var group in items)
        {
            scan.Add(group);
        }

        var layout = Lay(root, groups, items.Count, scan, fileName, format);
        return new JobFileContents(fileName, layout.Format, items.Where(group => group.Kind == SourceKind.Object).Select(layout.Job).ToList());
    }

    public static void CheckRoot(SourceNode root, string fileName)
    {
        if (root.Kind != SourceKind.Object)
        {
            throw new InputException(root.Problem(fileName, $"a job file must be a JSON object with a \"groups\" list, but this file holds {root.Describe()}.", "write {\"groups\": [{…}, {…}]}: each group becomes one job, and keys shared by all jobs go next to \"groups\"."));
        }
    }

    /// <summary>
    /// Checks the file as a whole (its "groups" list, whose <paramref name="count"/> items <paramref name="scan"/> has seen;
    /// a DCP file's keys) and works out how each group becomes a message; throws every problem found.
    /// </summary>
    public static JsonJobsLayout Lay(SourceNode root, SourceNode? groups, int count, GroupScan scan, string fileName, JobFileFormat format)
    {
        const string eachGroup = "each group becomes one job";
        var problems = new List<InputProblem>();
        var listed = false;
        if (groups is null)
        {
            var near = NearestName.Suggest(GroupsKey, root.Properties.Select(property => property.Name));
            var rename = near is null ? "" : $" (or rename \"{near}\" to \"groups\")";
            problems.Add(new InputProblem(fileName, root.Line, root.Column, null, "there is no \"groups\" list, so there are no jobs.", $"add \"groups\": [{{…}}, {{…}}] with one object per job{rename}; {eachGroup}."));
        }
        else if (groups.Kind != SourceKind.Array)
        {
            problems.Add(groups.Problem(fileName, $"\"groups\" must be a list of objects, but it is {groups.Describe()}.", $"write \"groups\": [{{…}}, {{…}}]; {eachGroup}."));
        }
        else if (count == 0)
        {
            problems.Add(groups.Problem(fileName, "the \"groups\" list is empty, so there are no jobs.", $"add at least one object to \"groups\"; {eachGroup}."));
        }
        else
        {
            listed = true;
            scan.NotObjects.AddTo(problems, fileName, "groups");
            scan.RepeatedKeys.AddTo(problems, fileName, "groups");
        }

        if (format == JobFileFormat.Auto)
        {
            format = DcpKeys.All(key => root[key.Key] is not null) && (!listed || scan.AllHaveMetadata) ? JobFileFormat.DistributedCellProfiler : JobFileFormat.DistributedSomething;
        }

        if (format == JobFileFormat.DistributedCellProfiler)
        {
            CheckDcp(root, listed ? scan.Metadata : new CappedProblems(), fileName, problems);
        }

        if (problems.Count > 0)
        {
            throw new InputException(problems);
        }

        return format == JobFileFormat.DistributedCellProfiler ? DcpLayout(root) : DsLayout(root);
    }

    /// <summary>
    /// The layout <see cref="Lay"/> would give if <paramref name="root"/>'s keys so far were all the file's and every group had
    /// a Metadata; null when it would refuse them. Groups can be made into jobs with it as they are read, before the file is
    /// known whole, on the bet that <see cref="Lay"/> agrees at the end (<see cref="JsonJobsLayout.WritesAs"/>).
    /// </summary>
    public static JsonJobsLayout? Guess(SourceNode root, JobFileFormat format)
    {
        if (format == JobFileFormat.Auto)
        {
            format = DcpKeys.All(key => root[key.Key] is not null) ? JobFileFormat.DistributedCellProfiler : JobFileFormat.DistributedSomething;
        }

        if (format == JobFileFormat.DistributedSomething)
        {
            return DsLayout(root);
        }

        return DcpKeys.All(key => root[key.Key] is { Kind: SourceKind.String }) && root[OutputStructureKey] is null or { Kind: SourceKind.String }
            ? DcpLayout(root)
            : null;
    }

    /// <summary>What is found group by group before the file is known whole: kept short, however many groups there are.</summary>
    internal sealed class GroupScan(string fileName)
    {
        public CappedProblems NotObjects { get; } = new();
        public CappedProblems RepeatedKeys { get; } = new();

        /// <summary>Problems of the groups' Metadata, which count only if the file turns out to be a DCP one.</summary>
        public CappedProblems Metadata { get; } = new();

        public bool AllHaveMetadata { get; private set; } = true;

        public void Add(SourceNode group)
        {
            if (group.Kind != SourceKind.Object)
            {
                NotObjects.Add(group.Problem(fileName, $"each group must be an object of one job's values, but this is {group.Describe()}.", "write it as {\"key\": \"value\", …}; each group becomes one job."));
                return;
            }

            if (PythonDict.HasDuplicates(group.Properties) || group[MetadataKey] is { Kind: SourceKind.Object } metadataObject && PythonDict.HasDuplicates(metadataObject.Properties))
            {
                foreach (var problem in JsonJobs.RepeatedKeys(group, fileName))
                {
                    RepeatedKeys.Add(problem);
                }
            }

            if (group[MetadataKey] is not { } metadata)
            {
                AllHaveMetadata = false;
            }
            else if (CheckMetadata(metadata, fileName) is { } problem)
            {
                Metadata.Add(problem);
            }
        }
    }

    /// <summary>
    /// A key written twice in one group (or in its Metadata object): Python's json.load would silently keep the last
    /// value, so which one the job runs with is a guess. Top-level repeats stay allowed (DCP's example repeats "_comment2").
    /// </summary>
    private static IEnumerable<InputProblem> RepeatedKeys(SourceNode group, string fileName)
    {
        foreach (var node in new[] { group, group[MetadataKey] is { Kind: SourceKind.Object } metadata ? metadata : null }.OfType<SourceNode>())
        {
            var seen = new Dictionary<string, SourceProperty>(StringComparer.Ordinal);
            foreach (var property in node.Properties)
            {
                if (!seen.TryAdd(property.Name, property))
                {
                    var first = seen[property.Name];
                    yield return new InputProblem(fileName, property.Line, property.Column, $"{node.Path}.{property.Name}",
                        $"the key \"{property.Name}\" appears twice in this job (first on line {first.Line}, column {first.Column}); only one value can be the job's.",
                        $"keep one \"{property.Name}\" and remove the other, or rename one of them.");
                }
            }
        }
    }

    private static void CheckDcp(SourceNode root, CappedProblems metadataProblems, string fileName, List<InputProblem> problems)
    {
        foreach (var (key, example) in DcpKeys)
        {
            var node = root[key];
            if (node is null)
            {
                problems.Add(new InputProblem(fileName, root.Line, root.Column, key, $"a Distributed-CellProfiler job file needs \"{key}\", and this one has none.", $"add \"{key}\": \"{example}\" next to \"groups\" (paths are relative to the bucket)."));
            }
            else if (node.Kind != SourceKind.String)
            {
                problems.Add(node.Problem(fileName, $"\"{key}\" must be a path in the bucket, but it is {node.Describe()}.", $"write it as a string, such as \"{example}\"."));
            }
        }

        if (root[OutputStructureKey] is { Kind: not SourceKind.String } structure)
        {
            problems.Add(structure.Problem(fileName, $"\"output_structure\" must be a string, but it is {structure.Describe()}.", "write it as a string of Metadata keys, such as \"Metadata_Plate/Metadata_Well-Metadata_Site\"."));
        }

        metadataProblems.AddTo(problems, fileName, "groups");
    }

    private static InputProblem? CheckMetadata(SourceNode metadata, string fileName)
    {
        const string shape = "\"Metadata_Plate=Plate1,Metadata_Well=A01\"";
        if (metadata.Kind == SourceKind.Object)
        {
            return null;
        }

        if (metadata.Kind != SourceKind.String)
        {
            return metadata.Problem(fileName, $"\"Metadata\" must be a \"key=value,key=value\" string or an object, but it is {metadata.Describe()}.", $"write it as {shape}, or as an object from cellprofiler --print-groups.");
        }

        var text = metadata.Text!;
        if (text.Length == 0)
        {
            return metadata.Problem(fileName, "the Metadata string is empty, so CellProfiler would get no group to run.", $"write the group's metadata, such as {shape}.");
        }

        var entries = text.Split(',');
        var trimmed = string.Join(',', entries.Select(entry => string.Join('=', entry.Split('=').Select(part => part.Trim()))));
        if (trimmed != text)
        {
            var afterComma = entries.Skip(1).Any(entry => entry.Length > 0 && char.IsWhiteSpace(entry[0]));
            var message = afterComma
                ? "the Metadata string has a space after a comma; CellProfiler would fail on it later with \"dictionary update sequence element #1 has length 1; 2 is required\"."
                : "the Metadata string has spaces around a key or a value, which then do not match CellProfiler's metadata.";
            return metadata.Problem(fileName, message, $"remove the spaces: \"{trimmed}\".");
        }

        for (var i = 0; i < entries.Length; i++)
        {
            var entry = entries[i];
            var equalsSigns = entry.Count(c => c == '=');
            if (entry.Length == 0)
            {
                return metadata.Problem(fileName, $"entry {i + 1} of the Metadata string is empty (a doubled or trailing comma).", $"separate key=value entries with single commas, such as {shape}.");
            }

            if (equalsSigns == 0)
            {
                return metadata.Problem(fileName, $"the Metadata entry \"{entry}\" has no '='.", $"write each entry as key=value, such as {shape}.");
            }

            if (equalsSigns > 1)
            {
                return metadata.Problem(fileName, $"the Metadata entry \"{entry}\" has more than one '='; CellProfiler splits each entry at '=' and needs exactly a key and a value.", $"keep one '=' per entry, such as {shape}.");
            }
        }

        var keys = entries.Select(entry => entry[..entry.IndexOf('=')]).ToList();
        if (keys.Where((key, index) => keys.IndexOf(key) != index).FirstOrDefault() is { } repeated)
        {
            return metadata.Problem(fileName, $"the Metadata key \"{repeated}\" appears twice in this job's Metadata string; only one value can be the job's.", $"keep one {repeated}=… entry and remove the other.");
        }

        return null;
    }

    /// <summary>DS: the shared keys (comments and "groups" left out) with <c>"group": g</c> last, or where a top-level "group" was.</summary>
    private static JsonJobsLayout DsLayout(SourceNode root)
    {
        var before = new StringBuilder("{");
        var after = new StringBuilder();
        var target = before;
        var message = new List<SourceProperty>();
        var groupSlot = -1;
        foreach (var property in PythonDict.Entries(root))
        {
            if (property.Name == GroupsKey || property.Name.Contains(CommentMarker, StringComparison.Ordinal))
            {
                continue;
            }

            target.Append(message.Count == 0 ? "" : ", ");
            PythonJson.WriteString(target, property.Name);
            target.Append(": ");
            if (property.Name == GroupKey)
            {
                groupSlot = message.Count;
                target = after;
            }
            else
            {
                PythonJson.Write(target, property.Value);
            }

            message.Add(property);
        }

        if (groupSlot < 0)
        {
            before.Append(message.Count == 0 ? "\"group\": " : ", \"group\": ");
            groupSlot = message.Count;
            message.Add(new SourceProperty(GroupKey, root, root.Line, root.Column));
        }

        after.Append('}');
        return new JsonJobsLayout(JobFileFormat.DistributedSomething, before.ToString(), after.ToString(), MetadataOnly: false, [.. message], groupSlot);
    }

    /// <summary>DCP: a fixed key order, Metadata taken from the group (or the whole group, --print-groups style).</summary>
    private static JsonJobsLayout DcpLayout(SourceNode root)
    {
        var after = new StringBuilder();
        foreach (var key in DcpMessageOrder)
        {
            after.Append(", ");
            PythonJson.WriteString(after, key);
            after.Append(": ");
            PythonJson.Write(after, root[key]!);
        }

        after.Append(", \"output_structure\": ");
        var structure = root[OutputStructureKey] ?? new SourceNode(SourceKind.String, OutputStructureKey, root.Line, root.Column) { Text = "" };
        PythonJson.Write(after, structure);
        after.Append('}');
        SourceProperty[] message =
        [
            new(MetadataKey, root, root.Line, root.Column),
            .. DcpMessageOrder.Select(key => new SourceProperty(key, root[key]!, root.Line, root.Column)),
            new(OutputStructureKey, structure, root.Line, root.Column),
        ];
        return new JsonJobsLayout(JobFileFormat.DistributedCellProfiler, "{\"Metadata\": ", after.ToString(), MetadataOnly: true, message, GroupSlot: 0);
    }
}

/// <summary>
/// How each group of a JSON job file becomes its message: the text before and after the group (or its Metadata), and the
/// message's keys as read from the file, the group's (or its Metadata's) at <paramref name="GroupSlot"/>.
/// </summary>
internal sealed record JsonJobsLayout(JobFileFormat Format, string Before, string After, bool MetadataOnly, SourceProperty[] MessageKeys, int GroupSlot)
{
    private const int LargestKeptBuilder = 64 * 1024;

    [ThreadStatic]
    private static StringBuilder? t_body; // one per thread making jobs, so that a job's body is its only text

    public Job Job(SourceNode group)
    {
        var body = t_body ?? new StringBuilder(256);
        body.Clear().Append(Before);
        PythonJson.Write(body, MessageGroup(group));
        body.Append(After);
        t_body = body.Capacity <= LargestKeptBuilder ? body : null;
        return new Job(body.ToString(), group.Path, group.Line, group.Column);
    }

    /// <summary>
    /// The message of <paramref name="job"/>, made from <paramref name="group"/> (its group in the file) without reading its
    /// body: the same, value for value, as <see cref="JobMessage.Parse"/> of the body, which writes what was read.
    /// </summary>
    public JobMessage Message(SourceNode group, Job job)
    {
        // A number beyond a double's range is written as Python writes it, Infinity, which is not JSON: such a body is read
        // as a worker would read it, so that it fails here as it would there.
        if (job.Body.Contains("Infinity", StringComparison.Ordinal) || job.Body.Contains("NaN", StringComparison.Ordinal))
        {
            return JobMessage.Parse(job.Body);
        }

        var keys = (SourceProperty[])MessageKeys.Clone();
        keys[GroupSlot] = keys[GroupSlot] with { Value = MessageGroup(group) };
        return JobMessage.Of(job.Body, new SourceNode(SourceKind.Object, "", 1, 1) { Properties = keys });
    }

    /// <summary>Whether <paramref name="other"/> writes the same messages from the same groups.</summary>
    public bool WritesAs(JsonJobsLayout other) =>
        Format == other.Format && Before == other.Before && After == other.After && MetadataOnly == other.MetadataOnly;

    private SourceNode MessageGroup(SourceNode group) => MetadataOnly ? group["Metadata"] ?? group : group;
}

/// <summary>The first <see cref="Problems.MaxListed"/> problems of one kind and how many there were, however many.</summary>
internal sealed class CappedProblems
{
    private readonly List<InputProblem> _first = [];

    public int Count { get; private set; }

    public void Add(InputProblem problem)
    {
        if (++Count <= Problems.MaxListed)
        {
            _first.Add(problem);
        }
    }

    /// <summary>Adds them as <see cref="Problems.AddCapped"/> does.</summary>
    public void AddTo(List<InputProblem> problems, string fileName, string what)
    {
        problems.AddRange(_first);
        if (Count > Problems.MaxListed)
        {
            problems.Add(new InputProblem(fileName, null, null, null, $"{Count - Problems.MaxListed} more {what} have problems like those above.", "fix the ones above, then read the file again."));
        }
    }
}

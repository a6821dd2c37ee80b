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
        if (root.Kind != SourceKind.Object)
        {
            throw new InputException(root.Problem(fileName, $"a job file must be a JSON object with a \"groups\" list, but this file holds {root.Describe()}.", "write {\"groups\": [{…}, {…}]}: each group becomes one job, and keys shared by all jobs go next to \"groups\"."));
        }

        var problems = new List<InputProblem>();
        var groups = Groups(root, fileName, problems);
        if (format == JobFileFormat.Auto)
        {
            format = LooksLikeDcp(root, groups) ? JobFileFormat.DistributedCellProfiler : JobFileFormat.DistributedSomething;
        }

        if (format == JobFileFormat.DistributedCellProfiler)
        {
            CheckDcp(root, groups, fileName, problems);
        }

        if (problems.Count > 0)
        {
            throw new InputException(problems);
        }

        var jobs = format == JobFileFormat.DistributedCellProfiler ? DcpJobs(root, groups) : DsJobs(root, groups);
        return new JobFileContents(fileName, format, jobs);
    }

    private static List<SourceNode> Groups(SourceNode root, string fileName, List<InputProblem> problems)
    {
        const string eachGroup = "each group becomes one job";
        var groups = root[GroupsKey];
        if (groups is null)
        {
            var near = NearestName.Suggest(GroupsKey, root.Properties.Select(property => property.Name));
            var rename = near is null ? "" : $" (or rename \"{near}\" to \"groups\")";
            problems.Add(new InputProblem(fileName, root.Line, root.Column, null, "there is no \"groups\" list, so there are no jobs.", $"add \"groups\": [{{…}}, {{…}}] with one object per job{rename}; {eachGroup}."));
            return [];
        }

        if (groups.Kind != SourceKind.Array)
        {
            problems.Add(groups.Problem(fileName, $"\"groups\" must be a list of objects, but it is {groups.Describe()}.", $"write \"groups\": [{{…}}, {{…}}]; {eachGroup}."));
            return [];
        }

        if (groups.Items.Count == 0)
        {
            problems.Add(groups.Problem(fileName, "the \"groups\" list is empty, so there are no jobs.", $"add at least one object to \"groups\"; {eachGroup}."));
            return [];
        }

        var notObjects = groups.Items
            .Where(group => group.Kind != SourceKind.Object)
            .Select(group => group.Problem(fileName, $"each group must be an object of one job's values, but this is {group.Describe()}.", $"write it as {{\"key\": \"value\", …}}; {eachGroup}."));
        Problems.AddCapped(problems, notObjects, fileName, "groups");
        var objects = groups.Items.Where(group => group.Kind == SourceKind.Object).ToList();
        Problems.AddCapped(problems, objects.SelectMany(group => RepeatedKeys(group, fileName)), fileName, "groups");
        return objects;
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

    private static bool LooksLikeDcp(SourceNode root, List<SourceNode> groups) =>
        DcpKeys.All(key => root[key.Key] is not null) && groups.All(group => group[MetadataKey] is not null);

    private static void CheckDcp(SourceNode root, List<SourceNode> groups, string fileName, List<InputProblem> problems)
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

        var metadataProblems = groups.Select(group => group[MetadataKey]).OfType<SourceNode>().Select(metadata => CheckMetadata(metadata, fileName)).OfType<InputProblem>();
        Problems.AddCapped(problems, metadataProblems, fileName, "groups");
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
    private static List<Job> DsJobs(SourceNode root, List<SourceNode> groups)
    {
        var before = new StringBuilder("{");
        var after = new StringBuilder();
        var target = before;
        var first = true;
        var groupPlaced = false;
        foreach (var property in PythonDict.Entries(root))
        {
            if (property.Name == GroupsKey || property.Name.Contains(CommentMarker, StringComparison.Ordinal))
            {
                continue;
            }

            target.Append(first ? "" : ", ");
            first = false;
            PythonJson.WriteString(target, property.Name);
            target.Append(": ");
            if (property.Name == GroupKey)
            {
                groupPlaced = true;
                target = after;
            }
            else
            {
                PythonJson.Write(target, property.Value);
            }
        }

        if (!groupPlaced)
        {
            before.Append(first ? "\"group\": " : ", \"group\": ");
        }

        after.Append('}');
        return Wrap(groups, before.ToString(), group => group, after.ToString());
    }

    /// <summary>DCP: a fixed key order, Metadata taken from the group (or the whole group, --print-groups style).</summary>
    private static List<Job> DcpJobs(SourceNode root, List<SourceNode> groups)
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
        if (root[OutputStructureKey] is { } structure)
        {
            PythonJson.Write(after, structure);
        }
        else
        {
            after.Append("\"\"");
        }

        after.Append('}');
        return Wrap(groups, "{\"Metadata\": ", group => group[MetadataKey] ?? group, after.ToString());
    }

    private static List<Job> Wrap(List<SourceNode> groups, string before, Func<SourceNode, SourceNode> value, string after)
    {
        var jobs = new List<Job>(groups.Count);
        var body = new StringBuilder();
        foreach (var group in groups)
        {
            body.Clear().Append(before);
            PythonJson.Write(body, value(group));
            body.Append(after);
            jobs.Add(new Job(body.ToString(), group.Path, group.Line, group.Column));
        }

        return jobs;
    }
}

using Fleetbook.Inputs;

namespace Fleetbook.Configuration.DsImport;

/// <summary>
/// Runs <see cref="ConfigRules"/> on an imported config, so it gets the same checks as a loaded fleetbook.json,
/// and points each problem at the config.py assignment its value came from.
/// </summary>
internal static class DsRuleCheck
{
    /// <summary>Rules about keys config.py cannot hold; the importer turns these into notes instead.</summary>
    private static readonly HashSet<string> NotFromConfigPy = ["command", "downloadFiles", "inputs", "outputs", "environment"];

    /// <param name="config">The imported config.</param>
    /// <param name="fileName">config.py as the user named it.</param>
    /// <param name="sources">The assignment each field's value came from, by field name.</param>
    /// <param name="skip">Fields that already have a problem, so a rule about them would only repeat it.</param>
    public static IEnumerable<InputProblem> Check(RunConfig config, string fileName, IReadOnlyDictionary<ConfigField, PyBinding> sources, IReadOnlySet<ConfigField> skip)
    {
        var root = SourceTree(sources);
        var appName = sources.FirstOrDefault(s => s.Key.DsKey == DsKeys.AppName).Value;
        foreach (var problem in ConfigRules.Check(config, fileName, root))
        {
            var path = problem.Where ?? "";
            var name = path.Split('[', '.')[^1];
            if (NotFromConfigPy.Contains(path.Split('[')[0]))
            {
                continue;
            }

            var field = DsKeys.Fields.Values.FirstOrDefault(f => f.Name == name);
            if (field is not null && skip.Contains(field))
            {
                continue;
            }

            // A derived name (queue, dead-letter queue, log group) left empty comes from APP_NAME: point there.
            var source = field is not null && sources.TryGetValue(field, out var own) ? own : appName;
            yield return problem with
            {
                Where = source?.Name ?? field?.DsKey ?? path,
                Line = problem.Line ?? source?.ValueLine ?? 1,
                Column = problem.Column ?? source?.ValueColumn ?? 1,
            };
        }
    }

    /// <summary>A stand-in for the fleetbook.json tree whose nodes sit where config.py assigns each value.</summary>
    private static SourceNode SourceTree(IReadOnlyDictionary<ConfigField, PyBinding> sources)
    {
        var root = new SourceNode(SourceKind.Object, "", 1, 1);
        var checkIfDone = new SourceNode(SourceKind.Object, "checkIfDone", 1, 1);
        var top = new List<SourceProperty>();
        var nested = new List<SourceProperty>();
        foreach (var (field, binding) in sources)
        {
            var path = DsKeys.PathOf(field);
            var node = new SourceNode(SourceKind.String, path, binding.ValueLine, binding.ValueColumn) { Text = binding.Value.Str() };
            (path.Contains('.') ? nested : top).Add(new SourceProperty(field.Name, node, binding.Line, binding.Column));
        }

        checkIfDone.Properties = nested;
        top.Add(new SourceProperty("checkIfDone", checkIfDone, 1, 1));
        root.Properties = top;
        return root;
    }
}

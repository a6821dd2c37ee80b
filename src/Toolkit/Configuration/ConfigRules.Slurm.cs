using System.Text.RegularExpressions;
using Fleetbook.Backends.Slurm;
using Fleetbook.Inputs;

namespace Fleetbook.Configuration;

internal static partial class ConfigRules
{
    /// <summary>sbatch options Fleetbook sets itself, with the key that stands for each; a run that overrode them would lose its workers.</summary>
    private static readonly (string Long, string? Short, string Instead)[] OwnSbatchOptions =
    [
        ("--array", "-a", "machines × tasksPerMachine decide how many workers there are"),
        ("--job-name", "-J", "the workers are named after appName, which is how status and cleanup find them"),
        ("--comment", null, "the comment marks the workers as this run's, which is how cleanup finds them"),
        ("--output", "-o", "worker output goes to the run's logs/workers folder"),
        ("--error", "-e", "worker output goes to the run's logs/workers folder"),
        ("--export", null, "the workers get the config's environment"),
        ("--parsable", null, "Fleetbook reads sbatch's answer itself"),
        ("--wrap", null, "the worker is the batch script"),
        ("--chdir", "-D", "the workers start in the project folder"),
        ("--cpus-per-task", "-c", "set dockerCores"),
        ("--mem", null, "set memory (MB)"),
        ("--time", "-t", "set slurm.timeLimit"),
        ("--partition", "-p", "set slurm.partition"),
        ("--account", "-A", "set slurm.account"),
        ("--qos", "-q", "set slurm.qos"),
    ];

    /// <summary>The Slurm keys: a time limit Slurm reads, names sbatch takes, extra options that leave Fleetbook's own alone.</summary>
    public static IEnumerable<InputProblem> SlurmProblems(RunConfig config, string fileName, SourceNode? root)
    {
        InputProblem At(string key, string message, string fix, SourceNode? node = null)
        {
            node ??= root is null ? null : Find(root, key) ?? root;
            return new InputProblem(fileName, node?.Line, node?.Column, key, message, fix);
        }

        var slurm = config.Slurm;
        if (slurm.TimeLimit.Length > 0 && !SlurmTime.TryParse(slurm.TimeLimit, out _))
        {
            yield return At("slurm.timeLimit", $"'{slurm.TimeLimit}' is not a Slurm time limit.",
                "write it as sbatch --time takes it: \"90\" (minutes), \"2:00:00\" (hours:minutes:seconds) or \"1-12:00:00\" (days-hours:minutes:seconds).");
        }

        foreach (var (key, value) in new[] { ("slurm.partition", slurm.Partition), ("slurm.account", slurm.Account), ("slurm.qos", slurm.Qos) })
        {
            if (value.Length > 0 && !SlurmNamePattern().IsMatch(value))
            {
                yield return At(key, $"'{value}' is not a name sbatch takes.", "use letters, digits, '_', '-' and '.' (a list of partitions is separated by commas, without spaces).");
            }
        }

        if (slurm.WorkDir.Length > 0 && !WorkDirPattern().IsMatch(slurm.WorkDir))
        {
            yield return At("slurm.workDir", $"'{slurm.WorkDir}' is not a folder the worker script can name safely.",
                "write an absolute path of letters, digits, '/', '.', '_' and '-', optionally with $VARIABLES or ${VARIABLES} such as \"/scratch/$USER\".");
        }

        var arguments = slurm.SbatchArguments;
        var items = root is null ? null : Find(root, "slurm.sbatchArgs")?.Items;
        for (var i = 0; i < arguments.Count; i++)
        {
            var argument = arguments[i];
            var where = $"slurm.sbatchArgs[{i}]";
            var item = items?.ElementAtOrDefault(i);
            var previousIsOption = i > 0 && arguments[i - 1].StartsWith('-') && !arguments[i - 1].Contains('=');
            if (!argument.StartsWith('-') && !previousIsOption)
            {
                yield return At(where, $"'{argument}' is not an sbatch option.", "give options only, such as \"--gres=gpu:1\"; the worker is the batch script.", item);
                continue;
            }

            foreach (var (longName, shortName, instead) in OwnSbatchOptions)
            {
                var name = argument.Split('=')[0];
                if (name == longName || (shortName is not null && (name == shortName || (argument.StartsWith(shortName, StringComparison.Ordinal) && argument.Length > 2 && !argument.StartsWith("--", StringComparison.Ordinal)))))
                {
                    yield return At(where, $"{longName} is set by Fleetbook itself.", $"remove it: {instead}.", item);
                }
            }
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_.,-]+$")]
    private static partial Regex SlurmNamePattern();

    [GeneratedRegex(@"^(/|\$\{?[A-Za-z_][A-Za-z0-9_]*\}?)[A-Za-z0-9_./${}-]*$")]
    private static partial Regex WorkDirPattern();
}

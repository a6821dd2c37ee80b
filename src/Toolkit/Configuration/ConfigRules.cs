using System.Text.RegularExpressions;
using Fleetbook.Inputs;
using Fleetbook.Jobs;

namespace Fleetbook.Configuration;

/// <summary>Checks that need more than one key, or more than a type: names AWS accepts, templates that parse.</summary>
internal static partial class ConfigRules
{
    public static IEnumerable<InputProblem> Check(RunConfig config, string fileName, SourceNode root)
    {
        InputProblem At(string key, string message, string fix)
        {
            var node = Find(root, key) ?? root;
            return new InputProblem(fileName, node.Line, node.Column, key, message, fix);
        }

        if (!NamePattern().IsMatch(config.AppName))
        {
            yield return At("appName", $"'{config.AppName}' is not a usable run name.", "use 1 to 60 letters, digits, '-' or '_', starting with a letter (it names the queue, the service and the logs).");
        }

        foreach (var (key, name) in new[] { ("queueName", config.QueueName), ("deadLetterQueue", config.DeadLetterQueue) })
        {
            if (name.Length > 0 && !QueueNamePattern().IsMatch(name))
            {
                yield return At(key, $"'{name}' is not a valid queue name.", "use 1 to 80 letters, digits, '-' or '_'.");
            }
        }

        if (config.EffectiveQueueName == config.EffectiveDeadLetterQueue)
        {
            yield return At("deadLetterQueue", "the dead-letter queue has the same name as the job queue.", "give the dead-letter queue its own name, such as \"" + config.AppName + "DeadMessages\".");
        }

        if (config.Command.Count == 0 || string.IsNullOrWhiteSpace(config.Command[0]))
        {
            yield return At("command", "the command is empty.", "name the program and its arguments, such as [\"my-program\", \"{input_dir}\"].");
        }

        for (var i = 0; i < config.Command.Count; i++)
        {
            if (Template.TryParse(config.Command[i], out var error) is null)
            {
                var node = Find(root, "command")?.Items.ElementAtOrDefault(i);
                yield return new InputProblem(fileName, node?.Line, node?.Column, $"command[{i}]", $"this argument is not a valid template: {error}.", "balance the braces: {name} for a value, {{ and }} for literal braces.");
            }
        }

        foreach (var problem in ShellCommandProblems(config, fileName, root))
        {
            yield return problem;
        }

        foreach (var problem in SlurmProblems(config, fileName, root))
        {
            yield return problem;
        }

        foreach (var (key, text) in new[] { ("outputs", config.Outputs), ("inputs", config.Inputs) })
        {
            if (Template.TryParse(text, out var error) is null)
            {
                yield return At(key, $"this prefix is not a valid template: {error}.", "balance the braces: {name} for a value.");
            }
        }

        if (config.DownloadFiles && config.Inputs.Length == 0)
        {
            yield return At("downloadFiles", "downloadFiles is on but 'inputs' names no prefix to download.", "set \"inputs\" to the bucket prefix of a job's inputs, such as \"images/{group.Plate}\", or turn downloadFiles off.");
        }

        if (config.MachineTypes.Count == 0)
        {
            yield return At("machineTypes", "no machine type is given.", "list at least one EC2 instance type, such as [\"m5.xlarge\"].");
        }

        if (!RegionPattern().IsMatch(config.Region))
        {
            var fix = AvailabilityZone().IsMatch(config.Region) ? $"use the region, \"{config.Region[..^1]}\", not an availability zone." : "use a region name such as \"us-east-1\".";
            yield return At("region", $"'{config.Region}' is not an AWS region.", fix);
        }

        if (config.Backend == BackendKind.Aws && config.Bucket.Contains('/'))
        {
            yield return At("bucket", $"'{config.Bucket}' is a folder path, not an S3 bucket name.", "name the S3 bucket (lowercase letters, digits, '.', '-').");
        }

        foreach (var name in config.Environment.Keys)
        {
            if (!EnvironmentName().IsMatch(name))
            {
                yield return At("environment", $"'{name}' is not a usable environment variable name.", "use letters, digits and '_', not starting with a digit.");
            }
        }
    }

    private static SourceNode? Find(SourceNode root, string key)
    {
        var parts = key.Split('.');
        var node = root;
        foreach (var part in parts)
        {
            node = node?[part];
        }

        return node;
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,59}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,80}$")]
    private static partial Regex QueueNamePattern();

    [GeneratedRegex("^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-[0-9]$")]
    private static partial Regex RegionPattern();

    [GeneratedRegex("^[a-z]{2}-[a-z]+-[0-9][a-z]$")]
    private static partial Regex AvailabilityZone();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex EnvironmentName();
}

using System.Globalization;
using Fleetbook.Configuration;

namespace Fleetbook.Display;

/// <summary>
/// The display model of a run config. Environment values are never shown (only their names), nor is a profile name
/// other than "default": a config shown in a shared notebook must not give away credentials or accounts.
/// </summary>
internal static class ConfigDocument
{
    public static DisplayDocument Config(RunConfig config)
    {
        var blocks = new List<DisplayBlock>
        {
            new FactList("Run",
            [
                new("app name", config.AppName),
                new("backend", ConfigSchema.BackendName(config.Backend)),
                new("command", config.Command.Count == 0 ? "(none)" : string.Join(' ', config.Command), config.Command.Count == 0 ? Tone.Bad : Tone.Neutral),
                new("through a shell", YesNo(config.Shell)),
            ]),
            new FactList("Capacity",
            [
                new("workers", $"{config.Machines} machine(s) × {config.TasksPerMachine} task(s) = {config.WorkerCount}"),
                new("copies per worker", config.DockerCores.ToString(CultureInfo.InvariantCulture)),
                new("memory", Formats.Count(config.Memory) + " MB"),
                .. config.Backend == BackendKind.Aws
                    ? new Fact[]
                    {
                        new("machine types", string.Join(", ", config.MachineTypes)),
                        new("spot price", config.MachinePrice.ToString("0.00##", CultureInfo.InvariantCulture) + " USD/h"),
                        new("disk", $"{config.EbsVolumeSize} GB"),
                    }
                    : [],
            ]),
            new FactList("Queue",
            [
                new("queue", config.EffectiveQueueName),
                new("dead letters", $"{config.EffectiveDeadLetterQueue} after {Formats.Plural(config.MaxReceives, "receive", "receives")}"),
                new("visibility", $"{config.VisibilitySeconds} s"),
                new("retry delay", $"{config.RetryDelaySeconds} s"),
                new("job timeout", config.JobTimeoutSeconds == 0 ? "none" : $"{config.JobTimeoutSeconds} s", config.JobTimeoutSeconds == 0 ? Tone.Warning : Tone.Neutral),
                new("workers exit after idle", $"{config.IdleExitSeconds} s"),
            ]),
            new FactList("Files",
            [
                new("bucket", config.Bucket),
                new("inputs", config.DownloadFiles ? config.Inputs : "not downloaded"),
                new("outputs", config.Outputs),
                new("skip jobs already done", config.CheckIfDone.Enabled
                    ? $"yes: {Formats.Plural(config.CheckIfDone.ExpectedFiles, "file", "files")} of at least {Formats.Plural(config.CheckIfDone.MinFileSizeBytes, "byte", "bytes")}"
                        + (config.CheckIfDone.NecessaryString.Length > 0 ? $" named with '{config.CheckIfDone.NecessaryString}'" : "")
                    : "no"),
                new("logs", config.EffectiveLogGroup),
                new("state", config.StateDir),
            ]),
        };

        if (config.Backend == BackendKind.Aws)
        {
            blocks.Add(new FactList("AWS",
            [
                new("region", config.Region),
                new("profile", Redaction.IsDefaultProfile(config.Profile) ? "default" : "(set; not shown)"),
                new("cluster", config.Cluster),
                new("image", config.Image.Length == 0 ? "(none)" : config.Image, config.Image.Length == 0 ? Tone.Bad : Tone.Neutral),
            ]));
        }

        if (config.Backend == BackendKind.Slurm)
        {
            var slurm = config.Slurm;
            blocks.Add(new FactList("Slurm",
            [
                new("partition", slurm.Partition.Length == 0 ? "the cluster's default" : slurm.Partition),
                new("account", slurm.Account.Length == 0 ? "your default" : slurm.Account),
                new("QOS", slurm.Qos.Length == 0 ? "the account's default" : slurm.Qos),
                new("each worker", $"{Formats.Plural(config.DockerCores, "CPU", "CPUs")}, {Formats.Count(config.Memory)} MB, time limit {(slurm.TimeLimit.Length == 0 ? "the partition's default" : slurm.TimeLimit)}"),
                new("more sbatch options", slurm.SbatchArguments.Count == 0 ? "none" : string.Join(' ', slurm.SbatchArguments)),
                new("container", slurm.Container.Length == 0 ? "none" : slurm.Container),
            ]));
        }

        var names = config.Environment.Keys.Order(StringComparer.Ordinal).ToArray();
        blocks.Add(new FactList("Environment for the program",
            [new("variables", names.Length == 0 ? "none" : string.Join(", ", names) + " (values not shown)")]));
        var sensitive = names.Where(Redaction.IsSensitiveName).ToArray();
        if (sensitive.Length > 0)
        {
            blocks.Add(new Paragraph(
                $"The environment holds {string.Join(", ", sensitive)}. Credentials in a config end up in task definitions and notebooks: " +
                "give the workers a task role (AWS) or use the standard credential chain instead, and remove them here.", Tone.Bad));
        }

        if (config.JobTimeoutSeconds == 0)
        {
            blocks.Add(new Paragraph("No per-job timeout: a job that hangs holds its worker until it is stopped (set jobTimeoutSeconds).", Tone.Warning));
        }

        return new DisplayDocument($"Run config {config.AppName}", blocks)
        {
            Badge = new Badge(config.Backend switch
            {
                BackendKind.Aws => $"aws · {config.Region}",
                BackendKind.Slurm => config.Slurm.Partition.Length == 0 ? "slurm" : $"slurm · {config.Slurm.Partition}",
                _ => "local",
            }, Tone.Neutral),
        };
    }

    private static string YesNo(bool value) => value ? "yes" : "no";
}

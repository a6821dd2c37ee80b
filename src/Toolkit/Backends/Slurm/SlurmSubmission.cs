using System.Globalization;
using System.Text;
using Fleetbook.Working;

namespace Fleetbook.Backends.Slurm;

/// <summary>
/// One sbatch call that asks for <see cref="Workers"/> workers as one job array: each array task is one worker with
/// <see cref="CpusPerWorker"/> CPUs (one per copy of the program) and <see cref="MemoryMb"/> MB. The batch script only
/// names the worker and its scratch folder and execs fleetbook-worker; the worker's settings reach it as environment
/// variables that sbatch exports by name (<c>--export=NAME,…</c>), so no file holds them.
/// </summary>
public sealed record SlurmSubmission
{
    public required SlurmRunNames Names { get; init; }

    public required int Workers { get; init; }

    public int CpusPerWorker { get; init; } = 1;

    public int MemoryMb { get; init; }

    public string Partition { get; init; } = "";

    public string Account { get; init; } = "";

    public string Qos { get; init; } = "";

    /// <summary>sbatch --time as the config gives it (already checked); empty: the partition's default.</summary>
    public string TimeLimit { get; init; } = "";

    public IReadOnlyList<string> ExtraArguments { get; init; } = [];

    /// <summary>Where the workers start (relative program paths resolve against it, as on the other backends).</summary>
    public required string ProjectDirectory { get; init; }

    /// <summary>Where Slurm writes each worker's own output: <c>slurm-&lt;array&gt;_&lt;task&gt;.log</c>.</summary>
    public required string WorkerLogFolder { get; init; }

    /// <summary>The program that is the worker (fleetbook-worker, or dotnet and its dll).</summary>
    public required IReadOnlyList<string> WorkerCommand { get; init; }

    /// <summary>Node-local scratch (may use $VARIABLES); empty: $SLURM_TMPDIR, else $TMPDIR, else /tmp.</summary>
    public string WorkDir { get; init; } = "";

    /// <summary>What the workers get, exported by name: the worker's settings and the allow-listed variables of this session.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    public SlurmSubmission WithWorkers(int workers) => this with { Workers = workers };

    public SlurmSubmission WithEnvironment(IReadOnlyDictionary<string, string> environment) => this with { Environment = environment };

    public IReadOnlyList<string> Arguments()
    {
        string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
        var arguments = new List<string>
        {
            "--parsable",
            $"--job-name={Names.JobName}",
            $"--comment={Names.Marker}",
            Workers == 1 ? "--array=0" : $"--array=0-{Number(Workers - 1)}",
            $"--cpus-per-task={Number(CpusPerWorker)}",
            "--ntasks=1",
            "--no-requeue",
            $"--output={Path.Combine(WorkerLogFolder, "slurm-%A_%a.log")}",
            $"--chdir={ProjectDirectory}",
            "--export=" + string.Join(',', Environment.Keys.Order(StringComparer.Ordinal)),
        };
        if (MemoryMb > 0)
        {
            arguments.Add($"--mem={Number(MemoryMb)}M");
        }

        foreach (var (option, value) in new[] { ("--partition", Partition), ("--account", Account), ("--qos", Qos), ("--time", TimeLimit) })
        {
            if (value.Length > 0)
            {
                arguments.Add($"{option}={value}");
            }
        }

        arguments.AddRange(ExtraArguments);
        return arguments;
    }

    /// <summary>The batch script, given to sbatch on standard input: it holds no setting and no secret, only the worker's name, its scratch folder and its program.</summary>
    public string Script()
    {
        var scratch = WorkDir.Length > 0 ? WorkDir : "${SLURM_TMPDIR:-${TMPDIR:-/tmp}}";
        var script = new StringBuilder()
            .Append("#!/bin/sh\n")
            .Append($"# A Fleetbook worker of run {Names.AppName}: one per array task. 'fleetbook start' and 'monitor' submit it.\n")
            .Append($"{WorkerEnvironment.WorkerId}=\"slurm-${{SLURM_ARRAY_JOB_ID}}_${{SLURM_ARRAY_TASK_ID}}\"\n")
            .Append($"{WorkerEnvironment.WorkDir}=\"{scratch}/fleetbook-${{SLURM_JOB_ID}}\"\n")
            .Append($"export {WorkerEnvironment.WorkerId} {WorkerEnvironment.WorkDir}\n")
            .Append("exec ").Append(string.Join(' ', WorkerCommand.Select(JobRunner.ShellQuote))).Append('\n');
        return script.ToString();
    }
}

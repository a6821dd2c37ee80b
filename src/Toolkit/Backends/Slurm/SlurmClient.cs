using System.Globalization;

namespace Fleetbook.Backends.Slurm;

/// <summary>A Slurm command that ran and failed: what was asked, and Slurm's own words. An IOException: the controller may answer at the next try.</summary>
public sealed class SlurmCommandException(SlurmCall call, SlurmOutput output)
    : IOException($"'{call.Program}' failed: {output.Problem}")
{
    public SlurmCall Call { get; } = call;

    public SlurmOutput Output { get; } = output;
}

/// <summary>
/// What Fleetbook asks of Slurm, over <see cref="ISlurmCommands"/>: submit an array of workers, list a run's jobs,
/// cancel them, and read partitions, nodes and the controller's settings. No accounting database is needed: squeue and
/// scontrol answer everything (squeue keeps ended jobs for MinJobAge, 300 s by default).
/// </summary>
public sealed class SlurmClient(ISlurmCommands commands)
{
    public ISlurmCommands Commands { get; } = commands;

    /// <summary>Runs sbatch; returns the new job's id (an array's id names all its tasks).</summary>
    public async Task<string> SubmitAsync(SlurmSubmission submission, CancellationToken cancellationToken)
    {
        var call = new SlurmCall("sbatch", submission.Arguments())
            .WithStandardInput(submission.Script())
            .WithEnvironment(submission.Environment);
        var output = await RunAsync(call, cancellationToken);
        var id = output.Output.Trim().Split(';')[0]; // --parsable: "id" or "id;cluster"
        return long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out _)
            ? id
            : throw new SlurmCommandException(call, output with { Error = $"sbatch answered '{output.Output.Trim()}' instead of a job id" });
    }

    /// <summary>The caller's jobs named <paramref name="jobName"/>, one line per array task, including ones that ended in the last MinJobAge seconds.</summary>
    public async Task<IReadOnlyList<SlurmJob>> JobsAsync(string jobName, CancellationToken cancellationToken)
    {
        var output = await RunAsync(new SlurmCall("squeue", ["--me", "--noheader", "--array", "--states=all", $"--name={jobName}", $"--format={SlurmJob.Format}"]), cancellationToken);
        return SlurmJob.ParseAll(output.Output);
    }

    /// <summary>All of the caller's jobs still in Slurm's queue (for finding runs).</summary>
    public async Task<IReadOnlyList<SlurmJob>> MyJobsAsync(CancellationToken cancellationToken)
    {
        var output = await RunAsync(new SlurmCall("squeue", ["--me", "--noheader", "--array", $"--format={SlurmJob.Format}"]), cancellationToken);
        return SlurmJob.ParseAll(output.Output);
    }

    /// <summary>Cancels jobs by id (an array's id cancels all its tasks); ids that already ended are not an error.</summary>
    public async Task CancelAsync(IReadOnlyCollection<string> jobIds, CancellationToken cancellationToken)
    {
        if (jobIds.Count == 0)
        {
            return;
        }

        var call = new SlurmCall("scancel", [.. jobIds]);
        var output = await Commands.RunAsync(call, cancellationToken);
        if (!output.Succeeded && !output.Error.Contains("Invalid job id", StringComparison.OrdinalIgnoreCase)
            && !output.Error.Contains("already completed", StringComparison.OrdinalIgnoreCase))
        {
            throw new SlurmCommandException(call, output);
        }
    }

    public async Task<IReadOnlyList<SlurmPartition>> PartitionsAsync(CancellationToken cancellationToken) =>
        [.. ScontrolRecord.ParseAll((await RunAsync(new SlurmCall("scontrol", ["--oneliner", "show", "partition"]), cancellationToken)).Output).Select(SlurmPartition.From)];

    public async Task<IReadOnlyList<SlurmNode>> NodesAsync(CancellationToken cancellationToken) =>
        [.. ScontrolRecord.ParseAll((await RunAsync(new SlurmCall("scontrol", ["--oneliner", "show", "node"]), cancellationToken)).Output).Select(SlurmNode.From)];

    /// <summary>The controller's settings (<c>scontrol show config</c>), such as MaxArraySize and KillWait.</summary>
    public async Task<IReadOnlyDictionary<string, string>> ConfigAsync(CancellationToken cancellationToken)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in (await RunAsync(new SlurmCall("scontrol", ["show", "config"]), cancellationToken)).Output.Split('\n'))
        {
            var equals = line.IndexOf('=');
            if (equals > 0)
            {
                settings[line[..equals].Trim()] = line[(equals + 1)..].Trim();
            }
        }

        return settings;
    }

    /// <summary>One job as scontrol sees it (state, reason, time limit, output files), or null when Slurm no longer knows it.</summary>
    public async Task<ScontrolRecordView?> JobAsync(string jobId, CancellationToken cancellationToken)
    {
        var output = await Commands.RunAsync(new SlurmCall("scontrol", ["--oneliner", "show", "job", jobId]), cancellationToken);
        return output.Succeeded && ScontrolRecord.ParseAll(output.Output).FirstOrDefault() is { } record ? new ScontrolRecordView(record) : null;
    }

    /// <summary>How much time the job has left (<c>squeue %L</c>): null when it has no limit or Slurm cannot say.</summary>
    public async Task<TimeSpan?> TimeLeftAsync(string jobId, CancellationToken cancellationToken)
    {
        var output = await Commands.RunAsync(new SlurmCall("squeue", ["--noheader", "--jobs", jobId, "--format=%L"]), cancellationToken);
        return output.Succeeded && SlurmTime.TryParse(output.Output.Trim(), out var left) ? left : null;
    }

    private async Task<SlurmOutput> RunAsync(SlurmCall call, CancellationToken cancellationToken)
    {
        var output = await Commands.RunAsync(call, cancellationToken);
        return output.Succeeded ? output : throw new SlurmCommandException(call, output);
    }
}

/// <summary>The fields of <c>scontrol show job</c> a worker reads about itself.</summary>
public sealed class ScontrolRecordView
{
    private readonly ScontrolRecord _record;

    internal ScontrolRecordView(ScontrolRecord record) => _record = record;

    public string State => _record["JobState"] ?? "";

    public string Reason => _record["Reason"] ?? "";

    public string StandardError => _record["StdErr"] ?? "";

    public string TimeLimit => _record["TimeLimit"] ?? "";
}

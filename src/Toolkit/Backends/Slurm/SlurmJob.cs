using System.Globalization;

namespace Fleetbook.Backends.Slurm;

/// <summary>One Slurm job (one array task: one worker) as squeue lists it.</summary>
public sealed record SlurmJob(string Id, string State, string Reason, string Node, string Name, string Comment)
{
    /// <summary>The squeue format that <see cref="Parse"/> reads; the comment comes last, since it may hold anything.</summary>
    internal const string Format = "%i|%T|%r|%N|%j|%k";

    private static readonly HashSet<string> ActiveStates =
    [
        "PENDING", "CONFIGURING", "RUNNING", "COMPLETING", "SUSPENDED", "REQUEUED", "REQUEUE_FED", "REQUEUE_HOLD",
        "RESIZING", "SIGNALING", "SPECIAL_EXIT", "STAGE_OUT", "STOPPED", "RESV_DEL_HOLD",
    ];

    /// <summary>The array's job id (the id itself for a job that is not in an array).</summary>
    public string ArrayJobId => Id.Split('_')[0];

    /// <summary>The worker id the task runs as: <c>slurm-&lt;array job&gt;_&lt;task&gt;</c>.</summary>
    public string WorkerId => "slurm-" + Id;

    public bool IsPending => State == "PENDING";

    public bool IsRunning => State is "RUNNING" or "CONFIGURING" or "COMPLETING";

    /// <summary>Still in Slurm's queue: waiting, running or ending.</summary>
    public bool IsActive => ActiveStates.Contains(State);

    internal static IReadOnlyList<SlurmJob> ParseAll(string output) =>
        [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Parse).OfType<SlurmJob>()];

    internal static SlurmJob? Parse(string line)
    {
        var parts = line.Split('|', 6);
        return parts.Length == 6 && parts[0].Length > 0
            ? new SlurmJob(parts[0], parts[1], parts[2], parts[3], parts[4], parts[5] == "(null)" ? "" : parts[5])
            : null;
    }

    /// <summary>The task number within its array, or null for a job that is not an array task (or a pending range like 12_[3-5]).</summary>
    public int? TaskId => Id.Split('_') is [_, var task] && int.TryParse(task, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;
}

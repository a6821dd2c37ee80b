using System.Text;
using System.Text.RegularExpressions;
using Fleetbook.Working;

namespace Fleetbook.Backends.Slurm.Worker;

/// <summary>
/// Tells why Slurm is stopping this worker, for the attempts it ends. Slurm signals the whole job the same way whatever
/// the cause, so the worker asks: its time limit (it knows when that falls, and scontrol says Reason=TimeLimit), then
/// the line slurmstepd writes into the job's output before it signals (<c>*** JOB 12 ON node CANCELLED AT … DUE TO
/// PREEMPTION ***</c>; without "DUE TO" it was scancel). Asked once per stop; every copy gets the same answer.
/// </summary>
public sealed partial class SlurmStopReason(SlurmClient slurm, string jobId, string jobLabel, SlurmWorkerClock clock, TimeProvider time) : IStopReason
{
    private static readonly TimeSpan LineWait = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan LimitSlack = TimeSpan.FromSeconds(5);

    private readonly Lazy<Task<string?>> _answer = new(() => Task.Run(() => FindAsync(slurm, jobId, jobLabel, clock, time)));

    public Task<string?> ExplainAsync(CancellationToken cancellationToken) => _answer.Value.WaitAsync(cancellationToken);

    /// <summary>The reason in slurmstepd's line (<c>TIME LIMIT</c>, <c>PREEMPTION</c>, …): empty for a plain cancel, null when there is no such line.</summary>
    public static string? StepdReason(string output)
    {
        var match = StepdLine().Matches(output).LastOrDefault();
        return match is null ? null : match.Groups["why"].Value.Trim();
    }

    /// <summary>Words for slurmstepd's reason (or for scontrol's state and reason when there was no line).</summary>
    public static string Explain(string jobLabel, string? stepdReason, string state = "", string reason = "")
    {
        if (stepdReason is "TIME LIMIT" || reason == "TimeLimit" || state == "TIMEOUT")
        {
            return $"Slurm ended the worker's job {jobLabel} at its time limit";
        }

        if (stepdReason?.StartsWith("PREEMPTION", StringComparison.Ordinal) == true || state == "PREEMPTED")
        {
            return $"Slurm preempted the worker's job {jobLabel} for a job of higher priority";
        }

        if (stepdReason?.StartsWith("NODE FAIL", StringComparison.Ordinal) == true || state == "NODE_FAIL")
        {
            return $"the node of the worker's job {jobLabel} failed";
        }

        if (stepdReason?.Contains("REQUEUE", StringComparison.Ordinal) == true)
        {
            return $"Slurm requeued the worker's job {jobLabel}";
        }

        if (stepdReason is { Length: 0 } || state == "CANCELLED")
        {
            return $"the worker's job {jobLabel} was cancelled (scancel, by its owner or an administrator)";
        }

        return stepdReason is not null
            ? $"Slurm stopped the worker's job {jobLabel} ({stepdReason.ToLowerInvariant()})"
            : $"Slurm stopped the worker's job {jobLabel}" + (state.Length > 0 ? $" (state {state}{(reason is "" or "None" ? "" : $", reason {reason}")})" : "");
    }

    private static async Task<string?> FindAsync(SlurmClient slurm, string jobId, string jobLabel, SlurmWorkerClock clock, TimeProvider time)
    {
        if (clock.End is { } end && time.GetUtcNow() >= end - LimitSlack)
        {
            return Explain(jobLabel, "TIME LIMIT");
        }

        ScontrolRecordView? job = null;
        try
        {
            job = await slurm.JobAsync(jobId, CancellationToken.None);
        }
        catch (Exception ex) when (ex is SlurmUnavailableException or SlurmCommandException or IOException)
        {
            // No scontrol on the node: the output file may still say.
        }

        if (job is { Reason: "TimeLimit" })
        {
            return Explain(jobLabel, "TIME LIMIT");
        }

        // slurmstepd writes its line before it signals, but the file may take a moment to show it.
        var waited = time.GetTimestamp();
        while (job?.StandardError is { Length: > 0 } output)
        {
            if (StepdReason(Tail(output)) is { } why)
            {
                return Explain(jobLabel, why);
            }

            if (time.GetElapsedTime(waited) >= LineWait)
            {
                break;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), time);
        }

        return job is null ? null : Explain(jobLabel, null, job.State, job.Reason);
    }

    private static string Tail(string path)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var length = Math.Min(file.Length, 64 * 1024);
            file.Position = file.Length - length;
            var bytes = new byte[length];
            file.ReadExactly(bytes);
            return Encoding.UTF8.GetString(bytes);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    [GeneratedRegex(@"\*\*\* (?:JOB|STEP) \S+ ON \S+ CANCELLED AT \S+(?: DUE TO (?<why>[^*]*?))? \*\*\*")]
    private static partial Regex StepdLine();
}

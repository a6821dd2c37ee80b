using Fleetbook.Display;
using Fleetbook.Journal;
using Fleetbook.Logs;

namespace Fleetbook.Reports;

/// <summary>A job with at least one failed attempt: every attempt at it and the end of its log.</summary>
public sealed record FailedJob(string JobId, IReadOnlyList<JobAttempt> Attempts, IReadOnlyList<string> LogTail)
{
    /// <summary>A later attempt succeeded (or found the outputs done), so the failure cost only time.</summary>
    public bool Recovered => Attempts.Any(a => Guidance.OutcomeTone(a.Outcome) == Tone.Good);

    public JobAttempt LastFailure => Attempts.Last(a => Guidance.IsFailure(a.Outcome));

    /// <summary>
    /// The failed jobs among <paramref name="attempts"/>, first failure first, at most <paramref name="maxJobs"/>, each with
    /// the last <paramref name="logLines"/> lines of its log from <paramref name="logs"/> (none when null).
    /// </summary>
    public static async Task<IReadOnlyList<FailedJob>> FindAsync(
        IReadOnlyList<JobAttempt> attempts, ILogStore? logs, int logLines = 20, int maxJobs = 50, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attempts);
        ArgumentOutOfRangeException.ThrowIfNegative(logLines);
        ArgumentOutOfRangeException.ThrowIfNegative(maxJobs);
        var failed = attempts
            .GroupBy(a => a.JobId, StringComparer.Ordinal)
            .Where(g => g.Any(a => Guidance.IsFailure(a.Outcome)))
            .OrderBy(g => g.Where(a => Guidance.IsFailure(a.Outcome)).Min(a => a.Started))
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Take(maxJobs)
            .ToList();
        var jobs = new List<FailedJob>(failed.Count);
        foreach (var group in failed)
        {
            var tail = logs is null || logLines == 0 ? [] : await logs.TailJobAsync(group.Key, logLines, cancellationToken);
            jobs.Add(new FailedJob(group.Key, group.OrderBy(a => a.Started).ThenBy(a => a.Attempt).ToArray(), tail));
        }

        return jobs;
    }
}

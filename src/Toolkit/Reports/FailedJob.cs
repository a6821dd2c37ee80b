using Fleetbook.Display;
using Fleetbook.Journal;
using Fleetbook.Logs;

namespace Fleetbook.Reports;

/// <summary>A job with at least one failed attempt: every attempt at it and the end of its log.</summary>
public sealed record FailedJob(string JobId, IReadOnlyList<JobAttempt> Attempts, IReadOnlyList<string> LogTail)
{
    /// <summary>A log line longer than this is shown by its last characters only.</summary>
    public const int MaxExcerptLineChars = 2_000;

    /// <summary>The most of a log one job's excerpt shows, so a report stays small whatever its jobs printed.</summary>
    public const int MaxExcerptChars = 16_000;

    /// <summary>The excerpt leaves out part of what the log's last lines hold (a long line was shortened, or lines were dropped to fit).</summary>
    public bool LogCut { get; init; }

    /// <summary>Where the whole log is (a file, a log stream, a bucket prefix); null when the log store cannot say.</summary>
    public string? LogLocation { get; init; }

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
            var (excerpt, cut) = Excerpt(tail);
            jobs.Add(new FailedJob(group.Key, group.OrderBy(a => a.Started).ThenBy(a => a.Attempt).ToArray(), excerpt)
            {
                LogCut = cut,
                LogLocation = logs?.JobLogLocation(group.Key),
            });
        }

        return jobs;
    }

    /// <summary>The last lines that fit in <see cref="MaxExcerptChars"/>, each at most <see cref="MaxExcerptLineChars"/> (its end kept, after '…').</summary>
    internal static (IReadOnlyList<string> Lines, bool Cut) Excerpt(IReadOnlyList<string> tail)
    {
        var kept = new List<string>();
        var cut = false;
        var total = 0;
        for (var i = tail.Count - 1; i >= 0; i--)
        {
            var line = tail[i];
            if (line.Length > MaxExcerptLineChars)
            {
                line = "…" + line[^(MaxExcerptLineChars - 1)..];
                cut = true;
            }

            if (total + line.Length > MaxExcerptChars)
            {
                cut = true;
                break;
            }

            total += line.Length + 1;
            kept.Add(line);
        }

        kept.Reverse();
        return (kept, cut || tail.Any(l => l.StartsWith('…')));
    }
}

using Fleetbook.Display;
using Fleetbook.Fleet;
using Fleetbook.Journal;
using Fleetbook.Steps;

namespace Fleetbook.Reports;

/// <summary>
/// Jobs over time told by the attempt journal, for a report made without monitor's timeline: each attempt starts and
/// ends a job in flight, a job is done at its first success, and a job whose last attempt failed after the config's
/// receives is counted dead from then. Waiting jobs are the rest of the jobs the run knows, as if every job had been
/// submitted before the first attempt. The last sample is the run's status as it is now.
/// </summary>
internal static class JournalTimeline
{
    /// <summary>At most this many samples: a run of many jobs makes a chart of this many steps, not one per attempt.</summary>
    public const int MaxSamples = 1000;

    public static IReadOnlyList<RunStatus> Rebuild(IReadOnlyList<JobAttempt> attempts, RunStatus now, int maxReceives)
    {
        ArgumentNullException.ThrowIfNull(attempts);
        ArgumentNullException.ThrowIfNull(now);
        if (attempts.Count == 0)
        {
            return [now];
        }

        var jobs = attempts.Select(a => a.JobId).Distinct(StringComparer.Ordinal).Count();
        var total = Math.Max(jobs, now.Succeeded + now.DeadLetter + now.Visible + now.InFlight);
        var samples = new List<RunStatus>();
        var done = new HashSet<string>(StringComparer.Ordinal);
        var dead = new HashSet<string>(StringComparer.Ordinal);
        long inFlight = 0;
        long failed = 0;
        foreach (var group in Events(attempts, maxReceives).GroupBy(e => e.At).OrderBy(g => g.Key))
        {
            foreach (var change in group)
            {
                inFlight += change.InFlight;
                failed += change.Failed ? 1 : 0;
                if (change.Done && done.Add(change.JobId))
                {
                    dead.Remove(change.JobId);
                }
                else if (change.Dead && !done.Contains(change.JobId))
                {
                    dead.Add(change.JobId);
                }
            }

            var waiting = Math.Max(0, total - done.Count - dead.Count - inFlight);
            samples.Add(new RunStatus(group.Key, true, waiting, inFlight, dead.Count, done.Count, failed, FleetStatus.None, ""));
        }

        return [.. Thin(samples.Where(s => s.At < now.At).ToList()), now];
    }

    private sealed record Change(DateTimeOffset At, string JobId, int InFlight, bool Done = false, bool Dead = false, bool Failed = false);

    private static IEnumerable<Change> Events(IReadOnlyList<JobAttempt> attempts, int maxReceives)
    {
        foreach (var attempt in attempts)
        {
            yield return new Change(attempt.Started, attempt.JobId, +1);

            // An attempt without an end is running (or its worker vanished): in flight until now.
            if (attempt.Ended is not { } ended || attempt.Outcome == AttemptOutcome.Running)
            {
                continue;
            }

            var failure = Guidance.IsFailure(attempt.Outcome);
            yield return new Change(ended, attempt.JobId, -1,
                Done: Guidance.OutcomeTone(attempt.Outcome) == Tone.Good,
                Dead: failure && attempt.Attempt >= maxReceives,
                Failed: failure);
        }
    }

    /// <summary>At most <see cref="MaxSamples"/>: the state at evenly spaced times (the last sample at or before each).</summary>
    private static IReadOnlyList<RunStatus> Thin(List<RunStatus> samples)
    {
        if (samples.Count <= MaxSamples)
        {
            return samples;
        }

        var first = samples[0].At;
        var step = (samples[^1].At - first) / (MaxSamples - 1);
        var thinned = new List<RunStatus>(MaxSamples);
        var index = 0;
        for (var i = 0; i < MaxSamples; i++)
        {
            var at = i == MaxSamples - 1 ? samples[^1].At : first + (step * i);
            while (index + 1 < samples.Count && samples[index + 1].At <= at)
            {
                index++;
            }

            if (thinned.Count == 0 || !ReferenceEquals(thinned[^1], samples[index]))
            {
                thinned.Add(samples[index]);
            }
        }

        return thinned;
    }
}

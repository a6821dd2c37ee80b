using System.Globalization;
using Fleetbook.Steps;

namespace Fleetbook.Display;

/// <summary>The display model of the dead-letter queue, or of any list of dead jobs: each job and how each attempt at it ended.</summary>
internal static class DeadLetterDocuments
{
    public static DisplayDocument DeadLetters(DeadLetterReport report, DisplayOptions options)
    {
        if (report.Jobs.Count == 0)
        {
            return new DisplayDocument("Dead letters", [new Paragraph($"The dead-letter queue {report.Queue} is empty: no job has run out of retries.")])
            {
                Badge = new Badge("empty", Tone.Good),
            };
        }

        return new DisplayDocument("Dead letters",
        [
            new Paragraph($"{Formats.Plural(report.Jobs.Count, "job", "jobs")} ran out of retries and wait in {report.Queue}. Each row is one attempt."),
            Table(report.Jobs, options),
            Guidance.Redrive,
        ])
        { Badge = Badge(report.Jobs) };
    }

    /// <summary>Dead jobs without their queue: part of a report (<c>report.Jobs.Where(…)</c>), or collected by hand.</summary>
    public static DisplayDocument DeadJobs(IReadOnlyList<DeadJob> jobs, DisplayOptions options)
    {
        if (jobs.Count == 0)
        {
            return new DisplayDocument("Dead jobs", [new Paragraph("No dead job.")]) { Badge = new Badge("none", Tone.Good) };
        }

        return new DisplayDocument("Dead jobs",
        [
            new Paragraph($"{Formats.Plural(jobs.Count, "job", "jobs")} that ran out of retries. Each row is one attempt."),
            Table(jobs, options),
            Guidance.Redrive,
        ])
        { Badge = Badge(jobs) };
    }

    private static Badge Badge(IReadOnlyList<DeadJob> jobs) => new(Formats.Plural(jobs.Count, "dead job", "dead jobs"), Tone.Bad);

    private static TableBlock Table(IReadOnlyList<DeadJob> jobs, DisplayOptions options)
    {
        var rows = new List<TableRow>();
        foreach (var job in jobs)
        {
            if (job.Attempts.Count == 0)
            {
                rows.Add(new TableRow([job.JobId, "-", "-", "-", "-", "no attempt was recorded"], Tone.Bad));
            }

            foreach (var attempt in job.Attempts)
            {
                rows.Add(new TableRow(
                    [
                        job.JobId,
                        attempt.Attempt.ToString(CultureInfo.InvariantCulture),
                        Guidance.Outcome(attempt.Outcome),
                        attempt.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "-",
                        attempt.Duration is { } duration ? Formats.Duration(duration) : "-",
                        attempt.Detail ?? "",
                    ],
                    Guidance.OutcomeTone(attempt.Outcome)));
            }
        }

        var shown = rows.Take(options.MaxRows).ToArray();
        return new TableBlock("Dead letters and their attempts", ["job", "attempt", "ended", "exit code", "ran for", "why"], shown, rows.Count - shown.Length);
    }
}

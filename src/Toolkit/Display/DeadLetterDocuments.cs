using System.Globalization;
using Fleetbook.Steps;

namespace Fleetbook.Display;

/// <summary>The display model of the dead-letter queue: every dead job and how each attempt at it ended.</summary>
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

        var rows = new List<TableRow>();
        foreach (var job in report.Jobs)
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
        return new DisplayDocument("Dead letters",
        [
            new Paragraph($"{Formats.Plural(report.Jobs.Count, "job", "jobs")} ran out of retries and wait in {report.Queue}. Each row is one attempt."),
            new TableBlock("Dead letters and their attempts", ["job", "attempt", "ended", "exit code", "ran for", "why"], shown, rows.Count - shown.Length),
            Guidance.Redrive,
        ])
        { Badge = new Badge($"{Formats.Plural(report.Jobs.Count, "dead job", "dead jobs")}", Tone.Bad) };
    }
}

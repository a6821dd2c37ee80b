using System.Globalization;
using Fleetbook.Journal;

namespace Fleetbook.Display;

/// <summary>The display model of a list of attempts (<c>run.AttemptsAsync()</c>, or any part of it): how each one ended.</summary>
internal static class AttemptDocuments
{
    public const string Title = "Attempts";

    public static DisplayDocument Attempts(IReadOnlyList<JobAttempt> attempts, DisplayOptions options)
    {
        if (attempts.Count == 0)
        {
            return new DisplayDocument(Title, [new Paragraph("No attempt: no worker has taken one of these jobs yet.")]) { Badge = new Badge("none", Tone.Neutral) };
        }

        var jobs = attempts.Select(a => a.JobId).Distinct().Count();
        var byOutcome = attempts.GroupBy(a => a.Outcome).OrderBy(g => g.Key).Select(g => $"{Formats.Count(g.Count())} {Guidance.Outcome(g.Key)}");
        var rows = attempts.Select(Row).ToList();
        var shown = rows.Take(options.MaxRows).ToArray();
        return new DisplayDocument(Title,
        [
            new Paragraph($"{Formats.Plural(attempts.Count, "attempt", "attempts")} at {Formats.Plural(jobs, "job", "jobs")}: {string.Join(", ", byOutcome)}."),
            new TableBlock(null, ["job", "attempt", "worker", "started", "ran for", "ended", "exit code", "why"], shown, rows.Count - shown.Length),
        ])
        { Badge = Badge(attempts) };
    }

    private static TableRow Row(JobAttempt attempt) => new(
        [
            attempt.JobId,
            attempt.Attempt.ToString(CultureInfo.InvariantCulture),
            attempt.Worker,
            Formats.Time(attempt.Started),
            attempt.Duration is { } duration ? Formats.Duration(duration) : "-",
            Guidance.Outcome(attempt.Outcome),
            attempt.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "-",
            attempt.Detail ?? "",
        ],
        Guidance.OutcomeTone(attempt.Outcome));

    private static Badge Badge(IReadOnlyList<JobAttempt> attempts)
    {
        var failed = attempts.Count(a => Guidance.IsFailure(a.Outcome));
        var running = attempts.Count(a => a.Outcome == AttemptOutcome.Running);
        return failed > 0 ? new Badge(Formats.Plural(failed, "failed attempt", "failed attempts"), Tone.Bad)
            : running > 0 ? new Badge($"{Formats.Count(running)} running", Tone.Warning)
            : new Badge("all succeeded", Tone.Good);
    }
}

using System.Globalization;
using Fleetbook.Charts;
using Fleetbook.Display;
using Fleetbook.Journal;

namespace Fleetbook.Reports;

/// <summary>The run report's display model: summary, results, charts, failures with log excerpts, config.</summary>
internal static class ReportDocument
{
    public static DisplayDocument Build(RunReport report, DisplayOptions options)
    {
        var blocks = new List<DisplayBlock>();
        if ((report.Monitor?.Final ?? report.Status) is { } final)
        {
            blocks.Add(new Paragraph(final.Explanation));
        }

        blocks.Add(new Paragraph($"Report made {Formats.Time(report.CreatedAt)} by Fleetbook {Version()}."));

        blocks.Add(new Section("Summary", [new FactList(null, Summary(report))]));
        if (report.Results is { } results)
        {
            blocks.Add(new Section(results.Title, results.Blocks));
        }

        if (report.Monitor is { Timeline.Count: > 0 } timeline)
        {
            blocks.Add(new Section("Jobs over time", [new ChartBlock(RunCharts.Timeline(timeline.Timeline, title: "Jobs over time"))]));
        }
        else if (report.Monitor is null && report.Timeline.Count > 1)
        {
            blocks.Add(new Section("Jobs over time",
            [
                new ChartBlock(RunCharts.Timeline(report.Timeline, title: "Jobs over time")),
                new Paragraph("Told by the attempt journal (this report was made without monitor's timeline): waiting jobs are drawn as if every job had been submitted before the first attempt."),
            ]));
        }

        if (report.Attempts.Any(a => a.Duration is not null && a.Outcome != AttemptOutcome.Running))
        {
            blocks.Add(new Section("Job durations", [new ChartBlock(RunCharts.JobDurations(report.Attempts, title: "How long attempts ran"))]));
        }

        blocks.Add(new Section("Failures", Failures(report, options)));
        if (report.Monitor?.Cleanup is { } cleanup)
        {
            blocks.Add(new Section("Cleanup", StepDocuments.CleanupBlocks(cleanup)));
        }

        var config = FleetbookDisplay.Describe(report.Config, options);
        blocks.Add(new Section($"Config ({config.Title})", config.Blocks, Collapsed: true));
        return new DisplayDocument($"Run report: {report.Config.AppName}", blocks) { Badge = Badge(report) };
    }

    private static Badge Badge(RunReport report)
    {
        if (report.Monitor is { } monitor)
        {
            return StatusDocuments.MonitorBadge(monitor);
        }

        var dead = report.Failures.Count(f => !f.Recovered);
        var left = report.Status is { } status ? status.Visible + status.InFlight : 0;
        return report.Status is { DeadLetter: > 0 } withDeadLetters ? new Badge($"{Formats.Plural(withDeadLetters.DeadLetter, "job", "jobs")} in the dead-letter queue", Tone.Bad)
            : dead > 0 && left == 0 ? new Badge($"{Formats.Plural(dead, "job", "jobs")} never succeeded", Tone.Bad)
            : left > 0 ? new Badge($"{Formats.Plural(left, "job", "jobs")} still to run", Tone.Warning)
            : report.Attempts.Count == 0 ? new Badge("no job ran", Tone.Warning)
            : new Badge("all jobs succeeded", Tone.Good);
    }

    private static IReadOnlyList<Fact> Summary(RunReport report)
    {
        var attempts = report.Attempts;
        var succeededJobs = attempts.Where(a => Guidance.OutcomeTone(a.Outcome) == Tone.Good).Select(a => a.JobId).Distinct(StringComparer.Ordinal).Count();
        var failedAttempts = attempts.Count(a => Guidance.IsFailure(a.Outcome));
        var final = report.Monitor?.Final ?? report.Status;
        var facts = new List<Fact>
        {
            new("jobs succeeded", Formats.Count(final?.Succeeded ?? succeededJobs), Tone.Good),
        };
        if (final is not null)
        {
            facts.Add(new("jobs in the dead-letter queue", Formats.Count(final.DeadLetter), final.DeadLetter > 0 ? Tone.Bad : Tone.Neutral));
        }

        if (report.Monitor is null && final is { } now && now.Visible + now.InFlight > 0)
        {
            facts.Add(new("jobs waiting / running", $"{Formats.Count(now.Visible)} / {Formats.Count(now.InFlight)}", Tone.Warning));
        }

        facts.Add(new("failed attempts", Formats.Count(failedAttempts), failedAttempts > 0 ? Tone.Warning : Tone.Neutral));
        facts.Add(new("attempts in all", Formats.Count(attempts.Count)));
        facts.Add(new("workers × copies", $"{report.Config.WorkerCount} × {report.Config.DockerCores} ({report.Backend} backend)"));
        if (report.Monitor is { } timed)
        {
            facts.Add(new("monitored for", Formats.Duration(timed.Elapsed)));
            facts.Add(new("throughput", Formats.Rate(timed.Final.Succeeded, timed.Elapsed)));
        }
        else if (attempts.Count > 0)
        {
            // From the first attempt's start to the last one's end (or now, while one runs).
            var end = attempts.Max(a => a.Ended ?? report.Status?.At ?? a.Started);
            var span = end - attempts.Min(a => a.Started);
            facts.Add(new("jobs ran for", Formats.Duration(span)));
            facts.Add(new("throughput", Formats.Rate(final?.Succeeded ?? succeededJobs, span)));
        }

        var durations = attempts.Where(a => a.Outcome == AttemptOutcome.Succeeded && a.Duration is not null)
            .Select(a => a.Duration!.Value).Order().ToList();
        if (durations.Count > 0)
        {
            facts.Add(new("job duration (median / 95th percentile)", $"{Formats.Duration(Percentile(durations, 0.5))} / {Formats.Duration(Percentile(durations, 0.95))}"));
        }

        facts.Add(new("cost", report.CostUsd is { } cost ? "$" + cost.ToString("0.00", CultureInfo.InvariantCulture) : "—"));
        return facts;
    }

    private static IReadOnlyList<DisplayBlock> Failures(RunReport report, DisplayOptions options)
    {
        if (report.Failures.Count == 0)
        {
            return [new Paragraph("No attempt failed.", Tone.Good)];
        }

        var rows = report.Failures.Take(options.MaxRows).Select(job =>
        {
            var last = job.LastFailure;
            return new TableRow(
                [
                    job.JobId,
                    job.Attempts.Count.ToString(CultureInfo.InvariantCulture),
                    job.Recovered ? "succeeded on retry" : Guidance.Outcome(job.Attempts[^1].Outcome),
                    last.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "-",
                    last.Detail ?? Guidance.Outcome(last.Outcome),
                ],
                job.Recovered ? Tone.Warning : Tone.Bad);
        }).ToArray();
        var blocks = new List<DisplayBlock>
        {
            new TableBlock(null, ["job", "attempts", "in the end", "exit code", "last failure"], rows, report.Failures.Count - rows.Length),
        };
        foreach (var job in report.Failures.Take(options.MaxRows).Where(j => j.LogTail.Count > 0))
        {
            var log = new List<DisplayBlock>();
            if (job.LogCut)
            {
                var where = job.LogLocation is { } location ? $" The whole log is {(location.StartsWith("the ", StringComparison.Ordinal) || location.StartsWith("CloudWatch", StringComparison.Ordinal) ? "in " : "at ")}{location}." : "";
                log.Add(new Paragraph(
                    $"Cut to fit the report: at most {FailedJob.MaxExcerptChars:N0} characters of the log's end are shown, and a line longer than {FailedJob.MaxExcerptLineChars:N0} characters by its end only (after '…').{where}",
                    Tone.Warning));
            }

            log.Add(new Preformatted(null, string.Join('\n', job.LogTail)));
            blocks.Add(new Section($"Log of {job.JobId} (last {Formats.Plural(job.LogTail.Count, "line", "lines")}{(job.LogCut ? ", cut" : "")})", log, Collapsed: true));
        }

        return blocks;
    }

    private static TimeSpan Percentile(List<TimeSpan> sorted, double fraction) =>
        sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(fraction * sorted.Count))];

    private static string Version() =>
        typeof(RunReport).Assembly.GetName().Version is { } version ? $"{version.Major}.{version.Minor}.{version.Build}" : "";
}

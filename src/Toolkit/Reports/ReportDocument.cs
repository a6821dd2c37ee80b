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
        if (report.Monitor is { } monitor)
        {
            blocks.Add(new Paragraph(monitor.Final.Explanation));
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
        return dead > 0 ? new Badge($"{Formats.Plural(dead, "job", "jobs")} never succeeded", Tone.Bad)
            : report.Attempts.Count == 0 ? new Badge("no job ran", Tone.Warning)
            : new Badge("all jobs succeeded", Tone.Good);
    }

    private static IReadOnlyList<Fact> Summary(RunReport report)
    {
        var attempts = report.Attempts;
        var succeededJobs = attempts.Where(a => Guidance.OutcomeTone(a.Outcome) == Tone.Good).Select(a => a.JobId).Distinct(StringComparer.Ordinal).Count();
        var failedAttempts = attempts.Count(a => Guidance.IsFailure(a.Outcome));
        var facts = new List<Fact>
        {
            new("jobs succeeded", Formats.Count(report.Monitor?.Final.Succeeded ?? succeededJobs), Tone.Good),
        };
        if (report.Monitor is { } monitor)
        {
            facts.Add(new("jobs in the dead-letter queue", Formats.Count(monitor.Final.DeadLetter), monitor.Final.DeadLetter > 0 ? Tone.Bad : Tone.Neutral));
        }

        facts.Add(new("failed attempts", Formats.Count(failedAttempts), failedAttempts > 0 ? Tone.Warning : Tone.Neutral));
        facts.Add(new("attempts in all", Formats.Count(attempts.Count)));
        facts.Add(new("workers × copies", $"{report.Config.WorkerCount} × {report.Config.DockerCores} ({report.Backend} backend)"));
        if (report.Monitor is { } timed)
        {
            facts.Add(new("monitored for", Formats.Duration(timed.Elapsed)));
            facts.Add(new("throughput", Formats.Rate(timed.Final.Succeeded, timed.Elapsed)));
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

using System.Globalization;
using Fleetbook.Steps;

namespace Fleetbook.Display;

/// <summary>The display models of plan, setup, submit, start, cleanup and redrive.</summary>
internal static class StepDocuments
{
    public static DisplayDocument Plan(RunPlan plan)
    {
        var config = plan.Config;
        return new DisplayDocument($"Plan for {config.AppName} ({plan.Backend} backend)",
        [
            new Paragraph("Nothing was changed. Setup will create or check these, in this order:"),
            new BulletList(null, plan.Resources),
            new FactList(null,
            [
                new("queue", config.EffectiveQueueName),
                new("dead letters", $"{config.EffectiveDeadLetterQueue} after {Formats.Plural(config.MaxReceives, "receive", "receives")}"),
                new("workers", $"{config.WorkerCount} × {config.DockerCores} copies = {config.WorkerCount * config.DockerCores} jobs at a time"),
                new("state", plan.Location),
            ]),
            .. plan.Notes.Count == 0 ? Array.Empty<DisplayBlock>() : [new BulletList("Notes", plan.Notes)],
            Guidance.Setup,
        ])
        { Badge = new Badge("plan only", Tone.Neutral) };
    }

    public static DisplayDocument Setup(SetupResult result)
    {
        var badge = result.Queue.Created ? new Badge("queue created", Tone.Good)
            : result.Queue.Updated ? new Badge("queue updated", Tone.Good)
            : new Badge("already set up", Tone.Good);
        return new DisplayDocument("Setup",
        [
            new BulletList(null, result.Actions),
            new FactList(null, [new("queue", result.Queue.Name), new("dead letters", result.DeadLetterQueue)]),
            Guidance.Submit,
        ])
        { Badge = badge };
    }

    public static DisplayDocument Submit(SubmitResult result, DisplayOptions options)
    {
        var notSent = result.Jobs - result.Sent;
        var badge = result.Complete
            ? new Badge($"{Formats.Plural(result.Sent, "job", "jobs")} queued", result.Jobs == 0 ? Tone.Warning : Tone.Good)
            : new Badge($"{Formats.Count(notSent)} of {Formats.Plural(result.Jobs, "job", "jobs")} not sent", Tone.Bad);
        var blocks = new List<DisplayBlock>
        {
            new FactList(null,
            [
                new("job file", result.JobFile),
                new("format", Guidance.FormatName(result.Format)),
                new("jobs", Formats.Count(result.Jobs)),
                new("sent", Formats.Count(result.Sent), result.Complete ? Tone.Good : Tone.Bad),
                new("took", $"{Formats.Duration(result.Elapsed)} ({Formats.Rate(result.Sent, result.Elapsed)})"),
            ]),
        };
        if (result.Jobs == 0)
        {
            blocks.Add(new Paragraph("The job file holds no job, so nothing was queued.", Tone.Warning));
        }

        if (result.Failures.Count > 0)
        {
            var rows = result.Failures.Take(options.MaxRows)
                .Select(f => new TableRow([(f.Index + 1).ToString(CultureInfo.InvariantCulture), f.Code, f.Message], Tone.Bad))
                .ToArray();
            blocks.Add(new TableBlock("Jobs that were not sent", ["job", "code", "why"], rows, result.Failures.Count - rows.Length));
            blocks.Add(new Paragraph("The jobs that were sent stay queued; submit the ones above again once the cause is fixed.", Tone.Bad));
        }

        if (result.Complete && result.Jobs > 0)
        {
            blocks.Add(Guidance.Start);
        }

        return new DisplayDocument("Submit", blocks) { Badge = badge };
    }

    public static DisplayDocument Start(StartResult result)
    {
        var fleet = result.Fleet;
        var badge = fleet.Running == 0 && fleet.Queued is { Workers: > 0 } queued ? new Badge($"{Formats.Plural(queued.Workers, "worker", "workers")} in the scheduler's queue", Tone.Warning)
            : fleet.Running == 0 ? new Badge("no worker running", Tone.Bad)
            : fleet.Running < fleet.Desired ? new Badge($"{fleet.Running} of {fleet.Desired} workers running", Tone.Warning)
            : new Badge($"{Formats.Plural(fleet.Running, "worker", "workers")} running", Tone.Good);
        return new DisplayDocument("Start",
        [
            new Paragraph(result.Description),
            new FactList(null,
            [
                new("workers running", $"{fleet.Running} of {fleet.Desired}", fleet.Running == fleet.Desired && fleet.Running > 0 ? Tone.Good : Tone.Warning),
                new("copies per worker", result.CopiesPerWorker.ToString(CultureInfo.InvariantCulture)),
                new("fleet", fleet.Description),
            ]),
            .. result.Notes.Count == 0 ? Array.Empty<DisplayBlock>() : [new BulletList("Notes", result.Notes)],
            Guidance.Monitor,
        ])
        { Badge = badge };
    }

    public static DisplayDocument Preflight(PreflightResult result)
    {
        var rows = result.Checks
            .Select(c => new TableRow([c.Passed ? "ok" : "problem", c.Name, c.Message, c.Fix ?? ""], c.Passed ? Tone.Good : Tone.Bad))
            .ToArray();
        var problems = result.Problems.Count();
        var notSetUp = result.QueueNotSetUp is { } queue
            ? new Paragraph($"Setup comes first: the queue {queue} does not exist yet, and start needs it.", result.Ready ? Tone.Warning : Tone.Bad)
            : null;
        var ending = result.ReadyToStart ? new DisplayBlock[] { Guidance.Start }
            : result.Ready ? [notSetUp!, Guidance.SetupBeforeStart]
            : [.. notSetUp is null ? Array.Empty<DisplayBlock>() : [notSetUp], new Paragraph("Nothing was launched. Fix these, then run preflight again.", Tone.Bad)];
        return new DisplayDocument("Preflight", [new TableBlock(null, ["", "check", "found", "fix"], rows), .. ending])
        {
            Badge = result.ReadyToStart ? new Badge("ready to start", Tone.Good)
                : result.Ready ? new Badge("checks passed; setup comes first", Tone.Warning)
                : new Badge($"{Formats.Plural(problems, "problem", "problems")} to fix", Tone.Bad),
        };
    }

    public static DisplayDocument Cleanup(CleanupResult result) =>
        new DisplayDocument("Cleanup", CleanupBlocks(result)) { Badge = new Badge("cleaned up", Tone.Good) };

    public static IReadOnlyList<DisplayBlock> CleanupBlocks(CleanupResult result) =>
    [
        new BulletList("Removed", result.Removed),
        .. result.Kept.Count == 0 ? Array.Empty<DisplayBlock>() : [new BulletList("Kept on purpose", result.Kept)],
    ];

    public static DisplayDocument Runs(RunsReport report, DisplayOptions options)
    {
        if (report.Runs.Count == 0)
        {
            return new DisplayDocument($"Runs in {report.Where}", [new Paragraph("No run was found: nothing tagged fleetbook:run is left.")])
            {
                Badge = new Badge("none", Tone.Good),
            };
        }

        return new DisplayDocument($"Runs in {report.Where}", RunsBlocks(report.Runs, options)) { Badge = RunsBadge(report.Runs) };
    }

    /// <summary>Found runs without the place they were found in: part of a report (<c>report.Runs.Where(…)</c>).</summary>
    public static DisplayDocument FoundRuns(IReadOnlyList<FoundRun> runs, DisplayOptions options) =>
        runs.Count == 0
            ? new DisplayDocument("Runs", [new Paragraph("No run.")]) { Badge = new Badge("none", Tone.Good) }
            : new DisplayDocument("Runs", RunsBlocks(runs, options)) { Badge = RunsBadge(runs) };

    private static Badge RunsBadge(IReadOnlyList<FoundRun> runs) => new(Formats.Plural(runs.Count, "run", "runs"), Tone.Warning);

    private static IReadOnlyList<DisplayBlock> RunsBlocks(IReadOnlyList<FoundRun> runs, DisplayOptions options)
    {
        var rows = runs.Take(options.MaxRows).Select(r => new TableRow([r.AppName, string.Join("; ", r.Resources)])).ToArray();
        return
        [
            new TableBlock(null, ["run", "what is left"], rows, runs.Count - rows.Length),
            new Paragraph("Remove everything left of a run with 'fleetbook cleanup APP_NAME'."),
        ];
    }

    public static DisplayDocument Redrive(RedriveResult result)
    {
        if (result.Moved == 0)
        {
            return new DisplayDocument("Redrive", [new Paragraph($"Nothing to send back: {result.From} is empty.")])
            {
                Badge = new Badge("nothing to redrive", Tone.Neutral),
            };
        }

        return new DisplayDocument("Redrive",
        [
            new Paragraph($"Sent {Formats.Plural(result.Moved, "job", "jobs")} from {result.From} back to {result.To}. They run again once workers are up."),
            Guidance.Start,
            Guidance.Monitor,
        ])
        { Badge = new Badge($"{Formats.Plural(result.Moved, "job", "jobs")} back in the queue", Tone.Good) };
    }
}

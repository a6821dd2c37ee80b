using Fleetbook.Charts;
using Fleetbook.Steps;

namespace Fleetbook.Display;

/// <summary>The display models of a status snapshot, a live timeline and a finished monitor.</summary>
internal static class StatusDocuments
{
    public static DisplayDocument Status(RunStatus status, string title = "Run status") =>
        new DisplayDocument(title, StatusBlocks(status)) { Badge = StatusBadge(status) };

    public static DisplayDocument Timeline(RunTimeline timeline)
    {
        if (timeline.Latest is not { } latest)
        {
            return new DisplayDocument("Run status", [new Paragraph("No status yet.")]) { Badge = new Badge("waiting", Tone.Neutral) };
        }

        var chart = timeline.Samples.Count > 1 ? RunCharts.Timeline(timeline.Samples) : null;
        return new DisplayDocument("Run status", StatusBlocks(latest, chart)) { Badge = StatusBadge(latest) };
    }

    public static DisplayDocument Monitor(MonitorResult result)
    {
        var final = result.Final;
        var blocks = new List<DisplayBlock>
        {
            Bar(final),
            new Paragraph(final.Explanation),
            new FactList(null,
            [
                new("succeeded", Formats.Count(final.Succeeded), Tone.Good),
                new("dead letters", Formats.Count(final.DeadLetter), final.DeadLetter > 0 ? Tone.Bad : Tone.Neutral),
                new("failed attempts", Formats.Count(final.Failed), final.Failed > 0 ? Tone.Warning : Tone.Neutral),
                new("monitored for", Formats.Duration(result.Elapsed)),
                new("throughput", Formats.Rate(final.Succeeded, result.Elapsed)),
            ]),
        };
        if (result.Timeline.Count > 0)
        {
            blocks.Add(new ChartBlock(RunCharts.Timeline(result.Timeline)));
        }

        blocks.AddRange(Ending(result));
        return new DisplayDocument("Monitor", blocks) { Badge = MonitorBadge(result) };
    }

    /// <summary>What a finished monitor adds under its numbers: the cleanup it did and what to do next.</summary>
    internal static IEnumerable<DisplayBlock> Ending(MonitorResult result)
    {
        if (result.Cleanup is { } cleanup)
        {
            yield return new Section("Cleanup", StepDocuments.CleanupBlocks(cleanup));
        }

        if (result.Final.DeadLetter > 0)
        {
            yield return Guidance.DeadLetters;
            yield return Guidance.Redrive;
        }
        else if (!result.Completed)
        {
            yield return Guidance.MonitorAgain;
        }
        else if (result.Cleanup is null && result.Final.QueueExists)
        {
            yield return Guidance.Cleanup;
        }
    }

    public static Badge MonitorBadge(MonitorResult result) =>
        result.Final.DeadLetter > 0 ? new Badge($"{Formats.Plural(result.Final.DeadLetter, "job", "jobs")} in the dead-letter queue", Tone.Bad)
        : !result.Completed ? new Badge("stopped before the queue drained", Tone.Warning)
        : result.Final.Succeeded == 0 ? new Badge("no job ran", Tone.Warning)
        : new Badge("all jobs succeeded", Tone.Good);

    private static IReadOnlyList<DisplayBlock> StatusBlocks(RunStatus status, Figure? chart = null) =>
    [
        .. Bar(status) is { Total: > 0 } bar ? [bar] : Array.Empty<DisplayBlock>(),
        new Paragraph(status.Explanation),
        new FactList(null,
        [
            new("waiting (visible)", Formats.Count(status.Visible)),
            new("in flight", Formats.Count(status.InFlight)),
            new("succeeded", Formats.Count(status.Succeeded), status.Succeeded > 0 ? Tone.Good : Tone.Neutral),
            new("failed attempts", Formats.Count(status.Failed), status.Failed > 0 ? Tone.Warning : Tone.Neutral),
            new("dead letters", Formats.Count(status.DeadLetter), status.DeadLetter > 0 ? Tone.Bad : Tone.Neutral),
            new("workers", $"{status.Fleet.Running} of {status.Fleet.Desired} running ({status.Fleet.Description})"),
            new("as of", Formats.Time(status.At)),
        ]),
        .. chart is null ? Array.Empty<DisplayBlock>() : [new ChartBlock(chart)],
        .. Next(status),
    ];

    internal static ProgressBar Bar(RunStatus status) => new(
    [
        new("done", status.Succeeded, Tone.Good),
        new("dead letters", status.DeadLetter, Tone.Bad),
        new("in flight", status.InFlight, Tone.Warning),
        new("waiting", status.Visible, Tone.Neutral),
    ]);

    /// <summary>The badge follows the same cases as <see cref="RunStatus.Explanation"/>, so colour and sentence agree.</summary>
    internal static Badge StatusBadge(RunStatus status)
    {
        if (!status.QueueExists)
        {
            return status.Succeeded > 0 || status.DeadLetter > 0
                ? status.DeadLetter > 0 ? new Badge("finished with dead letters", Tone.Bad) : new Badge("finished", Tone.Good)
                : new Badge("not set up", Tone.Neutral);
        }

        if (status.IsDrained)
        {
            return status.DeadLetter > 0 ? new Badge("drained with dead letters", Tone.Bad)
                : status.Succeeded == 0 ? new Badge("empty", Tone.Neutral)
                : new Badge("drained", Tone.Good);
        }

        if (status.Fleet.Running == 0)
        {
            return status.Fleet.Queued is { Workers: > 0 } ? new Badge("workers waiting in the scheduler's queue", Tone.Warning) : new Badge("no worker running", Tone.Warning);
        }

        return status.DeadLetter > 0 ? new Badge("running, with dead letters", Tone.Bad)
            : status.Failed > 0 ? new Badge("running, retrying failures", Tone.Warning)
            : new Badge("running", Tone.Good);
    }

    internal static IEnumerable<DisplayBlock> Next(RunStatus status)
    {
        if (!status.QueueExists)
        {
            if (status.DeadLetter > 0)
            {
                yield return Guidance.DeadLetters;
            }
            else if (status.Succeeded == 0)
            {
                yield return Guidance.Setup;
            }

            yield break;
        }

        if (status.IsDrained)
        {
            yield return status.DeadLetter > 0 ? Guidance.DeadLetters : status.Succeeded == 0 ? Guidance.Submit : Guidance.Cleanup;
            yield break;
        }

        yield return status.Fleet.Running == 0 && status.Fleet.Desired == 0 ? Guidance.Start : Guidance.Monitor;
    }
}

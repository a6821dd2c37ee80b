using System.Globalization;
using Fleetbook.Charts;
using Fleetbook.Steps;

namespace Fleetbook.Display;

/// <summary>The display model of a live monitor: where the run is, how fast it goes, what it has, what it costs, and the charts.</summary>
internal static class LiveDocuments
{
    public const string Title = "Monitor";

    public static DisplayDocument Monitor(LiveMonitorView view)
    {
        if (view.Latest is not { } latest)
        {
            return new DisplayDocument(Title, [new Paragraph("Waiting for the first status…")]) { Badge = new Badge("starting", Tone.Neutral) };
        }

        var pace = view.Pace;
        var blocks = new List<DisplayBlock>();
        if (StatusDocuments.Bar(latest) is { Total: > 0 } bar)
        {
            blocks.Add(bar);
        }

        blocks.Add(new Paragraph(latest.Explanation));
        blocks.Add(new FactList(null, Facts(latest, pace, view.Result)));
        var points = view.ChartPoints();
        if (points.Count > 1)
        {
            blocks.Add(new ChartBlock(RunCharts.Timeline(points)));
            if (points.Any(s => s.Fleet.Desired > 0 || s.Fleet.Running > 0))
            {
                blocks.Add(new ChartBlock(RunCharts.Capacity(points)));
            }
        }

        if (view.Result is { } result)
        {
            blocks.AddRange(StatusDocuments.Ending(result));
            return new DisplayDocument(Title, blocks) { Badge = StatusDocuments.MonitorBadge(result) };
        }

        return new DisplayDocument(Title, blocks) { Badge = StatusDocuments.StatusBadge(latest) };
    }

    public static string StatusLine(LiveMonitorView view)
    {
        var line = CountsLine(view);
        if (view.Latest is not { } s)
        {
            return line;
        }

        var pace = view.Pace;
        if (pace.JobsPerMinute > 0)
        {
            line += $" · {PerMinute(pace.JobsPerMinute)}";
        }

        if (pace.Remaining is { } remaining && remaining > TimeSpan.Zero)
        {
            line += $" · about {Formats.Duration(remaining)} left";
        }

        if (s.Cost is { } cost)
        {
            line += $" · {Dollars(cost.SoFar)} so far";
        }

        return line;
    }

    /// <summary>The status line without the pace and cost, which change with the clock alone.</summary>
    public static string CountsLine(LiveMonitorView view)
    {
        if (view.Latest is not { } s)
        {
            return "monitor: waiting for the first status";
        }

        var line = $"{Finished(s)} finished · {Formats.Count(s.InFlight)} in flight · {Formats.Count(s.Visible)} waiting · {Formats.Count(s.DeadLetter)} dead · " +
                   $"workers {s.Fleet.Running}/{s.Fleet.Desired}";
        return s.Fleet.Machines is { } machines ? line + $" · machines {machines.Running}/{machines.Requested}" : line;
    }

    private static List<Fact> Facts(RunStatus s, RunPace pace, MonitorResult? result)
    {
        var facts = new List<Fact>
        {
            new("finished", Finished(s), s.Succeeded > 0 ? Tone.Good : Tone.Neutral),
            new("in flight", Formats.Count(s.InFlight)),
            new("waiting (visible)", Formats.Count(s.Visible)),
            new("dead letters", Formats.Count(s.DeadLetter), s.DeadLetter > 0 ? Tone.Bad : Tone.Neutral),
            new("failed attempts", Formats.Count(s.Failed), s.Failed > 0 ? Tone.Warning : Tone.Neutral),
            new("workers", $"{s.Fleet.Running} of {s.Fleet.Desired} running ({s.Fleet.Description})",
                s.Fleet.Running == 0 && !s.IsDrained ? Tone.Warning : Tone.Neutral),
        };
        if (s.Fleet.Machines is { } machines)
        {
            facts.Add(new("machines", $"{machines.Running} of {machines.Requested} running, {machines.Registered} joined the cluster",
                machines.Registered < machines.Running ? Tone.Warning : Tone.Neutral));
        }

        facts.Add(new("throughput", pace.JobsPerMinute > 0 ? PerMinute(pace.JobsPerMinute) : "—"));
        facts.Add(new("time left", result is not null || s.IsDrained ? "none: the queue is drained"
            : pace.Remaining is { } remaining ? $"about {Formats.Duration(remaining)} (done near {Formats.Time(s.At + remaining)})"
            : "— (no job has finished yet)"));
        facts.Add(new("elapsed", Formats.Duration(result?.Elapsed ?? pace.Elapsed)));
        if (s.Cost is { } cost)
        {
            var toCompletion = cost.ToCompletion is { } total ? $", about {Dollars(total)} to completion" : "";
            facts.Add(new("cost", $"{Dollars(cost.SoFar)} so far{toCompletion} ({cost.Basis})"));
        }

        facts.Add(new("as of", Formats.Time(s.At)));
        return facts;
    }

    private static string Finished(RunStatus s)
    {
        var total = s.Visible + s.InFlight + s.Succeeded + s.DeadLetter;
        var done = s.Succeeded + s.DeadLetter;
        return total == 0 ? "0" : string.Create(CultureInfo.InvariantCulture, $"{Formats.Count(done)} of {Formats.Count(total)} ({100.0 * done / total:0}%)");
    }

    private static string PerMinute(double perMinute) =>
        perMinute.ToString(perMinute < 10 ? "0.0" : "N0", CultureInfo.InvariantCulture) + " jobs/min";

    private static string Dollars(decimal amount) => "$" + amount.ToString("N2", CultureInfo.InvariantCulture);
}

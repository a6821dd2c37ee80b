using Fleetbook.Display;
using Fleetbook.Journal;
using Fleetbook.Steps;

namespace Fleetbook.Charts;

/// <summary>The charts of a run: jobs over time from a monitor's timeline, and how long jobs took.</summary>
public static class RunCharts
{
    /// <summary>
    /// Done, dead, in flight and waiting stacked over time, so the top edge is every job the run knows. Samples hold
    /// until the next one (monitor records only changes), hence steps rather than slopes.
    /// </summary>
    public static Figure Timeline(IReadOnlyList<RunStatus> timeline, string title = "Jobs over time")
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var at = Values.Times(timeline.Select(s => s.At));
        Trace Area(string name, Func<RunStatus, long> value, string color) =>
            Trace.StackedArea(name, at, Values.Numbers(timeline.Select(s => (double)value(s))))
                .WithShape(LineShape.Steps)
                .WithColor(color)
                .WithHoverTemplate("%{y:,} " + name + "<extra></extra>");

        return new Figure(
            [
                Area("done", s => s.Succeeded, Palette.Good),
                Area("dead letters", s => s.DeadLetter, Palette.Bad),
                Area("in flight", s => s.InFlight, Palette.Warning),
                Area("waiting", s => s.Visible, Palette.Muted),
            ],
            new Layout
            {
                Title = title,
                XAxis = new Axis { Title = "time (UTC)", Type = AxisType.Date },
                YAxis = new Axis { Title = "jobs", StartAtZero = true },
                Height = 360,
                HoverMode = HoverMode.XUnified,
            });
    }

    /// <summary>
    /// Workers asked for and running over time, and the machines behind them when the backend reports machines (AWS
    /// with EC2 capacity): what capacity the run had while the jobs above were done.
    /// </summary>
    public static Figure Capacity(IReadOnlyList<RunStatus> timeline, string title = "Capacity")
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var at = Values.Times(timeline.Select(s => s.At));
        Trace Steps(string name, Func<RunStatus, int> value, string color) =>
            Trace.Line(name, at, Values.Numbers(timeline.Select(s => (double)value(s))))
                .WithShape(LineShape.Steps)
                .WithColor(color)
                .WithHoverTemplate("%{y:,} " + name + "<extra></extra>");

        var traces = new List<Trace>
        {
            Steps("workers wanted", s => s.Fleet.Desired, Palette.Muted),
            Steps("workers running", s => s.Fleet.Running, Palette.Info),
        };
        if (timeline.Any(s => s.Fleet.Machines is not null))
        {
            traces.Add(Steps("machines requested", s => s.Fleet.Machines?.Requested ?? 0, Palette.Warning));
            traces.Add(Steps("machines running", s => s.Fleet.Machines?.Running ?? 0, Palette.Good));
        }

        return new Figure(traces, new Layout
        {
            Title = title,
            XAxis = new Axis { Title = "time (UTC)", Type = AxisType.Date },
            YAxis = new Axis { Title = "count", StartAtZero = true },
            Height = 260,
            HoverMode = HoverMode.XUnified,
        });
    }

    /// <summary>A histogram of how long finished attempts ran, in seconds: succeeded ones, and failed ones beside them when there are any.</summary>
    public static Figure JobDurations(IReadOnlyList<JobAttempt> attempts, string title = "Job durations")
    {
        ArgumentNullException.ThrowIfNull(attempts);
        static Values Seconds(IEnumerable<JobAttempt> selected) =>
            Values.Numbers(selected.Where(a => a.Duration is not null).Select(a => Math.Round(a.Duration!.Value.TotalSeconds, 3)));

        var traces = new List<Trace>
        {
            Trace.Histogram("succeeded", Seconds(attempts.Where(a => a.Outcome == AttemptOutcome.Succeeded)))
                .WithColor(Palette.Good)
                .WithBinGroup("durations")
                .WithHoverTemplate("%{x} s: %{y} jobs<extra></extra>"),
        };
        var failed = attempts.Where(a => Guidance.IsFailure(a.Outcome)).ToList();
        if (failed.Count > 0)
        {
            traces[0] = ((HistogramTrace)traces[0]).WithOpacity(0.75);
            traces.Add(Trace.Histogram("failed", Seconds(failed)).WithColor(Palette.Bad).WithBinGroup("durations").WithOpacity(0.75)
                .WithHoverTemplate("%{x} s: %{y} attempts<extra></extra>"));
        }

        return new Figure(traces, new Layout
        {
            Title = title,
            XAxis = new Axis { Title = "seconds" },
            YAxis = new Axis { Title = "attempts", StartAtZero = true },
            Height = 320,
            BarMode = BarMode.Overlay,
            ShowLegend = failed.Count > 0,
        });
    }
}

using Fleetbook.Display;
using Fleetbook.Fleet;
using Fleetbook.Steps;
using Fleetbook.Tests.Local;

namespace Fleetbook.Tests.Display;

/// <summary>Shows every value it is given, in order, as a notebook output would be replaced.</summary>
internal sealed class RecordingDisplay : ILiveDisplay
{
    public List<LiveMonitorView> Shown { get; } = [];

    public void Show(object value) => Shown.Add((LiveMonitorView)value);
}

public class LiveMonitorTests
{
    private static RunStatus Status(int seconds, long visible, long inFlight, long succeeded, long dead = 0, int workers = 2) =>
        new(DisplayFixtures.T0.AddSeconds(seconds), true, visible, inFlight, dead, succeeded, 0, new FleetStatus(2, workers, $"{workers} of 2 running"), "");

    [Fact]
    public void The_display_is_redrawn_at_most_once_a_second_and_the_result_always_shows()
    {
        // Arrange
        var time = new ManualTime();
        var display = new RecordingDisplay();
        var live = new LiveMonitor(display, time: time);

        // Act: 16 polls 0.2 s apart (3.0 s of run), the last with jobs still running, then the monitor's result.
        for (var i = 0; i <= 15; i++)
        {
            live.Report(Status(i, visible: 100 - (i * 5), inFlight: 4, succeeded: i * 5));
            time.Advance(TimeSpan.FromSeconds(0.2));
        }

        var drawnWhileRunning = display.Shown.Count;
        live.Complete(new MonitorResult(Status(16, 0, 0, 100), [], null, TimeSpan.FromSeconds(3.2), Completed: true));

        // Assert: at 0, 1.0, 2.0 and 3.0 s; every status still went into the view.
        Assert.Equal(4, drawnWhileRunning);
        Assert.Equal(5, live.Redraws);
        Assert.NotNull(display.Shown[^1].Result);
        Assert.Equal(17, display.Shown[^1].Samples.Count);
    }

    [Fact]
    public void A_drained_queue_is_drawn_at_once_even_inside_the_interval()
    {
        // Arrange
        var display = new RecordingDisplay();
        var live = new LiveMonitor(display, time: new ManualTime());

        // Act
        live.Report(Status(0, visible: 2, inFlight: 0, succeeded: 0));
        live.Report(Status(0, visible: 1, inFlight: 1, succeeded: 0));
        live.Report(Status(0, visible: 0, inFlight: 0, succeeded: 2));

        // Assert
        Assert.Equal(2, display.Shown.Count);
        Assert.True(display.Shown[^1].Latest!.IsDrained);
    }

    [Fact]
    public void A_display_that_throws_is_dropped_and_reporting_goes_on()
    {
        // Arrange
        var live = new LiveMonitor(new ThrowingDisplay(), interval: TimeSpan.Zero, time: new ManualTime());

        // Act
        live.Report(Status(0, visible: 2, inFlight: 0, succeeded: 0));
        live.Report(Status(1, visible: 1, inFlight: 1, succeeded: 0));

        // Assert
        Assert.IsType<InvalidOperationException>(live.Failure);
        Assert.Equal(0, live.Redraws);
        Assert.Equal(2, live.View.Samples.Count);
    }

    [Fact]
    public void Unchanged_statuses_are_not_kept_but_the_newest_extends_the_charts()
    {
        // Arrange
        var view = LiveMonitorView.Empty;

        // Act
        view = view.Add(Status(0, 10, 0, 0)).Add(Status(1, 10, 0, 0)).Add(Status(2, 8, 2, 0)).Add(Status(5, 8, 2, 0));

        // Assert
        Assert.Equal([0, 2], view.Samples.Select(s => (int)(s.At - DisplayFixtures.T0).TotalSeconds));
        Assert.Equal([0, 2, 5], view.ChartPoints().Select(s => (int)(s.At - DisplayFixtures.T0).TotalSeconds));
    }

    [Fact]
    public void Long_timelines_are_thinned_for_the_charts_keeping_the_first_and_last_points()
    {
        // Arrange
        var view = Enumerable.Range(0, 1000).Aggregate(LiveMonitorView.Empty, (v, i) => v.Add(Status(i, 1000 - i, 0, i)));

        // Act
        var points = view.ChartPoints();

        // Assert
        Assert.Equal(LiveMonitorView.MaxChartPoints, points.Count);
        Assert.Equal(view.Samples[0], points[0]);
        Assert.Equal(view.Samples[^1], points[^1]);
    }

    [Fact]
    public void Throughput_is_measured_over_the_last_five_minutes_and_gives_the_time_left()
    {
        // Arrange: 60 jobs finished in the first 10 minutes, then 10 a minute.
        IReadOnlyList<RunStatus> samples =
        [
            Status(0, 200, 0, 0),
            Status(300, 170, 4, 26),
            Status(600, 136, 4, 60),
            Status(900, 86, 4, 110),
        ];

        // Act
        var pace = RunPace.Of(samples, samples[^1] with { At = samples[^1].At.AddSeconds(60) });

        // Assert: the window runs from the sample at 600 s (the last at or before 16 - 5 = 11 min) to 16 min.
        Assert.Equal(TimeSpan.FromMinutes(16), pace.Elapsed);
        Assert.Equal(50 / 6.0, pace.JobsPerMinute, 6);
        Assert.Equal(90 / (50 / 6.0), pace.Remaining!.Value.TotalMinutes, 6);
    }

    [Fact]
    public void Before_any_job_finishes_there_is_no_time_left_to_give()
    {
        // Act
        var pace = RunPace.Of([Status(0, 10, 0, 0)], Status(30, 6, 4, 0));

        // Assert
        Assert.Equal(0, pace.JobsPerMinute);
        Assert.Null(pace.Remaining);
    }

    [Fact]
    public void On_a_terminal_the_view_is_redrawn_over_itself_without_charts()
    {
        // Arrange
        var output = new StringWriter();
        var display = LiveDisplays.Console(output, redraw: true);

        // Act
        display.Show(DisplayFixtures.LiveRunning);
        var first = output.ToString();
        display.Show(DisplayFixtures.LiveFinished);
        var second = output.ToString()[first.Length..];

        // Assert
        var firstLines = first.Count(c => c == '\n');
        Assert.StartsWith($"\u001b[{firstLines}F\u001b[0J", second);
        Assert.DoesNotContain("Chart:", first + second);
        Snapshot.Match("live-running.terminal.txt", first);
    }

    [Fact]
    public void Redirected_output_gets_one_line_per_change_of_the_counts()
    {
        // Arrange
        var output = new StringWriter();
        var display = LiveDisplays.Console(output, redraw: false);
        var view = LiveMonitorView.Empty.Add(Status(0, 10, 0, 0));

        // Act
        display.Show(view);
        display.Show(view.Add(Status(1, 10, 0, 0)));
        display.Show(view.Add(Status(2, 8, 2, 0)));

        // Assert
        Assert.Equal(
            ["0 of 10 (0%) finished · 0 in flight · 10 waiting · 0 dead · workers 2/2", "0 of 10 (0%) finished · 2 in flight · 8 waiting · 0 dead · workers 2/2"],
            output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void The_status_line_adds_pace_machines_and_cost_when_known()
    {
        // Act
        var line = DisplayFixtures.LiveOnAws.ToStatusLine();

        // Assert
        Assert.Equal("96 of 400 (24%) finished · 4 in flight · 300 waiting · 1 dead · workers 4/4 · machines 2/2 · 16 jobs/min · about 19 min 00 s left · $0.07 so far", line);
    }

    [Fact]
    public void With_no_notebook_host_in_the_process_nothing_is_detected_and_auto_shows_nothing()
    {
        // Act
        var detected = LiveDisplays.Detect();
        var live = LiveMonitor.For(LiveDisplayMode.Auto);

        // Assert
        Assert.Null(detected);
        Assert.Null(live);
        Assert.Null(LiveMonitor.For(LiveDisplayMode.Off));
    }

    private sealed class ThrowingDisplay : ILiveDisplay
    {
        public void Show(object value) => throw new InvalidOperationException("the front end went away");
    }
}

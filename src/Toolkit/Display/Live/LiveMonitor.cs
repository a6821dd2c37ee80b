using Fleetbook.Configuration;
using Fleetbook.Steps;

namespace Fleetbook.Display;

/// <summary>
/// Keeps one live display of a monitor up to date: pass it as monitor's progress, or let monitor make one
/// (<see cref="MonitorOptions.LiveDisplay"/>). Every status goes into the <see cref="View"/>, but the display is
/// redrawn at most once per <see cref="Interval"/> (the first status, a drained queue and the monitor's result always
/// show), so a slow front end cannot hold up polling. A display that throws is dropped (<see cref="Failure"/>); the
/// run goes on.
/// </summary>
public sealed class LiveMonitor : IProgress<RunStatus>
{
    public const double DefaultIntervalSeconds = 1;

    private readonly ILiveDisplay _display;
    private readonly TimeProvider _time;
    private long? _shownAt;

    /// <param name="display">Where the view is shown and then replaced.</param>
    /// <param name="interval">The least time between two redraws; default one second, zero redraws on every status.</param>
    /// <param name="time">The clock the interval is measured on.</param>
    /// <param name="config">The run's config, whose secrets the view must not show.</param>
    /// <param name="projectDirectory">The folder paths are shown relative to.</param>
    public LiveMonitor(ILiveDisplay display, TimeSpan? interval = null, TimeProvider? time = null, RunConfig? config = null, string? projectDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(display);
        _display = display;
        _time = time ?? TimeProvider.System;
        Interval = interval ?? TimeSpan.FromSeconds(DefaultIntervalSeconds);
        View = LiveMonitorView.For(config, projectDirectory);
    }

    public TimeSpan Interval { get; }

    /// <summary>Everything seen so far, shown or not yet.</summary>
    public LiveMonitorView View { get; private set; }

    /// <summary>How many times the display was drawn.</summary>
    public int Redraws { get; private set; }

    /// <summary>Why the display was dropped, if it was.</summary>
    public Exception? Failure { get; private set; }

    /// <summary>The live monitor <paramref name="mode"/> asks for in this process, or null (off, or auto with no notebook host).</summary>
    public static LiveMonitor? For(LiveDisplayMode mode, RunConfig? config = null, string? projectDirectory = null, TimeProvider? time = null)
    {
        var display = mode switch
        {
            LiveDisplayMode.Off => null,
            LiveDisplayMode.On => LiveDisplays.Detect() ?? LiveDisplays.Console(),
            _ => LiveDisplays.Detect(),
        };
        return display is null ? null : new LiveMonitor(display, time: time, config: config, projectDirectory: projectDirectory);
    }

    public void Report(RunStatus value)
    {
        ArgumentNullException.ThrowIfNull(value);
        View = View.Add(value);
        var now = _time.GetTimestamp();
        if (_shownAt is null || value.IsDrained || !value.QueueExists || _time.GetElapsedTime(_shownAt.Value, now) >= Interval)
        {
            Draw(now);
        }
    }

    /// <summary>Shows the monitor's result: always drawn, whatever the interval.</summary>
    public void Complete(MonitorResult result)
    {
        View = View.Complete(result);
        Draw(_time.GetTimestamp());
    }

    private void Draw(long now)
    {
        if (Failure is not null)
        {
            return;
        }

        try
        {
            _display.Show(View);
            Redraws++;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Failure = e;
        }

        _shownAt = now;
    }
}

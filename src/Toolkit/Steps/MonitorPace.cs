namespace Fleetbook.Steps;

/// <summary>
/// When monitor looks next: every interval, but sooner when the run's pace says the queue will drain before then, so
/// the end of a run is seen when it happens rather than up to an interval later (on a short local run that wait is a
/// large part of the whole). Never sooner than a tenth of the interval.
/// </summary>
internal static class MonitorPace
{
    public static TimeSpan NextPoll(TimeSpan interval, RunStatus? previous, RunStatus current)
    {
        if (previous is null || current.IsDrained)
        {
            return interval;
        }

        var left = current.Visible + current.InFlight;
        var gone = previous.Visible + previous.InFlight - left;
        var elapsed = current.At - previous.At;
        if (gone <= 0 || elapsed <= TimeSpan.Zero)
        {
            return interval;
        }

        var untilDrained = elapsed * ((double)left / gone);
        var floor = interval / 10;
        return untilDrained >= interval ? interval : untilDrained < floor ? floor : untilDrained;
    }
}

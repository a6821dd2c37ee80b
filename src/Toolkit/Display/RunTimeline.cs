using Fleetbook.Steps;

namespace Fleetbook.Display;

/// <summary>
/// The statuses seen so far, for a live display: pass each status from monitor's progress to <see cref="Add"/> and
/// update one notebook output with the result (it shows the latest status and the jobs-over-time chart).
/// </summary>
[TypeFormatterSource(typeof(FleetbookFormatterSource<RunTimeline>))]
public sealed record RunTimeline(IReadOnlyList<RunStatus> Samples)
{
    public static RunTimeline Empty { get; } = new([]);

    public RunStatus? Latest => Samples.Count == 0 ? null : Samples[^1];

    public RunTimeline Add(RunStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return this with { Samples = [.. Samples, status] };
    }

    public static RunTimeline From(MonitorResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new(result.Timeline);
    }
}

using Fleetbook.Steps;

namespace Fleetbook.Display;

/// <summary>
/// How fast a run is going: jobs finished (succeeded or dead) per minute over the last few minutes, and the time the
/// jobs still waiting or in flight need at that pace (null while no job has finished in the window).
/// </summary>
public sealed record RunPace(TimeSpan Elapsed, double JobsPerMinute, TimeSpan? Remaining)
{
    /// <summary>The trailing window the rate is measured over: long enough to smooth out one slow poll, short enough to follow a fleet that grows.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    public static RunPace None { get; } = new(TimeSpan.Zero, 0, null);

    /// <param name="samples">Statuses oldest first; each holds until the next one (monitor records changes only).</param>
    /// <param name="latest">The newest status, which may repeat the last sample at a later time.</param>
    public static RunPace Of(IReadOnlyList<RunStatus> samples, RunStatus latest)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(latest);
        if (samples.Count == 0)
        {
            return None;
        }

        var elapsed = latest.At - samples[0].At;
        var cutoff = latest.At - Window;
        var baseline = samples[0];
        foreach (var sample in samples)
        {
            if (sample.At > cutoff)
            {
                break;
            }

            baseline = sample;
        }

        var span = latest.At - baseline.At;
        var finished = Finished(latest) - Finished(baseline);
        var perMinute = span > TimeSpan.Zero && finished > 0 ? finished / span.TotalMinutes : 0;
        var left = latest.Visible + latest.InFlight;
        TimeSpan? remaining = left == 0 ? TimeSpan.Zero : perMinute > 0 ? TimeSpan.FromMinutes(left / perMinute) : null;
        return new RunPace(elapsed, perMinute, remaining);
    }

    private static long Finished(RunStatus status) => status.Succeeded + status.DeadLetter;
}

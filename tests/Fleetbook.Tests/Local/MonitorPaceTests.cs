using Fleetbook.Fleet;
using Fleetbook.Steps;

namespace Fleetbook.Tests.Local;

/// <summary>Monitor looks again when the run's pace says the queue will have drained, if that is sooner than its interval.</summary>
public class MonitorPaceTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 5, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(0.5);

    [Fact]
    public void A_queue_that_drains_before_the_next_interval_is_looked_at_when_it_should_be_empty()
    {
        // 1,000 jobs gone in 0.5 s, 300 left: about 0.15 s to go.
        var next = MonitorPace.NextPoll(Interval, Status(0, 1_300), Status(0.5, 300));

        Assert.Equal(TimeSpan.FromSeconds(0.15), next);
    }

    [Fact]
    public void A_queue_far_from_drained_is_looked_at_every_interval()
    {
        Assert.Equal(Interval, MonitorPace.NextPoll(Interval, Status(0, 5_000), Status(0.5, 4_000)));
    }

    [Fact]
    public void Never_sooner_than_a_tenth_of_the_interval()
    {
        Assert.Equal(Interval / 10, MonitorPace.NextPoll(Interval, Status(0, 1_002), Status(0.5, 2)));
    }

    [Theory]
    [InlineData(1_000, 1_000)] // no progress
    [InlineData(1_000, 1_500)] // more submitted than done
    public void Without_progress_the_interval_stands(long before, long now)
    {
        Assert.Equal(Interval, MonitorPace.NextPoll(Interval, Status(0, before), Status(0.5, now)));
    }

    [Fact]
    public void The_first_look_waits_the_interval()
    {
        Assert.Equal(Interval, MonitorPace.NextPoll(Interval, null, Status(0, 10)));
    }

    private static RunStatus Status(double seconds, long left) =>
        new(Start.AddSeconds(seconds), true, left / 2, left - (left / 2), 0, 0, 0, new FleetStatus(2, 2, "2 workers"), "");
}

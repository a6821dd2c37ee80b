using Fleetbook.Fleet;
using Fleetbook.Journal;
using Fleetbook.Reports;
using Fleetbook.Steps;
using Fleetbook.Tests.Display;

namespace Fleetbook.Tests.Reports;

public sealed class JournalTimelineTests
{
    private static readonly DateTimeOffset T0 = DisplayFixtures.T0;

    [Fact]
    public void The_journal_tells_when_jobs_ran_finished_and_ended_in_the_dead_letter_queue()
    {
        // Arrange: a succeeds; b fails twice (max receives 2) and is dead; c never ran and still waits.
        JobAttempt[] attempts =
        [
            new("m-a", "a", 1, "w1", T0, T0.AddSeconds(2), AttemptOutcome.Succeeded, 0),
            new("m-b", "b", 1, "w2", T0.AddSeconds(1), T0.AddSeconds(3), AttemptOutcome.Failed, 3),
            new("m-b", "b", 2, "w1", T0.AddSeconds(4), T0.AddSeconds(5), AttemptOutcome.Failed, 3),
        ];
        var now = new RunStatus(T0.AddSeconds(10), true, 1, 0, 1, 1, 2, FleetStatus.None, "1 job waits.");

        // Act
        var timeline = JournalTimeline.Rebuild(attempts, now, maxReceives: 2);

        // Assert: (waiting, in flight, dead, done, failed attempts) at each change, then now.
        Assert.Equal(
            [
                (T0, 2L, 1L, 0L, 0L, 0L),
                (T0.AddSeconds(1), 1L, 2L, 0L, 0L, 0L),
                (T0.AddSeconds(2), 1L, 1L, 0L, 1L, 0L),
                (T0.AddSeconds(3), 2L, 0L, 0L, 1L, 1L),
                (T0.AddSeconds(4), 1L, 1L, 0L, 1L, 1L),
                (T0.AddSeconds(5), 1L, 0L, 1L, 1L, 2L),
                (T0.AddSeconds(10), 1L, 0L, 1L, 1L, 2L),
            ],
            timeline.Select(s => (s.At, s.Visible, s.InFlight, s.DeadLetter, s.Succeeded, s.Failed)));
        Assert.Same(now, timeline[^1]);
    }

    [Fact]
    public void An_attempt_still_running_stays_in_flight_until_now()
    {
        // Arrange
        JobAttempt[] attempts = [new("m-a", "a", 1, "w1", T0, Ended: null, AttemptOutcome.Running)];
        var now = new RunStatus(T0.AddSeconds(30), true, 0, 1, 0, 0, 0, FleetStatus.None, "");

        // Act
        var timeline = JournalTimeline.Rebuild(attempts, now, maxReceives: 3);

        // Assert
        Assert.Equal([(0L, 1L), (0L, 1L)], timeline.Select(s => (s.Visible, s.InFlight)));
    }

    [Fact]
    public void A_run_of_many_jobs_is_drawn_with_a_bounded_number_of_steps()
    {
        // Arrange: 5,000 jobs one second apart, each taking half a second.
        var attempts = Enumerable.Range(0, 5000)
            .Select(i => new JobAttempt($"m-{i}", $"job-{i}", 1, "w", T0.AddSeconds(i), T0.AddSeconds(i + 0.5), AttemptOutcome.Succeeded, 0))
            .ToArray();
        var now = new RunStatus(T0.AddSeconds(6000), true, 0, 0, 0, 5000, 0, FleetStatus.None, "");

        // Act
        var timeline = JournalTimeline.Rebuild(attempts, now, maxReceives: 3);

        // Assert
        Assert.InRange(timeline.Count, 500, JournalTimeline.MaxSamples + 1);
        Assert.Equal(T0, timeline[0].At);
        Assert.Equal(5000, timeline[^2].Succeeded);
        Assert.True(timeline.Zip(timeline.Skip(1)).All(p => p.First.At < p.Second.At && p.First.Succeeded <= p.Second.Succeeded));
    }

    [Fact]
    public void A_run_without_attempts_is_its_status_alone()
    {
        var now = new RunStatus(T0, true, 4, 0, 0, 0, 0, FleetStatus.None, "");

        var timeline = JournalTimeline.Rebuild([], now, maxReceives: 3);

        Assert.Same(now, Assert.Single(timeline));
    }
}

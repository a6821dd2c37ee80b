using Fleetbook.Backends.Aws.Capacity;
using Fleetbook.Configuration;
using Fleetbook.Inputs;

namespace Fleetbook.Tests.Aws.Capacity;

/// <summary>The wait for capacity on a clock run by hand: no sleeping, every branch of the loop.</summary>
public sealed class CapacityWaitTests
{
    private static readonly LaunchedCapacity Launched =
        new(FleetMode.SpotFleet, "sfr-1", null, 3, DateTimeOffset.UnixEpoch, ["m5.xlarge", "c5.xlarge"], "myFleet.json");

    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_fleet_that_fills_up_completes_and_every_look_is_reported()
    {
        var capacity = new ScriptedCapacity(Snapshot(0), Snapshot(2), Snapshot(3));
        var time = new SteppingTime();
        var seen = new List<int>();

        var outcome = await CapacityWait.WaitAsync(capacity, Launched, TimeSpan.FromMinutes(10), time, Poll, new InlineProgress(s => seen.Add(s.Running)), CancellationToken.None);

        Assert.True(outcome.Complete);
        Assert.Equal("3 of 3 machines running after 40 s.", outcome.Summary);
        Assert.Equal([0, 2, 3], seen);
        Assert.Equal(0, capacity.Removed);
    }

    [Fact]
    public async Task Past_the_limit_the_outcome_is_timed_out_with_what_runs()
    {
        var capacity = new ScriptedCapacity(Snapshot(2));
        var time = new SteppingTime();

        var outcome = await CapacityWait.WaitAsync(capacity, Launched, TimeSpan.FromMinutes(10), time, Poll, null, CancellationToken.None);

        Assert.True(outcome.TimedOut);
        Assert.False(outcome.Complete);
        Assert.Equal(2, outcome.Snapshot.Running);
        Assert.Equal("2 of 3 machines running after 10 min; EC2 reported no error; the fleet keeps asking for 3.", outcome.Summary);
        Assert.Equal(31, capacity.Looks);
    }

    [Fact]
    public async Task Insufficient_capacity_with_a_machine_up_stops_the_wait_with_a_partial_fleet()
    {
        var capacity = new ScriptedCapacity(Snapshot(0), Snapshot(2, "allLaunchSpecsTemporarilyBlacklisted"));

        var outcome = await CapacityWait.WaitAsync(capacity, Launched, TimeSpan.FromMinutes(10), new SteppingTime(), Poll, null, CancellationToken.None);

        Assert.False(outcome.Complete);
        Assert.False(outcome.TimedOut);
        Assert.Equal("2 of 3 machines running after 20 s; EC2 reports insufficient spot capacity for m5.xlarge, c5.xlarge; the fleet keeps asking for 3.", outcome.Summary);
        Assert.Equal(0, capacity.Removed);
    }

    [Fact]
    public async Task Insufficient_capacity_with_nothing_up_yet_keeps_waiting()
    {
        var capacity = new ScriptedCapacity(Snapshot(0, "allLaunchSpecsTemporarilyBlacklisted"), Snapshot(0, "allLaunchSpecsTemporarilyBlacklisted"), Snapshot(3));

        var outcome = await CapacityWait.WaitAsync(capacity, Launched, TimeSpan.FromMinutes(10), new SteppingTime(), Poll, null, CancellationToken.None);

        Assert.True(outcome.Complete);
        Assert.Equal(3, capacity.Looks);
    }

    [Fact]
    public async Task A_fleet_no_machine_can_come_from_is_removed_and_explained()
    {
        const string Error = "spotFleetRequestConfigurationInvalid: m5.xlarge, ami-0ce03502c5bb5e188, Linux/UNIX: Value (arn:aws:iam::123456789012:role/ecsInstanceRole) for parameter iamInstanceProfile.arn is invalid. Invalid IAM Instance Profile ARN";
        var capacity = new ScriptedCapacity(Snapshot(0) with { Errors = [Error, "allLaunchSpecsTemporarilyBlacklisted"], Unusable = true });

        var exception = await Assert.ThrowsAsync<InputException>(() => CapacityWait.WaitAsync(capacity, Launched, TimeSpan.FromMinutes(10), new SteppingTime(), Poll, null, CancellationToken.None));

        Assert.Equal(1, capacity.Removed);
        var problem = Assert.Single(exception.Problems);
        Assert.Equal("myFleet.json", problem.File);
        Assert.Contains("iamInstanceProfile.arn is invalid", problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("allLaunchSpecsTemporarilyBlacklisted", problem.Message, StringComparison.Ordinal);
        Assert.Contains("start cancelled the fleet", problem.Message, StringComparison.Ordinal);
        Assert.Contains("instance-profile ARN", problem.Fix, StringComparison.Ordinal);
        Assert.DoesNotContain("AMI", problem.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fleet_that_ended_under_the_wait_ends_it()
    {
        var capacity = new ScriptedCapacity(Snapshot(1), Snapshot(0) with { State = "cancelled_terminating" });

        var outcome = await CapacityWait.WaitAsync(capacity, Launched, TimeSpan.FromMinutes(10), new SteppingTime(), Poll, null, CancellationToken.None);

        Assert.False(outcome.Complete);
        Assert.False(outcome.TimedOut);
        Assert.Equal("0 of 3 machines running after 20 s; the fleet is cancelled_terminating.", outcome.Summary);
    }

    [Fact]
    public async Task Cancelling_stops_the_wait_and_leaves_the_fleet_alone()
    {
        using var cancellation = new CancellationTokenSource();
        var capacity = new ScriptedCapacity(Snapshot(1));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            CapacityWait.WaitAsync(capacity, Launched, TimeSpan.FromMinutes(10), new SteppingTime(), Poll, new InlineProgress(_ => cancellation.Cancel()), cancellation.Token));

        Assert.Equal(0, capacity.Removed);
    }

    private static CapacitySnapshot Snapshot(int running, params string[] errors) =>
        new(3, [.. Enumerable.Range(0, running).Select(i => new FleetMachine($"i-{i}", "m5.xlarge", "us-east-1a"))], errors, "active", false);

    /// <summary>Answers with the given snapshots in turn, then the last one again.</summary>
    private sealed class ScriptedCapacity(params CapacitySnapshot[] snapshots) : IMachineCapacity
    {
        public int Looks { get; private set; }

        public int Removed { get; private set; }

        public FleetMode Mode => FleetMode.SpotFleet;

        public Task<CapacitySnapshot> DescribeAsync(LaunchedCapacity launched, CancellationToken cancellationToken) =>
            Task.FromResult(snapshots[Math.Min(Looks++, snapshots.Length - 1)]);

        public Task<IReadOnlyList<string>> RemoveAsync(LaunchedCapacity launched, CancellationToken cancellationToken)
        {
            Removed++;
            return Task.FromResult<IReadOnlyList<string>>(["Cancelled Spot Fleet request sfr-1 and terminated its machines."]);
        }

        public Task<LaunchedCapacity> LaunchAsync(CapacityRequest request, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task SetTargetAsync(LaunchedCapacity launched, int machines, CancellationToken cancellationToken) => throw new NotSupportedException();
    }

    /// <summary>A clock that moves on by a timer's due time the moment the timer is set, so delays end at once.</summary>
    private sealed class SteppingTime : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Read(ref _ticks);

        public override DateTimeOffset GetUtcNow() => DateTimeOffset.UnixEpoch.AddTicks(GetTimestamp());

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            Interlocked.Add(ref _ticks, dueTime.Ticks);
            ThreadPool.QueueUserWorkItem(_ => callback(state));
            return new NoTimer();
        }

        private sealed class NoTimer : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => true;

            public void Dispose()
            {
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }

    /// <summary>Reports synchronously (Progress&lt;T&gt; posts to the thread pool, which would race the assertions).</summary>
    private sealed class InlineProgress(Action<CapacitySnapshot> report) : IProgress<CapacitySnapshot>
    {
        public void Report(CapacitySnapshot value) => report(value);
    }
}

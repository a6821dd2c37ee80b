namespace Fleetbook.Tests.Aws.Connection;

/// <summary>A clock that moves only when the test says so; timers fire from <see cref="Advance"/>.</summary>
internal sealed class ManualTimeProvider : TimeProvider
{
    private readonly Lock gate = new();
    private readonly List<ManualTimer> timers = [];
    private readonly List<TimeSpan> scheduled = [];
    private DateTimeOffset now;

    public ManualTimeProvider(DateTimeOffset start) => now = start;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <summary>Every finite due time a timer was set to, in order.</summary>
    public IReadOnlyList<TimeSpan> ScheduledDelays
    {
        get
        {
            lock (gate)
            {
                return scheduled.ToArray();
            }
        }
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate)
        {
            return now;
        }
    }

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Waits (in real time, up to 10 s) until a timer due within <paramref name="atMost"/> is pending, and returns how far off it is.</summary>
    public async Task<TimeSpan> WaitForTimerAsync(TimeSpan atMost)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            lock (gate)
            {
                var pending = timers.Where(t => t.Due is { } due && due - now <= atMost).Select(t => t.Due!.Value - now).ToList();
                if (pending.Count > 0)
                {
                    return pending.Min();
                }
            }

            await Task.Delay(5);
        }

        throw new TimeoutException($"No timer due within {atMost} was scheduled.");
    }

    public void Advance(TimeSpan by)
    {
        List<ManualTimer> due;
        lock (gate)
        {
            now += by;
            due = timers.Where(t => t.Due is { } d && d <= now).ToList();
            foreach (var timer in due)
            {
                timer.Due = null;
                timers.Remove(timer);
            }
        }

        foreach (var timer in due)
        {
            timer.Fire();
        }
    }

    private void Schedule(ManualTimer timer, TimeSpan dueTime)
    {
        lock (gate)
        {
            timers.Remove(timer);
            timer.Due = null;
            if (dueTime != Timeout.InfiniteTimeSpan)
            {
                scheduled.Add(dueTime);
                timer.Due = now + dueTime;
                timers.Add(timer);
            }
        }
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset? Due { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            owner.Schedule(this, dueTime);
            return true;
        }

        public void Fire() => callback(state);

        public void Dispose() => owner.Schedule(this, Timeout.InfiniteTimeSpan);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}

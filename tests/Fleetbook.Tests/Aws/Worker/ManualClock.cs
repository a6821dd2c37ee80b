namespace Fleetbook.Tests.Aws.Worker;

/// <summary>A clock that moves only when a test advances it; due timers fire from <see cref="Advance"/>.</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<Timer> _timers = [];
    private DateTimeOffset _now = start;

    public ManualClock()
        : this(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero))
    {
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new Timer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves the clock (backwards too, as a stepped wall clock does) and fires the timers that came due.</summary>
    public void Advance(TimeSpan by)
    {
        List<Timer> due;
        lock (_gate)
        {
            _now += by;
            due = _timers.Where(t => t.Due <= _now).OrderBy(t => t.Due).ToList();
            foreach (var timer in due)
            {
                _timers.Remove(timer);
                if (timer.Period > TimeSpan.Zero)
                {
                    timer.Due = _now + timer.Period;
                    _timers.Add(timer);
                }
            }
        }

        foreach (var timer in due)
        {
            timer.Fire();
        }
    }

    /// <summary>Waits (in real time) until some timer is pending: the code under test has reached its next wait.</summary>
    public async Task WaitForTimersAsync(int count = 1)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (PendingTimers < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"fewer than {count} timer(s) were set within 10 s");
            }

            await Task.Delay(5);
        }
    }

    public int PendingTimers
    {
        get
        {
            lock (_gate)
            {
                return _timers.Count;
            }
        }
    }

    private void Schedule(Timer timer, TimeSpan dueTime, TimeSpan period)
    {
        lock (_gate)
        {
            _timers.Remove(timer);
            timer.Period = period == Timeout.InfiniteTimeSpan ? TimeSpan.Zero : period;
            if (dueTime != Timeout.InfiniteTimeSpan)
            {
                timer.Due = _now + dueTime;
                _timers.Add(timer);
            }
        }
    }

    private sealed class Timer(ManualClock clock, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset Due { get; set; }

        public TimeSpan Period { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            clock.Schedule(this, dueTime, period);
            return true;
        }

        public void Fire() => callback(state);

        public void Dispose() => clock.Schedule(this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}

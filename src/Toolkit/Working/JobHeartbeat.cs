namespace Fleetbook.Working;

/// <summary>
/// Beats every period while a job's program runs, on a timer: a beat is a call of <c>beat(first)</c> on the thread
/// pool that returns false to stop beating. Beats never overlap, and once disposed none starts; disposing waits for a
/// beat under way. A job that ends before its first beat costs one timer and no thread at all (a cancelled
/// Task.Delay would cost a thread-pool hand-off per job).
/// </summary>
internal sealed class JobHeartbeat : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly Func<bool, Task<bool>> _beat;
    private readonly ITimer _timer;
    private Task _beating = Task.CompletedTask;
    private bool _first = true;
    private bool _ended;

    public JobHeartbeat(TimeSpan period, TimeProvider time, Func<bool, Task<bool>> beat)
    {
        _beat = beat;
        _timer = time.CreateTimer(_ => Tick(), null, period, period);
    }

    public async ValueTask DisposeAsync()
    {
        Task beating;
        lock (_gate)
        {
            _ended = true;
            beating = _beating;
        }

        await _timer.DisposeAsync();
        await beating;
    }

    private void Tick()
    {
        lock (_gate)
        {
            if (_ended || !_beating.IsCompleted)
            {
                return;
            }

            var first = _first;
            _first = false;
            _beating = BeatAsync(first);
        }
    }

    private async Task BeatAsync(bool first)
    {
        await Task.Yield(); // out of the lock and off the timer's thread
        if (!await _beat(first))
        {
            lock (_gate)
            {
                _ended = true;
            }
        }
    }
}

using System.Collections.Concurrent;

namespace Fleetbook.Working;

/// <summary>
/// Threads of their own for work that blocks for as long as a program runs (a poll on its pipes and its exit), kept
/// and reused: a blocked thread-pool thread would starve the heartbeats, and a new thread per job costs more than a
/// trivial job's bookkeeping. A worker holds at most one per copy running a program.
/// </summary>
internal static class ProgramThreads
{
    private static readonly ConcurrentBag<Lane> Idle = [];

    public static Task<T> RunAsync<T>(Func<T> work)
    {
        var lane = Idle.TryTake(out var idle) ? idle : new Lane();
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        lane.Give(() =>
        {
            try
            {
                done.SetResult(work());
            }
            catch (Exception ex)
            {
                done.SetException(ex);
            }
        });
        return done.Task;
    }

    private sealed class Lane
    {
        private readonly SemaphoreSlim _given = new(0);
        private Action? _work;

        public Lane() => new Thread(Loop) { IsBackground = true, Name = "fleetbook program" }.Start();

        public void Give(Action work)
        {
            _work = work;
            _given.Release();
        }

        private void Loop()
        {
            while (true)
            {
                _given.Wait();
                var work = Interlocked.Exchange(ref _work, null);
                work?.Invoke();
                Idle.Add(this);
            }
        }
    }
}

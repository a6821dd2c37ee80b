using System.Collections.Concurrent;

namespace Fleetbook.Working;

/// <summary>
/// Runs one worker copy's loop on a thread of its own, every continuation of it back on that thread, and lets the
/// program's run block that thread (<see cref="SpawnedProgram"/>) instead of handing it to another. A trivial job
/// then costs no thread switch in the worker at all: on 2 cores the thread pool's hand-offs and the spinning of its
/// idle threads took more CPU than the worker's own bookkeeping. Whatever runs beside the job (its heartbeat) runs on
/// the thread pool.
/// </summary>
internal static class CopyThread
{
    /// <summary>Whether the caller is a copy's loop, which may block its thread for as long as a program runs.</summary>
    public static bool IsCurrent => SynchronizationContext.Current is Context;

    public static Task RunAsync(Func<Task> loop, string name)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            var context = new Context();
            SynchronizationContext.SetSynchronizationContext(context);
            try
            {
                var task = loop();
                task.ContinueWith(_ => context.Complete(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                context.RunUntilComplete();
                task.GetAwaiter().GetResult();
                done.SetResult();
            }
            catch (Exception ex)
            {
                done.SetException(ex);
            }
            finally
            {
                SynchronizationContext.SetSynchronizationContext(null);
            }
        })
        {
            IsBackground = true,
            Name = "fleetbook " + name,
        };
        thread.Start();
        return done.Task;
    }

    /// <summary>For a piece of work that blocks the copy's thread: whatever it awaits inside must not wait for this (blocked) thread.</summary>
    public static Blocking BeginBlocking()
    {
        var context = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        return new Blocking(context);
    }

    public readonly struct Blocking(SynchronizationContext? context) : IDisposable
    {
        public void Dispose() => SynchronizationContext.SetSynchronizationContext(context);
    }

    private sealed class Context : SynchronizationContext
    {
        private readonly BlockingCollection<(SendOrPostCallback Callback, object? State)> _posted = [];

        public override void Post(SendOrPostCallback d, object? state)
        {
            try
            {
                _posted.Add((d, state));
            }
            catch (InvalidOperationException)
            {
                ThreadPool.QueueUserWorkItem(s => d(s), state); // the loop has ended: late work runs on the pool
            }
        }

        public override void Send(SendOrPostCallback d, object? state) => throw new NotSupportedException("a worker copy's thread takes posted work only");

        public override SynchronizationContext CreateCopy() => this;

        public void Complete() => _posted.CompleteAdding();

        public void RunUntilComplete()
        {
            foreach (var (callback, state) in _posted.GetConsumingEnumerable())
            {
                callback(state);
            }
        }
    }
}

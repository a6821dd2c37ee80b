using System.Collections.Concurrent;

namespace Fleetbook.Jobs;

/// <summary>
/// Reads a sequence on a thread of its own, a few batches ahead of the one using it: reading a job file (parsing, building
/// messages) and what is done with each job (checking, sending) then share the machine's cores.
/// </summary>
internal static class ReadAhead
{
    /// <summary>
    /// Items per batch for a reader of jobs whose items are passed on one at a time: few enough that those in between the
    /// threads stay in the GC's youngest generation; more would outlive it, and every collection would go through them again.
    /// </summary>
    public const int SmallBatch = 250;

    /// <summary>The items of <paramref name="items"/> in order, in lists of up to <paramref name="size"/>; the reader's exceptions come out here.</summary>
    public static IEnumerable<List<T>> Batches<T>(IEnumerable<T> items, int size, int ahead = 4)
    {
        using var stop = new CancellationTokenSource();
        using var ready = new BlockingCollection<List<T>>(ahead);
        var reader = Task.Run(() =>
        {
            try
            {
                var batch = new List<T>(size);
                foreach (var item in items)
                {
                    batch.Add(item);
                    if (batch.Count == size)
                    {
                        ready.Add(batch, stop.Token);
                        batch = new List<T>(size);
                    }
                }

                if (batch.Count > 0)
                {
                    ready.Add(batch, stop.Token);
                }
            }
            finally
            {
                ready.CompleteAdding();
            }
        });

        try
        {
            foreach (var batch in ready.GetConsumingEnumerable())
            {
                yield return batch;
            }
        }
        finally
        {
            // Stopped early (the user of the items failed): let the reader stop too, and keep its error out of the way.
            stop.Cancel();
            try
            {
                reader.Wait();
            }
            catch (AggregateException) when (stop.IsCancellationRequested)
            {
            }
        }

        reader.GetAwaiter().GetResult();
    }
}

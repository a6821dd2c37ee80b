using Fleetbook.Backends;
using Fleetbook.Configuration;
using Fleetbook.Fleet;
using Fleetbook.Journal;
using Fleetbook.Logs;
using Fleetbook.Queues;
using Fleetbook.Storage;

namespace Fleetbook.Tests.Support;

/// <summary>
/// A backend that is <paramref name="inner"/> but for its queues: <paramref name="opened"/> runs each time a queue is
/// opened, and <paramref name="sending"/> before each batch is sent (with the number of that batch, from 0), so that a
/// test can change the world at those moments, or fail a send.
/// </summary>
public sealed class HookedQueueBackend(IRunBackend inner, Action? opened = null, Action<int>? sending = null) : IRunBackend
{
    public string Kind => inner.Kind;
    public string Location => inner.Location;
    public IQueueService Queues { get; } = new HookedQueues(inner.Queues, opened, sending);
    public IObjectStore Bucket => inner.Bucket;
    public IJobJournal Journal => inner.Journal;
    public ILogStore Logs => inner.Logs;
    public IFleet Fleet => inner.Fleet;

    public IReadOnlyDictionary<string, string> WorkerEnvironment(string queueUrl) => inner.WorkerEnvironment(queueUrl);

    public IReadOnlyList<string> DescribeResources() => inner.DescribeResources();

    public Task<IReadOnlyList<string>> SetupAsync(QueueInfo queue, CancellationToken cancellationToken) => inner.SetupAsync(queue, cancellationToken);

    public Task<IReadOnlyList<Steps.PreflightCheck>> PreflightAsync(FleetFileContents? fleetFile, CancellationToken cancellationToken) =>
        inner.PreflightAsync(fleetFile, cancellationToken);

    public Task<Steps.CleanupResult> CleanupAsync(CancellationToken cancellationToken) => inner.CleanupAsync(cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();

    private sealed class HookedQueues(IQueueService inner, Action? opened, Action<int>? sending) : IQueueService
    {
        public Task<QueueInfo> EnsureAsync(QueueSpec spec, CancellationToken cancellationToken) => inner.EnsureAsync(spec, cancellationToken);

        public async Task<IJobQueue?> OpenAsync(string name, CancellationToken cancellationToken)
        {
            opened?.Invoke();
            return await inner.OpenAsync(name, cancellationToken) is { } queue ? new HookedQueue(queue, sending) : null;
        }

        public Task<bool> DeleteAsync(string name, CancellationToken cancellationToken) => inner.DeleteAsync(name, cancellationToken);
    }

    private sealed class HookedQueue(IJobQueue inner, Action<int>? sending) : IJobQueue
    {
        private int _batches;

        public string Name => inner.Name;
        public string Url => inner.Url;

        public Task<SendResult> SendBatchAsync(IReadOnlyList<string> bodies, CancellationToken cancellationToken)
        {
            sending?.Invoke(_batches++);
            return inner.SendBatchAsync(bodies, cancellationToken);
        }

        public Task<IReadOnlyList<QueueMessage>> ReceiveAsync(int maxMessages, TimeSpan wait, CancellationToken cancellationToken) =>
            inner.ReceiveAsync(maxMessages, wait, cancellationToken);

        public Task<bool> DeleteAsync(string receiptHandle, CancellationToken cancellationToken) => inner.DeleteAsync(receiptHandle, cancellationToken);

        public Task<bool> ChangeVisibilityAsync(string receiptHandle, TimeSpan visibility, CancellationToken cancellationToken) =>
            inner.ChangeVisibilityAsync(receiptHandle, visibility, cancellationToken);

        public Task<QueueCounts> GetCountsAsync(CancellationToken cancellationToken) => inner.GetCountsAsync(cancellationToken);

        public Task<IReadOnlyList<QueueMessage>> PeekAsync(int maxMessages, CancellationToken cancellationToken) => inner.PeekAsync(maxMessages, cancellationToken);
    }
}

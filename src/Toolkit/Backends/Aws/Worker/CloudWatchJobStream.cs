using Fleetbook.Backends.Aws.Services.Logs;
using Fleetbook.Logs;

namespace Fleetbook.Backends.Aws.Worker;

/// <summary>
/// One job's CloudWatch stream. Lines wait in a buffer that is sent when it holds a full batch (10,000 events or
/// about 1 MB), when its oldest line is <see cref="CloudWatchLogStore.FlushInterval"/> old, and when the stream is
/// disposed. Sends happen one at a time and take whatever is buffered at that moment, so events reach CloudWatch
/// in the order they were written.
/// </summary>
internal sealed class CloudWatchJobStream : ILogStream
{
    private readonly CloudWatchLogStore _store;
    private readonly string _jobId;
    private readonly string _streamName;
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly ITimer _timer;
    private List<InputLogEvent> _pending = [];
    private List<InputLogEvent> _full = [];
    private int _pendingBytes;
    private DateTimeOffset _last = DateTimeOffset.MinValue;
    private bool _created;
    private bool _disposed;

    public CloudWatchJobStream(CloudWatchLogStore store, string jobId, string streamName)
    {
        _store = store;
        _jobId = jobId;
        _streamName = streamName;
        _timer = store.Time.CreateTimer(_ => _ = FlushAsync(everything: true), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public async Task CreateAsync() => _created = await _store.CreateStreamAsync(_jobId, _streamName);

    public async Task WriteLineAsync(string line, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        bool full;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);

            // Never earlier than the line before, even if the wall clock steps back: a batch must be in time order.
            var now = _store.Time.GetUtcNow();
            _last = now > _last ? now : _last;
            var wasEmpty = _pending.Count == 0 && _full.Count == 0;
            foreach (var message in LogBatches.Messages(line))
            {
                var logEvent = new InputLogEvent(_last, message);
                var size = LogBatches.SizeOf(logEvent);
                if (_pendingBytes + size > LogBatches.MaxBatchBytes || _pending.Count == LogBatches.MaxEventsPerBatch)
                {
                    // A full batch waits for the send in progress (if any) while new lines start the next one.
                    _full.AddRange(_pending);
                    _pending = [];
                    _pendingBytes = 0;
                }

                _pending.Add(logEvent);
                _pendingBytes += size;
            }

            if (wasEmpty)
            {
                _timer.Change(_store.FlushInterval, Timeout.InfiniteTimeSpan);
            }

            full = _full.Count > 0;
        }

        if (full)
        {
            await FlushAsync(everything: false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        await _timer.DisposeAsync();
        await FlushAsync(everything: true);
    }

    /// <summary>
    /// Sends the full batches, and with <paramref name="everything"/> the lines after them too. Never throws: it runs
    /// from a timer, and a log must not fail its job.
    /// </summary>
    private async Task FlushAsync(bool everything)
    {
        await _sending.WaitAsync();
        try
        {
            List<InputLogEvent> events;
            lock (_gate)
            {
                events = _full;
                _full = [];
                if (everything)
                {
                    events.AddRange(_pending);
                    _pending = [];
                    _pendingBytes = 0;
                    if (!_disposed)
                    {
                        _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                    }
                }
            }

            foreach (var batch in LogBatches.Split(events))
            {
                await SendAsync(batch);
            }
        }
        finally
        {
            _sending.Release();
        }
    }

    private async Task SendAsync(IReadOnlyList<InputLogEvent> batch)
    {
        try
        {
            if (!_created && !(_created = await _store.CreateStreamAsync(_jobId, _streamName)))
            {
                _store.Lost(_jobId, _streamName, batch, "the stream could not be created");
                return;
            }

            PutLogEventsResponse response;
            try
            {
                response = await Put(batch);
            }
            catch (AwsServiceException ex) when (ex.Code == "ResourceNotFoundException")
            {
                // The stream was deleted while the job ran (or never made it): make it again, once.
                if (!(_created = await _store.CreateStreamAsync(_jobId, _streamName)))
                {
                    _store.Lost(_jobId, _streamName, batch, ex.Message);
                    return;
                }

                response = await Put(batch);
            }

            ReportRejected(batch, response.RejectedLogEventsInfo);
        }
        catch (Exception ex)
        {
            _store.Lost(_jobId, _streamName, batch, ex.Message);
        }
    }

    private Task<PutLogEventsResponse> Put(IReadOnlyList<InputLogEvent> batch) =>
        _store.Logs.PutLogEventsAsync(new PutLogEventsRequest(_store.LogGroup, _streamName, batch), CancellationToken.None);

    private void ReportRejected(IReadOnlyList<InputLogEvent> batch, RejectedLogEventsInfo? rejected)
    {
        if (rejected is null)
        {
            return;
        }

        var tooOld = Math.Max(rejected.TooOldLogEventEndIndex ?? -1, rejected.ExpiredLogEventEndIndex ?? -1) + 1;
        var tooNew = rejected.TooNewLogEventStartIndex is { } start ? batch.Count - start : 0;
        if (tooOld + tooNew > 0)
        {
            var refused = batch.Take(Math.Min(tooOld, batch.Count)).Concat(batch.Skip(Math.Max(tooOld, batch.Count - tooNew))).ToList();
            _store.Lost(_jobId, _streamName, refused, "CloudWatch Logs refused them as too old or too new (check the machine's clock)");
        }
    }
}

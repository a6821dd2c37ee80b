using System.Globalization;
using System.Text;
using Fleetbook.Logs;
using Fleetbook.Storage;

namespace Fleetbook.Backends.Aws.Storage;

/// <summary>
/// Job logs as objects in the run's bucket, for now: each job stream is buffered and uploaded when it ends, as
/// <c>fleetbook/&lt;app&gt;/logs/jobs/&lt;job&gt;/&lt;timestamp&gt;-&lt;random&gt;.log</c>; retries and duplicates of a job each add an
/// object beside the earlier ones, so the folder reads like DS's one CloudWatch stream per job. Worker streams go to
/// the worker's standard output, which the awslogs driver sends to the per-instance log group.
/// </summary>
/// <remarks>CloudWatch Logs (LOG_GROUP_NAME, live tails) replaces the job part later; this keeps the first AWS backend to SQS and S3.</remarks>
public sealed class S3LogStore : ILogStore
{
    private readonly IObjectStore _bucket;
    private readonly TimeProvider _time;
    private readonly TextWriter _workerOutput;
    private readonly Lock _outputLock = new();

    /// <param name="bucket">The run's bucket.</param>
    /// <param name="appName">The run's APP_NAME (the key prefix).</param>
    /// <param name="time">Stamps lines and names objects.</param>
    /// <param name="workerOutput">Where worker streams write (standard output in the worker).</param>
    public S3LogStore(IObjectStore bucket, string appName, TimeProvider time, TextWriter workerOutput)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        ArgumentException.ThrowIfNullOrEmpty(appName);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(workerOutput);
        _bucket = bucket;
        AppName = appName;
        _time = time;
        _workerOutput = workerOutput;
    }

    public string AppName { get; }

    /// <summary>A job's log is uploaded in pieces of about this size while it runs, so a chatty job does not fill memory.</summary>
    public int FlushBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>Problems uploading a log are written here (the worker's output) instead of failing the job.</summary>
    public TextWriter WarningOutput => _workerOutput;

    public Task<ILogStream> OpenJobStreamAsync(string jobId, CancellationToken cancellationToken) =>
        Task.FromResult<ILogStream>(new BufferedJobLog(this, RunKeys.JobLogFolder(AppName, jobId)));

    public Task<ILogStream> OpenWorkerStreamAsync(string workerId, CancellationToken cancellationToken) =>
        Task.FromResult<ILogStream>(new WriterLogStream(this, workerId));

    public string? JobLogLocation(string jobId) => $"the objects under {RunKeys.JobLogFolder(AppName, jobId)} in bucket {_bucket.Name}";

    /// <summary>The last lines of the job's newest log objects (timestamps included), reading back only as far as needed.</summary>
    public async Task<IReadOnlyList<string>> TailJobAsync(string jobId, int maxLines, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxLines);
        if (maxLines == 0)
        {
            return [];
        }

        var keys = new List<string>();
        await foreach (var item in _bucket.ListAsync(RunKeys.JobLogFolder(AppName, jobId), cancellationToken))
        {
            keys.Add(item.Key);
        }

        var lines = new List<string>();
        foreach (var key in keys.OrderByDescending(k => k, StringComparer.Ordinal))
        {
            if (await _bucket.GetBytesAsync(key, cancellationToken) is not { } bytes)
            {
                continue;
            }

            var text = Encoding.UTF8.GetString(bytes).TrimEnd('\n').Split('\n').Select(l => l.TrimEnd('\r'));
            lines.InsertRange(0, text);
            if (lines.Count >= maxLines)
            {
                break;
            }
        }

        return lines.Count > maxLines ? lines[^maxLines..] : lines;
    }

    private string Stamp() => _time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Stamped lines, one per line of <paramref name="line"/>, as the local log files have them.</summary>
    private void AppendStamped(StringBuilder text, string line)
    {
        var stamp = Stamp();
        foreach (var part in (line ?? "").Split('\n'))
        {
            text.Append(stamp).Append(' ').Append(part.TrimEnd('\r')).Append('\n');
        }
    }

    /// <summary>Names sort by time: <c>20250131T120000123Z-1a2b3c4d.log</c>.</summary>
    private string NewObjectName() =>
        _time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8] + ".log";

    private sealed class BufferedJobLog(S3LogStore store, string folder) : ILogStream
    {
        private readonly StringBuilder _buffer = new();
        private readonly SemaphoreSlim _gate = new(1, 1);

        public async Task WriteLineAsync(string line, CancellationToken cancellationToken)
        {
            await _gate.WaitAsync(cancellationToken);
            try
            {
                store.AppendStamped(_buffer, line);
                if (_buffer.Length >= store.FlushBytes)
                {
                    await UploadAsync();
                }
            }
            finally
            {
                _gate.Release();
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _gate.WaitAsync();
            try
            {
                await UploadAsync();
            }
            finally
            {
                _gate.Release();
                _gate.Dispose();
            }
        }

        /// <summary>A log that cannot be uploaded must not fail the job it describes: say so on the worker's output.</summary>
        private async Task UploadAsync()
        {
            if (_buffer.Length == 0)
            {
                return;
            }

            var key = folder + store.NewObjectName();
            var bytes = Encoding.UTF8.GetBytes(_buffer.ToString());
            _buffer.Clear();
            try
            {
                await store._bucket.PutBytesAsync(key, bytes, CancellationToken.None);
            }
            catch (IOException ex)
            {
                store.WriteWorkerLine($"WARNING: the job log {key} could not be uploaded: {ex.Message}");
            }
        }
    }

    private void WriteWorkerLine(string line)
    {
        var text = new StringBuilder();
        AppendStamped(text, line);
        lock (_outputLock)
        {
            _workerOutput.Write(text.ToString());
            _workerOutput.Flush();
        }
    }

    private sealed class WriterLogStream(S3LogStore store, string workerId) : ILogStream
    {
        public Task WriteLineAsync(string line, CancellationToken cancellationToken)
        {
            store.WriteWorkerLine($"[{workerId}] {line}");
            return Task.CompletedTask;
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

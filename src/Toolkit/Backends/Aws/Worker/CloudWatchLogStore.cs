using System.Globalization;
using Fleetbook.Backends.Aws.Services.Logs;
using Fleetbook.Logs;

namespace Fleetbook.Backends.Aws.Worker;

/// <summary>
/// Job logs in CloudWatch Logs, as Distributed-Something keeps them: one stream per job in the run's log group
/// (LOG_GROUP_NAME), named by the job id (see <see cref="LogStreamNames"/>), so retries and duplicates of a job
/// append to the same stream. Lines are batched into PutLogEvents calls. Worker streams go to the worker's standard
/// output, which the awslogs driver ships to <c>LOG_GROUP_NAME_perInstance</c>.
/// </summary>
/// <remarks>A log that cannot be written never fails the job it describes: the lines go to the worker's output instead, after a warning.</remarks>
public sealed class CloudWatchLogStore : ILogStore
{
    /// <summary>A line waits at most this long in the buffer before it is sent.</summary>
    public static readonly TimeSpan DefaultFlushInterval = TimeSpan.FromSeconds(2);

    private const string AlreadyExists = "ResourceAlreadyExistsException";
    private const string NotFound = "ResourceNotFoundException";

    private readonly Lock _outputLock = new();
    private readonly TextWriter _workerOutput;

    /// <param name="logs">The CloudWatch Logs client (its connection retries throttling and transient failures).</param>
    /// <param name="logGroup">LOG_GROUP_NAME; it must exist (the run's start creates it, with its retention).</param>
    /// <param name="time">Stamps events and drives the flush interval.</param>
    /// <param name="workerOutput">Worker streams and warnings (standard output in the worker).</param>
    /// <param name="flushInterval">How long a line may wait in the buffer; <see cref="DefaultFlushInterval"/> when null.</param>
    public CloudWatchLogStore(LogsClient logs, string logGroup, TimeProvider time, TextWriter workerOutput, TimeSpan? flushInterval = null)
    {
        ArgumentNullException.ThrowIfNull(logs);
        ArgumentException.ThrowIfNullOrEmpty(logGroup);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(workerOutput);
        Logs = logs;
        LogGroup = logGroup;
        Time = time;
        _workerOutput = workerOutput;
        FlushInterval = flushInterval ?? DefaultFlushInterval;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(FlushInterval, TimeSpan.Zero, nameof(flushInterval));
    }

    public string LogGroup { get; }

    public TimeSpan FlushInterval { get; }

    internal LogsClient Logs { get; }

    internal TimeProvider Time { get; }

    /// <summary>Creates the job's stream unless it exists; a stream that cannot be created is tried again at the first flush.</summary>
    public async Task<ILogStream> OpenJobStreamAsync(string jobId, CancellationToken cancellationToken)
    {
        var stream = new CloudWatchJobStream(this, jobId, LogStreamNames.For(jobId));
        await stream.CreateAsync();
        return stream;
    }

    public Task<ILogStream> OpenWorkerStreamAsync(string workerId, CancellationToken cancellationToken) =>
        Task.FromResult<ILogStream>(new WorkerOutputStream(this, workerId));

    public string? JobLogLocation(string jobId) => $"CloudWatch Logs group {LogGroup}, stream {LogStreamNames.For(jobId)}";

    /// <summary>The last lines of the job's stream, each stamped as the local log files have them.</summary>
    public async Task<IReadOnlyList<string>> TailJobAsync(string jobId, int maxLines, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxLines);
        var lines = new List<string>();
        string? token = null;
        while (lines.Count < maxLines)
        {
            GetLogEventsResponse page;
            try
            {
                var request = new GetLogEventsRequest(LogStreamNames.For(jobId), LogGroup, StartFromHead: false, NextToken: token,
                    Limit: Math.Min(LogBatches.MaxEventsPerBatch, maxLines - lines.Count));
                page = await Logs.GetLogEventsAsync(request, cancellationToken);
            }
            catch (AwsServiceException ex) when (ex.Code == NotFound)
            {
                break;
            }

            lines.InsertRange(0, page.Events.Select(e => $"{Stamp(e.Timestamp ?? DateTimeOffset.UnixEpoch)} {e.Message}"));
            if (page.Events.Count == 0 || page.NextBackwardToken is null || page.NextBackwardToken == token)
            {
                break;
            }

            token = page.NextBackwardToken;
        }

        return lines.Count > maxLines ? lines[^maxLines..] : lines;
    }

    /// <summary>True when the stream exists now (created, or there already); false, after a warning, when it could not be created.</summary>
    internal async Task<bool> CreateStreamAsync(string jobId, string streamName)
    {
        try
        {
            await Logs.CreateLogStreamAsync(new CreateLogStreamRequest(LogGroup, streamName), CancellationToken.None);
            return true;
        }
        catch (AwsServiceException ex) when (ex.Code == AlreadyExists)
        {
            return true;
        }
        catch (Exception ex)
        {
            var why = ex is AwsServiceException { Code: NotFound } ? $"the log group {LogGroup} does not exist" : ex.Message;
            WriteWorkerLine($"WARNING: could not create the log stream {LogGroup}/{streamName} for job {jobId}: {why}");
            return false;
        }
    }

    /// <summary>Lines that could not be sent go to the worker's output, so that the per-instance log group still has them.</summary>
    internal void Lost(string jobId, string streamName, IReadOnlyList<InputLogEvent> events, string why)
    {
        lock (_outputLock)
        {
            WriteWorkerLine($"WARNING: {events.Count} line(s) of job {jobId} could not be written to {LogGroup}/{streamName}: {why}; they follow.");
            foreach (var logEvent in events)
            {
                _workerOutput.WriteLine($"{Stamp(logEvent.Timestamp)} [{jobId}] {logEvent.Message}");
            }

            _workerOutput.Flush();
        }
    }

    internal void WriteWorkerLine(string line)
    {
        lock (_outputLock)
        {
            _workerOutput.WriteLine($"{Stamp(Time.GetUtcNow())} {line}");
            _workerOutput.Flush();
        }
    }

    internal static string Stamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private sealed class WorkerOutputStream(CloudWatchLogStore store, string workerId) : ILogStream
    {
        public Task WriteLineAsync(string line, CancellationToken cancellationToken)
        {
            store.WriteWorkerLine($"[{workerId}] {line}");
            return Task.CompletedTask;
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

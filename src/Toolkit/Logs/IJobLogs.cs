namespace Fleetbook.Logs;

/// <summary>A log stream: one per job (LOG_GROUP_NAME) or per worker (LOG_GROUP_NAME_perInstance).</summary>
public interface ILogStream : IAsyncDisposable
{
    Task WriteLineAsync(string line, CancellationToken cancellationToken);
}

/// <summary>Stands in for the two CloudWatch log groups: per-job streams and per-worker streams.</summary>
public interface ILogStore
{
    Task<ILogStream> OpenJobStreamAsync(string jobId, CancellationToken cancellationToken);

    Task<ILogStream> OpenWorkerStreamAsync(string workerId, CancellationToken cancellationToken);

    /// <summary>
    /// The last <paramref name="maxLines"/> lines of a job's log (for failure reports); empty when there is none. Reads a
    /// bounded amount from the end, so a line longer than that comes back cut, starting with '…'.
    /// </summary>
    Task<IReadOnlyList<string>> TailJobAsync(string jobId, int maxLines, CancellationToken cancellationToken);

    /// <summary>Where a job's whole log can be read (a file, a log group and stream, a bucket prefix), for reports that show only its end.</summary>
    string? JobLogLocation(string jobId) => null;
}

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

    /// <summary>The last <paramref name="maxLines"/> lines of a job's log (for failure reports); empty when there is none.</summary>
    Task<IReadOnlyList<string>> TailJobAsync(string jobId, int maxLines, CancellationToken cancellationToken);
}

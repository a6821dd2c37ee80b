using System.Text;
using Fleetbook.Logs;

namespace Fleetbook.Backends.Local;

/// <summary>
/// The two CloudWatch log groups as folders: <c>jobs/&lt;job id&gt;.log</c> and <c>workers/&lt;worker id&gt;.log</c>
/// under the run's <c>logs</c> folder. Streams append, so retries and duplicates of a job share its log, as
/// CloudWatch streams do.
/// </summary>
public sealed class FileLogStore : ILogStore
{
    private const int TailBlockSize = 64 * 1024;

    /// <summary>The most a tail reads from the end of a log: a line longer than what is left comes back cut.</summary>
    public const int MaxTailBytes = 4 * 1024 * 1024;

    private readonly TimeProvider time;

    /// <param name="folder">The <c>logs</c> folder itself (created when first written).</param>
    /// <param name="time">Stamps each line.</param>
    public FileLogStore(string folder, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentNullException.ThrowIfNull(time);
        Folder = Path.GetFullPath(folder);
        this.time = time;
    }

    public string Folder { get; }

    /// <summary>The file of a job's log; ids with characters unsafe in file names are mapped (see the class docs).</summary>
    public string JobLogPath(string jobId) => Path.Combine(Folder, "jobs", LogFileNames.For(jobId) + ".log");

    public string WorkerLogPath(string workerId) => Path.Combine(Folder, "workers", LogFileNames.For(workerId) + ".log");

    public Task<ILogStream> OpenJobStreamAsync(string jobId, CancellationToken cancellationToken) =>
        Task.FromResult<ILogStream>(new FileLogStream(JobLogPath(jobId), time));

    public Task<ILogStream> OpenWorkerStreamAsync(string workerId, CancellationToken cancellationToken) =>
        Task.FromResult<ILogStream>(new FileLogStream(WorkerLogPath(workerId), time));

    public string? JobLogLocation(string jobId) => JobLogPath(jobId);

    /// <summary>The last lines as written, timestamps included; reads only the end of a long log.</summary>
    public async Task<IReadOnlyList<string>> TailJobAsync(string jobId, int maxLines, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxLines);
        FileStream stream;
        try
        {
            stream = new FileStream(JobLogPath(jobId), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, useAsync: true);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return [];
        }

        await using (stream)
        {
            return maxLines == 0 ? [] : await ReadLastLinesAsync(stream, maxLines, cancellationToken);
        }
    }

    /// <summary>
    /// Reads blocks backwards from the end until it has seen enough line breaks ('\n' never occurs inside a UTF-8
    /// sequence), or <see cref="MaxTailBytes"/>; a first line cut by that limit is kept, starting with '…'.
    /// </summary>
    private static async Task<IReadOnlyList<string>> ReadLastLinesAsync(FileStream stream, int maxLines, CancellationToken cancellationToken)
    {
        var length = stream.Length;
        var start = length;
        var tail = Array.Empty<byte>();
        var breaks = 0;
        while (start > 0 && breaks <= maxLines && length - start < MaxTailBytes)
        {
            var size = (int)Math.Min(Math.Min(TailBlockSize, start), MaxTailBytes - (length - start));
            start -= size;
            var block = new byte[size + tail.Length];
            stream.Position = start;
            await stream.ReadExactlyAsync(block.AsMemory(0, size), cancellationToken);
            tail.CopyTo(block, size);
            breaks += block.AsSpan(0, size).Count((byte)'\n');
            tail = block;
        }

        var text = Encoding.UTF8.GetString(tail);
        var lines = text.Split('\n');
        var count = lines.Length;
        if (count > 0 && lines[^1].Length == 0)
        {
            count--; // the final line break ends the last line rather than starting a new one
        }

        // A block boundary may cut the first line: drop it when there are lines enough after it, else show what is left of it.
        var cutFirst = start > 0 && count > 0;
        if (cutFirst && count - 1 >= maxLines)
        {
            return lines[(count - maxLines)..count].Select(line => line.TrimEnd('\r')).ToArray();
        }

        if (cutFirst)
        {
            lines[0] = "…" + lines[0].TrimStart('\uFFFD'); // the cut may fall inside a character
        }

        var skip = Math.Max(0, count - maxLines);
        return lines[skip..count].Select(line => line.TrimEnd('\r')).ToArray();
    }
}

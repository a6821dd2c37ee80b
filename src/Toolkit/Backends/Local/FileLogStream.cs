using System.Globalization;
using System.Text;
using Fleetbook.Logs;

namespace Fleetbook.Backends.Local;

/// <summary>
/// Appends timestamped lines to a log file. Each call is one append, visible to readers at once; several writers
/// (threads or processes) can share the file, and their lines interleave whole.
/// </summary>
internal sealed class FileLogStream : ILogStream
{
    private readonly AppendOnlyFile file;
    private readonly TimeProvider time;

    public FileLogStream(string path, TimeProvider time)
    {
        file = AppendOnlyFile.Open(path);
        this.time = time;
    }

    /// <summary>Writes <c>2025-01-31T12:00:00.000Z line</c>; a line with line breaks in it is written as several lines, each stamped.</summary>
    public Task WriteLineAsync(string line, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var stamp = time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var text = new StringBuilder();
        foreach (var part in (line ?? "").Split('\n'))
        {
            text.Append(stamp).Append(' ').Append(part.TrimEnd('\r')).Append('\n');
        }

        file.Append(Encoding.UTF8.GetBytes(text.ToString()));
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        file.Dispose();
        return ValueTask.CompletedTask;
    }
}

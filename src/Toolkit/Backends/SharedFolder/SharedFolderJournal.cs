using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Fleetbook.Backends.Local;
using Fleetbook.Journal;

namespace Fleetbook.Backends.SharedFolder;

/// <summary>
/// The attempt journal on a shared file system: every process that records attempts appends to a file of its own,
/// <c>journal/&lt;writer&gt;.jsonl</c>, one JSON line per record, so no two processes ever write one file and no lock is
/// needed. Readers fold every file (reading on from where they stopped last time) into one attempt per message and
/// attempt number: a finished attempt beats a running one, the attempt's own worker beats another process that
/// recorded it as lost, and otherwise the later record wins. A last line without its line break is still being
/// written and is read next time.
/// </summary>
public sealed class SharedFolderJournal : IJobJournal
{
    public const string FileExtension = ".jsonl";

    private readonly string _file;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _reading = new(1, 1);
    private readonly Dictionary<string, (long Offset, byte[] Partial)> _read = new(StringComparer.Ordinal);
    private readonly Dictionary<(string MessageId, int Attempt), Entry> _attempts = [];

    /// <param name="folder">The journal folder, shared by every writer.</param>
    /// <param name="writer">This process's own name among the writers (a worker's id); its records go to <c>&lt;writer&gt;.jsonl</c>.</param>
    /// <param name="time">Stamps each record, so that the later of two records of one attempt wins.</param>
    public SharedFolderJournal(string folder, string writer, TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentException.ThrowIfNullOrWhiteSpace(writer);
        Folder = Path.GetFullPath(folder);
        Writer = LogFileNames.For(writer);
        _file = Path.Combine(Folder, Writer + FileExtension);
    }

    public string Folder { get; }

    public string Writer { get; }

    /// <summary>A writer name for a process that is not a worker (monitor, status on the login node): host, process and a random part.</summary>
    public static string LoginWriter() => $"login-{Environment.MachineName}-{Environment.ProcessId}-{MessageFileName.NewReceipt()[..6]}";

    public Task RecordAsync(JobAttempt attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        var line = JsonSerializer.Serialize(JournalLine.From(attempt, _time.GetUtcNow().UtcTicks), JournalLineJson.Default.JournalLine) + "\n";

        // Opened and closed per record: an NFS client sends what it wrote to the server at close, so the login node sees it.
        lock (_file)
        {
            using var writer = AppendOnlyFile.Open(_file);
            writer.Append(Encoding.UTF8.GetBytes(line));
        }

        return Task.CompletedTask;
    }

    public async Task<IReadOnlyList<JobAttempt>> AttemptsAsync(string messageId, CancellationToken cancellationToken) =>
        (await FoldAsync(cancellationToken)).Where(a => a.MessageId == messageId).OrderBy(a => a.Attempt).ToList();

    public async Task<JournalCounts> CountsAsync(CancellationToken cancellationToken)
    {
        var attempts = await FoldAsync(cancellationToken);
        var succeeded = attempts.Where(a => a.Outcome is AttemptOutcome.Succeeded or AttemptOutcome.SkippedDone).Select(a => a.MessageId).Distinct(StringComparer.Ordinal).LongCount();
        var failed = attempts.LongCount(a => SqliteJobJournal.FailedOutcomes.Contains(a.Outcome));
        var running = attempts.LongCount(a => a.Outcome == AttemptOutcome.Running);
        return new JournalCounts(succeeded, failed, running);
    }

    public async IAsyncEnumerable<JobAttempt> AllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var attempt in (await FoldAsync(cancellationToken)).OrderBy(a => a.Started).ThenBy(a => a.MessageId, StringComparer.Ordinal).ThenBy(a => a.Attempt))
        {
            yield return attempt;
        }
    }

    /// <summary>Reads what every writer added since the last call and folds it in; returns every attempt as it stands.</summary>
    private async Task<List<JobAttempt>> FoldAsync(CancellationToken cancellationToken)
    {
        await _reading.WaitAsync(cancellationToken);
        try
        {
            if (Directory.Exists(Folder))
            {
                foreach (var file in Directory.EnumerateFiles(Folder, "*" + FileExtension))
                {
                    ReadOn(file);
                }
            }

            return _attempts.Values.Select(e => e.Attempt).ToList();
        }
        finally
        {
            _reading.Release();
        }
    }

    private void ReadOn(string file)
    {
        var writer = Path.GetFileNameWithoutExtension(file);
        _read.TryGetValue(file, out var state);
        byte[] added;
        try
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (stream.Length <= state.Offset)
            {
                return;
            }

            stream.Position = state.Offset;
            added = new byte[stream.Length - state.Offset];
            stream.ReadExactly(added);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return;
        }

        var bytes = state.Partial is { Length: > 0 } partial ? [.. partial, .. added] : added;
        var end = Array.LastIndexOf(bytes, (byte)'\n');
        _read[file] = (state.Offset + added.Length, end < 0 ? bytes : bytes[(end + 1)..]);
        if (end < 0)
        {
            return;
        }

        foreach (var text in Encoding.UTF8.GetString(bytes, 0, end).Split('\n'))
        {
            if (Parse(text) is not { } line)
            {
                continue; // a line damaged by a crash mid-write: the records around it still count
            }

            var entry = new Entry(line.ToAttempt(), writer, line.Written);
            var key = (entry.Attempt.MessageId, entry.Attempt.Attempt);
            if (!_attempts.TryGetValue(key, out var existing) || entry.Replaces(existing))
            {
                _attempts[key] = entry;
            }
        }
    }

    private static JournalLine? Parse(string text)
    {
        try
        {
            return text.Length == 0 ? null : JsonSerializer.Deserialize(text, JournalLineJson.Default.JournalLine);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record Entry(JobAttempt Attempt, string Writer, long Written)
    {
        private bool Final => Attempt.Outcome != AttemptOutcome.Running;

        private bool ByItsOwnWorker => LogFileNames.For(Attempt.Worker.Split('/')[0]) == Writer;

        public bool Replaces(Entry other)
        {
            if (Final != other.Final)
            {
                return Final;
            }

            if (Final && ByItsOwnWorker != other.ByItsOwnWorker)
            {
                return ByItsOwnWorker;
            }

            return Written >= other.Written;
        }
    }
}

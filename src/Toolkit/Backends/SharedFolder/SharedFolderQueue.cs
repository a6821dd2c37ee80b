using System.Collections.Concurrent;
using System.IO.Enumeration;
using System.Text;
using Fleetbook.Backends.Local;
using Fleetbook.Queues;

namespace Fleetbook.Backends.SharedFolder;

/// <summary>
/// A queue with SQS semantics that processes on many machines share through a folder of a network file system (NFS,
/// Lustre, GPFS), where SQLite's locks cannot be trusted. One file per message; its name holds its whole state (see
/// <see cref="MessageFileName"/>), and every change of state is one rename(2) to a name only the changing process can
/// produce: of several processes renaming the same file, exactly one succeeds, so a message is received by one worker at
/// a time, and a stale receipt can neither delete nor extend a message someone else holds. No locks, no daemon.
/// </summary>
public sealed class SharedFolderQueue : IJobQueue
{
    /// <summary>SQS's limit on messages per receive.</summary>
    public const int MaxReceiveBatch = 10;

    internal const string MessagesFolder = "messages";
    internal const string IncomingFolder = "incoming";
    internal const string TrashFolder = "trash";

    private static readonly TimeSpan FirstPollDelay = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan LongestPollDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan AttributesLifetime = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan ListingLifetime = TimeSpan.FromSeconds(1);

    /// <summary>How many of the first visible messages a receiver picks from at random, so that receivers racing for the oldest message mostly do not collide.</summary>
    private const int Spread = 8;

    /// <summary>Messages written at once by a send: enough to hide a file server's round trips, few enough for a login node.</summary>
    private const int SendersAtOnce = 8;

    private readonly string _queuesFolder;
    private readonly string _folder;
    private readonly TimeProvider _time;

    // Where each receipt this instance gave out lives now (its visible-at time changes with every extension).
    private readonly ConcurrentDictionary<string, string> _current = new(StringComparer.Ordinal);
    private (QueueAttributes Attributes, long ReadAt)? _attributes;

    // The visible messages of the last listing, newest first, not yet tried by this instance.
    private readonly List<MessageFileName> _candidates = [];
    private long _listedAt;

    internal SharedFolderQueue(string queuesFolder, string name, TimeProvider time)
    {
        QueueNames.Validate(name, nameof(name));
        _queuesFolder = Path.GetFullPath(queuesFolder);
        _folder = Path.Combine(_queuesFolder, name);
        _time = time ?? throw new ArgumentNullException(nameof(time));
        Name = name;
        Url = SharedFolderQueueUrl.Format(_queuesFolder, name);
    }

    public string Name { get; }

    /// <summary><c>shared-folder:///absolute/path/queues#QueueName</c>.</summary>
    public string Url { get; }

    /// <summary>Opens the queue a worker was given as SQS_QUEUE_URL.</summary>
    public static SharedFolderQueue OpenUrl(string url, TimeProvider time) =>
        SharedFolderQueueUrl.TryParse(url, out var folder, out var name)
            ? new SharedFolderQueue(folder, name, time)
            : throw new ArgumentException($"'{url}' is not a shared-folder queue URL ({SharedFolderQueueUrl.Scheme}/absolute/path/queues#QueueName).", nameof(url));

    private string Messages => Path.Combine(_folder, MessagesFolder);

    /// <summary>
    /// Each body is written under a private name, then renamed in: a receiver never sees half a message. Several are
    /// written at once, since on a network file system each file costs a few round trips to the server.
    /// </summary>
    public Task<SendResult> SendBatchAsync(IReadOnlyList<string> bodies, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bodies);
        EnsureExists();
        var failures = new SendFailure?[bodies.Count];
        var names = new MessageFileName[bodies.Count];
        for (var i = 0; i < bodies.Count; i++)
        {
            failures[i] = MessageRules.Check(i, bodies[i]);
            var now = NowMs();
            names[i] = new MessageFileName(now, MessageFileName.NewMessageId(now), 0, MessageFileName.NewReceipt());
        }

        var incoming = Path.Combine(_folder, IncomingFolder);
        var sent = 0;
        Parallel.For(0, bodies.Count, new ParallelOptions { MaxDegreeOfParallelism = SendersAtOnce, CancellationToken = cancellationToken }, i =>
        {
            if (failures[i] is not null)
            {
                return;
            }

            var temporary = Path.Combine(incoming, names[i].MessageId);
            File.WriteAllBytes(temporary, Encoding.UTF8.GetBytes(bodies[i]));
            AtomicFiles.Rename(temporary, Path.Combine(Messages, names[i].ToString()));
            Interlocked.Increment(ref sent);
        });

        return Task.FromResult(new SendResult(sent, [.. failures.OfType<SendFailure>()]));
    }

    public async Task<IReadOnlyList<QueueMessage>> ReceiveAsync(int maxMessages, TimeSpan wait, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxMessages, MaxReceiveBatch);
        ArgumentOutOfRangeException.ThrowIfLessThan(wait, TimeSpan.Zero);

        var started = _time.GetTimestamp();
        var delay = FirstPollDelay;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var received = TryReceive(maxMessages);
            var left = wait - _time.GetElapsedTime(started);
            if (received.Count > 0 || left <= TimeSpan.Zero)
            {
                return received;
            }

            // Short at first so a message sent just now is picked up at once; longer later, since every poll is a
            // directory listing the file server answers.
            await Task.Delay(delay < left ? delay : left, _time, cancellationToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LongestPollDelay.Ticks));
        }
    }

    /// <summary>Moves the file out of the queue under a private name, then removes it: false when the receipt is stale (the message came back and was received again, or is gone).</summary>
    public Task<bool> DeleteAsync(string receiptHandle, CancellationToken cancellationToken)
    {
        if (Locate(receiptHandle) is not { } current)
        {
            return Task.FromResult(false);
        }

        var trash = Path.Combine(_folder, TrashFolder, current.Handle);
        if (AtomicFiles.Rename(Path.Combine(Messages, current.ToString()), trash) == FileChange.Missing)
        {
            _current.TryRemove(receiptHandle, out _);
            return Task.FromResult(false);
        }

        _current.TryRemove(receiptHandle, out _);
        AtomicFiles.Unlink(trash);
        return Task.FromResult(true);
    }

    public Task<bool> ChangeVisibilityAsync(string receiptHandle, TimeSpan visibility, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(visibility, TimeSpan.Zero);
        if (Locate(receiptHandle) is not { } current)
        {
            return Task.FromResult(false);
        }

        var moved = current with { VisibleAtMs = NowMs() + (long)visibility.TotalMilliseconds };
        if (moved == current)
        {
            return Task.FromResult(true);
        }

        if (AtomicFiles.Rename(Path.Combine(Messages, current.ToString()), Path.Combine(Messages, moved.ToString())) == FileChange.Missing)
        {
            // Its visibility ran out and another receiver took it: this receipt is stale now.
            _current.TryRemove(receiptHandle, out _);
            return Task.FromResult(false);
        }

        _current[receiptHandle] = moved.ToString();
        return Task.FromResult(true);
    }

    public Task<QueueCounts> GetCountsAsync(CancellationToken cancellationToken)
    {
        var now = NowMs();
        long visible = 0, inFlight = 0;
        foreach (var name in List())
        {
            if (name.VisibleAtMs <= now)
            {
                visible++;
            }
            else
            {
                inFlight++;
            }
        }

        return Task.FromResult(new QueueCounts(visible, inFlight));
    }

    /// <summary>The oldest messages first (message ids grow with the time they were sent), as they are: no receipt handles.</summary>
    public Task<IReadOnlyList<QueueMessage>> PeekAsync(int maxMessages, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        var messages = new List<QueueMessage>();
        foreach (var name in List().OrderBy(n => n.MessageId, StringComparer.Ordinal))
        {
            if (messages.Count == maxMessages)
            {
                break;
            }

            if (ReadBody(name) is { } body)
            {
                messages.Add(new QueueMessage(name.MessageId, body, "", name.Receives));
            }
        }

        return Task.FromResult<IReadOnlyList<QueueMessage>>(messages);
    }

    /// <summary>
    /// Makes a message visible at once when it is still held by the receive that made attempt <paramref name="receives"/>
    /// (its worker is known to be gone); false when it was received again since, deleted, or is not in flight.
    /// </summary>
    internal bool ReturnNow(string messageId, int receives)
    {
        var now = NowMs();
        foreach (var name in List())
        {
            if (name.MessageId == messageId && name.Receives == receives && name.VisibleAtMs > now)
            {
                var back = name with { VisibleAtMs = now, Receipt = MessageFileName.NewReceipt() };
                return AtomicFiles.Rename(Path.Combine(Messages, name.ToString()), Path.Combine(Messages, back.ToString())) == FileChange.Done;
            }
        }

        return false;
    }

    public override string ToString() => Url;

    private List<QueueMessage> TryReceive(int maxMessages)
    {
        var attributes = Attributes();
        var now = NowMs();
        var deadLetters = attributes.DeadLetterQueue.Length > 0 && attributes.MaxReceives > 0 ? DeadLetterMessages(attributes.DeadLetterQueue) : null;
        var received = new List<QueueMessage>(maxMessages);
        var listed = false;
        while (received.Count < maxMessages)
        {
            if (NextCandidate(now, ref listed) is not { } candidate)
            {
                break;
            }

            var source = Path.Combine(Messages, candidate.ToString());

            // SQS redrive: a message already received maxReceiveCount times goes to the dead letters instead of out again.
            if (deadLetters is not null && candidate.Receives >= attributes.MaxReceives)
            {
                var dead = candidate with { VisibleAtMs = now, Receipt = MessageFileName.NewReceipt() };
                AtomicFiles.Rename(source, Path.Combine(deadLetters, dead.ToString()));
                continue;
            }

            var taken = candidate with { VisibleAtMs = now + (attributes.VisibilitySeconds * 1000L), Receives = candidate.Receives + 1, Receipt = MessageFileName.NewReceipt() };
            if (AtomicFiles.Rename(source, Path.Combine(Messages, taken.ToString())) == FileChange.Missing || ReadBody(taken) is not { } body)
            {
                continue; // another receiver was first
            }

            _current[taken.Handle] = taken.ToString();
            received.Add(new QueueMessage(taken.MessageId, body, taken.Handle, taken.Receives));
        }

        return received;
    }

    /// <summary>
    /// The next message to try, from the visible ones of the last listing (a few of the oldest, picked at random, so that
    /// receivers racing for the oldest mostly do not collide). A listing is reused for up to <see cref="ListingLifetime"/>:
    /// listing a folder of thousands of files costs more than a trivial job, and a name that has gone stale since only
    /// makes one rename fail. Lists again (once per receive) when the last listing is used up or old.
    /// </summary>
    private MessageFileName? NextCandidate(long now, ref bool listed)
    {
        lock (_candidates)
        {
            if (!listed && (_candidates.Count == 0 || _time.GetElapsedTime(_listedAt) >= ListingLifetime))
            {
                listed = true;
                _candidates.Clear();
                _candidates.AddRange(List().Where(n => n.VisibleAtMs <= now));
                // Newest first, so that taking one of the oldest removes from the end of the list.
                _candidates.Sort((a, b) => a.VisibleAtMs != b.VisibleAtMs ? b.VisibleAtMs.CompareTo(a.VisibleAtMs) : string.CompareOrdinal(b.MessageId, a.MessageId));
                _listedAt = _time.GetTimestamp();
            }

            while (_candidates.Count > 0)
            {
                var index = _candidates.Count - 1 - Random.Shared.Next(Math.Min(Spread, _candidates.Count));
                var candidate = _candidates[index];
                _candidates.RemoveAt(index);
                if (candidate.VisibleAtMs <= now)
                {
                    return candidate;
                }
            }

            if (!listed)
            {
                return NextCandidate(now, ref listed);
            }

            return null;
        }
    }

    /// <summary>The file a receipt handle stands for now, or null when none has it (stale, or never given out).</summary>
    private MessageFileName? Locate(string receiptHandle)
    {
        if (_current.TryGetValue(receiptHandle, out var known) && MessageFileName.TryParse(known, out var cached))
        {
            return cached;
        }

        // A handle given out by another instance (another process): find its file by the part of the name it fixes.
        var suffix = "." + receiptHandle;
        foreach (var name in List())
        {
            if (name.ToString().EndsWith(suffix, StringComparison.Ordinal))
            {
                return name;
            }
        }

        return null;
    }

    private string? DeadLetterMessages(string deadLetterQueue)
    {
        var folder = Path.Combine(_queuesFolder, deadLetterQueue, MessagesFolder);
        return Directory.Exists(folder) ? folder : null;
    }

    private QueueAttributes Attributes()
    {
        var now = _time.GetTimestamp();
        if (_attributes is { } cached && _time.GetElapsedTime(cached.ReadAt, now) < AttributesLifetime)
        {
            return cached.Attributes;
        }

        var attributes = QueueAttributes.Read(_folder) ?? throw Missing();
        _attributes = (attributes, now);
        return attributes;
    }

    /// <summary>The messages' names as the folder lists them; names only, no stat per file (on NFS each would be a call to the server).</summary>
    private List<MessageFileName> List()
    {
        EnsureExists();
        var names = new List<MessageFileName>();
        try
        {
            var entries = new FileSystemEnumerable<string>(Messages, (ref entry) => entry.FileName.ToString(), new EnumerationOptions { AttributesToSkip = 0 })
            {
                ShouldIncludePredicate = (ref entry) => !entry.IsDirectory,
            };
            foreach (var entry in entries)
            {
                if (MessageFileName.TryParse(entry, out var name))
                {
                    names.Add(name);
                }
            }
        }
        catch (DirectoryNotFoundException)
        {
            throw Missing();
        }

        return names;
    }

    private string? ReadBody(MessageFileName name)
    {
        try
        {
            return File.ReadAllText(Path.Combine(Messages, name.ToString()), Encoding.UTF8);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    private void EnsureExists()
    {
        if (!File.Exists(Path.Combine(_folder, QueueAttributes.FileName)))
        {
            throw Missing();
        }
    }

    private long NowMs() => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private InvalidOperationException Missing() => new($"The queue '{Name}' does not exist in {_queuesFolder}.");
}

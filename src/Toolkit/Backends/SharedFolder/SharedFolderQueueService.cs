using Fleetbook.Backends.Local;
using Fleetbook.Queues;

namespace Fleetbook.Backends.SharedFolder;

/// <summary>
/// The queues of a run as folders under <c>queues/</c> in its state folder, on the file system the login node and the
/// compute nodes share. A queue exists once its <c>queue.json</c> does; setup writes that last, after its folders.
/// </summary>
public sealed class SharedFolderQueueService : IQueueService
{
    private readonly TimeProvider _time;

    public SharedFolderQueueService(string queuesFolder, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(queuesFolder);
        Folder = Path.GetFullPath(queuesFolder);
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    public string Folder { get; }

    /// <summary>Creates the dead-letter queue if it is missing, then creates the job queue or brings its settings up to date.</summary>
    public Task<QueueInfo> EnsureAsync(QueueSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        QueueNames.Validate(spec.Name, nameof(spec));
        ArgumentOutOfRangeException.ThrowIfNegative(spec.VisibilitySeconds, nameof(spec));
        var deadLetterQueue = spec.DeadLetterQueue ?? "";
        if (deadLetterQueue.Length > 0)
        {
            QueueNames.Validate(deadLetterQueue, nameof(spec));
            if (deadLetterQueue == spec.Name)
            {
                throw new ArgumentException($"The queue '{spec.Name}' cannot be its own dead-letter queue.", nameof(spec));
            }

            ArgumentOutOfRangeException.ThrowIfLessThan(spec.MaxReceives, 1, nameof(spec));
            if (QueueAttributes.Read(Path.Combine(Folder, deadLetterQueue)) is null)
            {
                Create(deadLetterQueue, new QueueAttributes(spec.VisibilitySeconds, "", 0));
            }
        }

        var wanted = new QueueAttributes(spec.VisibilitySeconds, deadLetterQueue, deadLetterQueue.Length > 0 ? spec.MaxReceives : 0);
        var existing = QueueAttributes.Read(Path.Combine(Folder, spec.Name));
        if (existing != wanted)
        {
            Create(spec.Name, wanted);
        }

        return Task.FromResult(new QueueInfo(spec.Name, SharedFolderQueueUrl.Format(Folder, spec.Name), existing is null, existing is not null && existing != wanted));
    }

    public Task<IJobQueue?> OpenAsync(string name, CancellationToken cancellationToken) =>
        Task.FromResult<IJobQueue?>(Open(name));

    /// <summary>The queue, or null when it does not exist.</summary>
    public SharedFolderQueue? Open(string name) =>
        QueueNames.IsValid(name) && File.Exists(Path.Combine(Folder, name, QueueAttributes.FileName)) ? new SharedFolderQueue(Folder, name, _time) : null;

    /// <summary>Deletes the queue and its messages (not its dead-letter queue): first out of sight with one rename, then from the disk.</summary>
    public Task<bool> DeleteAsync(string name, CancellationToken cancellationToken)
    {
        if (Open(name) is null)
        {
            return Task.FromResult(false);
        }

        var gone = Path.Combine(Folder, $".deleted-{name}-{MessageFileName.NewReceipt()}");
        if (AtomicFiles.Rename(Path.Combine(Folder, name), gone) == FileChange.Missing)
        {
            return Task.FromResult(false);
        }

        try
        {
            Directory.Delete(gone, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Out of sight already; a file server that holds on to an open file (NFS's .nfsXXXX) lets go later.
        }

        return Task.FromResult(true);
    }

    private void Create(string name, QueueAttributes attributes)
    {
        var folder = Path.Combine(Folder, name);
        Directory.CreateDirectory(Path.Combine(folder, SharedFolderQueue.MessagesFolder));
        Directory.CreateDirectory(Path.Combine(folder, SharedFolderQueue.IncomingFolder));
        Directory.CreateDirectory(Path.Combine(folder, SharedFolderQueue.TrashFolder));
        attributes.Write(folder);
    }
}

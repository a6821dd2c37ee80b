using Fleetbook.Backends.Local;
using Fleetbook.Working;

namespace Fleetbook.Backends.SharedFolder;

/// <summary>What a worker on any node opens from a <c>shared-folder://</c> queue URL: the queue, the bucket folder, its own journal file and the run's log folders, all on the shared file system.</summary>
public static class SharedFolderWorkerServices
{
    public static bool IsQueueUrl(string? url) => SharedFolderQueueUrl.IsSharedFolder(url);

    public static WorkerServices Open(WorkerSettings settings, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var queue = SharedFolderQueue.OpenUrl(settings.QueueUrl, time);
        SharedFolderQueueUrl.TryParse(settings.QueueUrl, out var queues, out _);
        var state = settings.StateDir ?? Path.GetDirectoryName(queues)!;
        return new WorkerServices(
            queue,
            new FolderObjectStore(settings.Bucket),
            new SharedFolderJournal(Path.Combine(state, "journal"), settings.WorkerId, time),
            new FileLogStore(Path.Combine(state, "logs"), time));
    }
}

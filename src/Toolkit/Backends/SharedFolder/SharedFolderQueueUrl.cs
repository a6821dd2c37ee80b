using Fleetbook.Backends.Local;

namespace Fleetbook.Backends.SharedFolder;

/// <summary>
/// A shared-folder queue's address, <c>shared-folder:///absolute/path/queues#QueueName</c>: what a worker on any node
/// needs, given only SQS_QUEUE_URL, to find the queue on the file system the nodes share.
/// </summary>
internal static class SharedFolderQueueUrl
{
    public const string Scheme = "shared-folder://";

    public static string Format(string queuesFolder, string queueName) =>
        $"{Scheme}{Path.GetFullPath(queuesFolder).Replace('\\', '/')}#{queueName}";

    public static bool IsSharedFolder(string? url) => QueueUrls.HasScheme(url, Scheme);

    public static bool TryParse(string? url, out string queuesFolder, out string queueName)
    {
        queuesFolder = "";
        if (!QueueUrls.TrySplit(url, Scheme, out var path, out queueName) || !Path.IsPathFullyQualified(path))
        {
            queueName = "";
            return false;
        }

        queuesFolder = Path.GetFullPath(path);
        return true;
    }
}

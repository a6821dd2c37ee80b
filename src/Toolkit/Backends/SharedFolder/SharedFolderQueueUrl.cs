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

    public static bool IsSharedFolder(string? url) =>
        url is not null && url.StartsWith(Scheme + "/", StringComparison.Ordinal);

    public static bool TryParse(string? url, out string queuesFolder, out string queueName)
    {
        queuesFolder = "";
        queueName = "";
        if (!IsSharedFolder(url))
        {
            return false;
        }

        var hash = url!.LastIndexOf('#');
        if (hash < 0)
        {
            return false;
        }

        var path = url[Scheme.Length..hash];
        var name = url[(hash + 1)..];
        if (!QueueNames.IsValid(name) || !Path.IsPathFullyQualified(path))
        {
            return false;
        }

        queuesFolder = Path.GetFullPath(path);
        queueName = name;
        return true;
    }
}

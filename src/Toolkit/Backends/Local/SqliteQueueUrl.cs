namespace Fleetbook.Backends.Local;

/// <summary>
/// A local queue's address, <c>sqlite:///absolute/path/queue.db#QueueName</c>: everything a worker process
/// needs to find the queue when all it is given is SQS_QUEUE_URL. The path is written as is, not percent-encoded.
/// </summary>
internal static class SqliteQueueUrl
{
    public const string Scheme = "sqlite://";

    public static string Format(string databasePath, string queueName)
    {
        var path = Path.GetFullPath(databasePath).Replace('\\', '/');
        if (!path.StartsWith('/'))
        {
            path = "/" + path; // a Windows drive path: sqlite:///C:/runs/queue.db
        }

        return $"{Scheme}{path}#{queueName}";
    }

    public static bool IsLocal(string? url) => QueueUrls.HasScheme(url, Scheme);

    public static bool TryParse(string? url, out string databasePath, out string queueName)
    {
        databasePath = "";
        if (!QueueUrls.TrySplit(url, Scheme, out var path, out queueName))
        {
            return false;
        }

        if (path.Length >= 3 && path[0] == '/' && char.IsAsciiLetter(path[1]) && path[2] == ':')
        {
            path = path[1..]; // a Windows drive path: sqlite:///C:/runs/queue.db
        }

        if (!Path.IsPathFullyQualified(path))
        {
            queueName = "";
            return false;
        }

        databasePath = Path.GetFullPath(path);
        return true;
    }
}

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

    public static bool IsLocal(string? url) =>
        url is not null && url.StartsWith(Scheme + "/", StringComparison.Ordinal);

    public static bool TryParse(string? url, out string databasePath, out string queueName)
    {
        databasePath = "";
        queueName = "";
        if (!IsLocal(url))
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
        if (path.Length >= 3 && path[0] == '/' && char.IsAsciiLetter(path[1]) && path[2] == ':')
        {
            path = path[1..];
        }

        if (!QueueNames.IsValid(name) || !Path.IsPathFullyQualified(path))
        {
            return false;
        }

        databasePath = Path.GetFullPath(path);
        queueName = name;
        return true;
    }
}

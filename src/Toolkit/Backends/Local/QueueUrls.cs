namespace Fleetbook.Backends.Local;

/// <summary>The shape the file-based queues' addresses share: <c>&lt;scheme&gt;/absolute/path#QueueName</c>.</summary>
internal static class QueueUrls
{
    public static bool HasScheme(string? url, string scheme) =>
        url is not null && url.StartsWith(scheme + "/", StringComparison.Ordinal);

    /// <summary>Splits <paramref name="url"/> into its path (as written) and its queue name, which must be a valid one.</summary>
    public static bool TrySplit(string? url, string scheme, out string path, out string queueName)
    {
        path = "";
        queueName = "";
        var hash = HasScheme(url, scheme) ? url!.LastIndexOf('#') : -1;
        if (hash < 0 || !QueueNames.IsValid(url![(hash + 1)..]))
        {
            return false;
        }

        path = url[scheme.Length..hash];
        queueName = url[(hash + 1)..];
        return true;
    }
}

using Fleetbook.Backends.Local;

namespace Fleetbook.Backends.Aws.Storage;

/// <summary>Where a run keeps its own records in the bucket: <c>fleetbook/&lt;app&gt;/…</c>, beside the users' outputs.</summary>
internal static class RunKeys
{
    public static string Root(string appName) => $"fleetbook/{Segment(appName)}/";

    public static string JournalRoot(string appName) => Root(appName) + "journal/";

    public static string JournalFolder(string appName, string messageId) => JournalRoot(appName) + Segment(messageId) + "/";

    public static string JobLogFolder(string appName, string jobId) => Root(appName) + "logs/jobs/" + LogFileNames.For(jobId) + "/";

    /// <summary>One key segment: characters that would add a level ('/') or confuse tools are escaped.</summary>
    private static string Segment(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        return Uri.EscapeDataString(value);
    }
}

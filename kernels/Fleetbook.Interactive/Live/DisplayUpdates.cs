using System.Reflection;

namespace Fleetbook.Interactive.Live;

/// <summary>Whether the host replaces an output in place when the kernel publishes an update under the output's id.</summary>
internal static class DisplayUpdates
{
    /// <summary>
    /// dotnet-repl runs the kernel in its own process (its entry assembly) and adds an output for every update, ids or
    /// not; Jupyter and VS Code talk to dotnet-interactive over a protocol and replace the output.
    /// </summary>
    public const string AppendingHost = "dotnet-repl";

    public static bool InPlaceInThisHost() => InPlaceIn(Assembly.GetEntryAssembly()?.GetName().Name);

    public static bool InPlaceIn(string? entryAssembly) => !string.Equals(entryAssembly, AppendingHost, StringComparison.OrdinalIgnoreCase);
}

using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace Fleetbook.Working;

/// <summary>
/// Finds the program a job names as .NET's Process does: a rooted path as it is; else beside this executable, in the
/// current folder, then in each PATH folder. A name found is remembered while PATH and the current folder stay the
/// same, and looked up afresh once the file found can no longer be run: the search is a dozen failed stats per job,
/// a fifth of the worker's own time for a trivial job in profiles on an overlay root. Like a shell's remembered
/// commands, a program put later into an earlier PATH folder is not seen while the one found is still there.
/// </summary>
internal static class ProgramLookup
{
    private const int AccessExecute = 1; // X_OK
    private static readonly ConcurrentDictionary<(string Name, string? SearchPath, string Folder), string> Found = new();

    public static string? Find(string name) =>
        Path.IsPathRooted(name) ? name : Find(name, Environment.GetEnvironmentVariable("PATH"), Environment.CurrentDirectory);

    internal static string? Find(string name, string? searchPath, string currentFolder)
    {
        var key = (name, searchPath, currentFolder);
        if (Found.TryGetValue(key, out var remembered) && access(remembered, AccessExecute) == 0)
        {
            return remembered;
        }

        var path = Search(name, searchPath, currentFolder);
        if (path is null)
        {
            Found.TryRemove(key, out _);
        }
        else
        {
            Found[key] = path;
        }

        return path;
    }

    private static string? Search(string name, string? searchPath, string currentFolder)
    {
        if (Environment.ProcessPath is { } self && Path.GetDirectoryName(self) is { } selfFolder && File.Exists(Path.Combine(selfFolder, name)))
        {
            return Path.Combine(selfFolder, name);
        }

        var here = Path.Combine(currentFolder, name);
        if (File.Exists(here))
        {
            return here;
        }

        foreach (var folder in (searchPath ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, name);
            if (File.Exists(candidate) && access(candidate, AccessExecute) == 0)
            {
                return candidate;
            }
        }

        return null;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int access([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int mode);
}

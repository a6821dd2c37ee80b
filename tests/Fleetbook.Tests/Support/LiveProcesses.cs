using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Fleetbook.Tests.Support;

/// <summary>A live process as /proc shows it: enough to say what it is and who started it.</summary>
public sealed record LiveProcess(int Pid, int ParentPid, char State, string CommandLine, string? WorkingDirectory)
{
    /// <summary>"PID command line", as the per-test checks name what they ended.</summary>
    public string Brief => $"{Pid} {CommandLine}";

    /// <summary>The process, its state, its parent (with the parent's command line when it is alive) and its working folder.</summary>
    public string Describe()
    {
        var parent = ParentPid <= 0 ? "none" : $"{ParentPid} ({LiveProcesses.CommandLineOf(ParentPid) ?? "gone"})";
        return $"pid {Pid} (state {State}) {CommandLine}\n    parent: {parent}\n    working folder: {WorkingDirectory ?? "unknown"}";
    }
}

/// <summary>
/// Finds processes by a variable in their environment (<c>/proc/PID/environ</c>, which every child inherits unless it
/// is cleared) and ends them with their children. Linux only: elsewhere nothing is found.
/// </summary>
public static class LiveProcesses
{
    /// <summary>Every live process other than this one whose environment holds <paramref name="variable"/>=<paramref name="value"/>.</summary>
    public static IReadOnlyList<LiveProcess> WithVariable(string variable, string value)
    {
        var found = new List<LiveProcess>();
        if (!Directory.Exists("/proc"))
        {
            return found;
        }

        var needle = $"{variable}={value}";
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                var environment = File.ReadAllText(Path.Combine(folder, "environ"), Encoding.UTF8);
                if (environment.Split('\0').Contains(needle) && Read(pid) is { } process)
                {
                    found.Add(process);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Ended while we looked, or not ours to read.
            }
        }

        return found;
    }

    /// <summary>Kills each process with its children; one that ended meanwhile is passed over.</summary>
    public static void Kill(IEnumerable<LiveProcess> processes)
    {
        foreach (var found in processes)
        {
            try
            {
                using var process = Process.GetProcessById(found.Pid);
                process.Kill(entireProcessTree: true);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Gone meanwhile.
            }
        }
    }

    public static string? CommandLineOf(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();
            return text.Length > 0 ? text : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static LiveProcess? Read(int pid)
    {
        // /proc/PID/stat: "pid (comm) state ppid …"; comm may hold spaces and parentheses, so read from the last ')'.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        if (fields.Length < 2 || fields[0] == "Z")
        {
            return null; // a zombie has ended; only its parent's wait is missing
        }

        string? folder;
        try
        {
            folder = new FileInfo($"/proc/{pid}/cwd").LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            folder = null;
        }

        return new LiveProcess(pid, int.Parse(fields[1], CultureInfo.InvariantCulture), fields[0][0], CommandLineOf(pid) ?? "", folder);
    }
}

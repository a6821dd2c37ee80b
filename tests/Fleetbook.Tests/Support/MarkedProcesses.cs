using System.Diagnostics;
using System.Text;

namespace Fleetbook.Tests.Support;

/// <summary>
/// A mark in a child's environment that every process it starts inherits (a kernel under Jupyter, the workers a
/// notebook starts), so a test can find whatever of its own is still running after the child ended, on Linux, by
/// reading /proc/PID/environ, and end it: a test never leaves a process behind, even when it fails.
/// </summary>
public sealed class MarkedProcesses
{
    public const string Variable = "FLEETBOOK_TEST_PROCESS_MARK";

    public string Mark { get; } = Guid.NewGuid().ToString("N");

    /// <summary>The variable to give the child.</summary>
    public KeyValuePair<string, string> Environment => new(Variable, Mark);

    /// <summary>
    /// Waits up to <paramref name="grace"/> for the marked processes to end by themselves, then kills what is left
    /// (with its children) and returns how each of those was started ("PID command line").
    /// </summary>
    public async Task<IReadOnlyList<string>> EndAsync(TimeSpan grace)
    {
        var deadline = Stopwatch.StartNew();
        var alive = Find();
        while (alive.Count > 0 && deadline.Elapsed < grace)
        {
            await Task.Delay(200);
            alive = Find();
        }

        foreach (var (pid, _) in alive)
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill(entireProcessTree: true);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Gone meanwhile.
            }
        }

        return [.. alive.Select(p => $"{p.Pid} {p.CommandLine}")];
    }

    private List<(int Pid, string CommandLine)> Find()
    {
        var found = new List<(int, string)>();
        if (!Directory.Exists("/proc"))
        {
            return found;
        }

        var needle = $"{Variable}={Mark}";
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var pid) || pid == System.Environment.ProcessId)
            {
                continue;
            }

            try
            {
                var environment = File.ReadAllText(Path.Combine(folder, "environ"), Encoding.UTF8);
                if (environment.Split('\0').Contains(needle))
                {
                    found.Add((pid, File.ReadAllText(Path.Combine(folder, "cmdline")).Replace('\0', ' ').Trim()));
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Ended while we looked, or not ours to read.
            }
        }

        return found;
    }
}

using System.Diagnostics;
using System.Globalization;

namespace Fleetbook.Bench;

/// <summary>The machine's load (/proc/loadavg): printed beside every table, since these figures are only comparable at a similar load.</summary>
internal static class MachineLoad
{
    public static string Now()
    {
        try
        {
            var fields = File.ReadAllText("/proc/loadavg").Split(' ');
            return $"load average {fields[0]}, {fields[1]}, {fields[2]} (1, 5, 15 min) on {Environment.ProcessorCount} cores";
        }
        catch (IOException)
        {
            return "load average unknown (no /proc/loadavg)";
        }
    }
}

internal static class Stats
{
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN
            : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}

/// <summary>Baselines run through /bin/sh.</summary>
internal static class Shell
{
    /// <summary>The wall time of <paramref name="script"/>, or null (said) when <paramref name="tool"/> is not installed.</summary>
    public static TimeSpan? Run(string tool, string script)
    {
        if (!OnPath(tool))
        {
            Console.WriteLine($"{tool}: not installed (apt-get install {tool}); skipped");
            return null;
        }

        var start = new ProcessStartInfo("/bin/sh") { ArgumentList = { "-c", script }, RedirectStandardError = true, RedirectStandardOutput = true };
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        errors.Wait();
        return watch.Elapsed;
    }

    public static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(dir => File.Exists(Path.Combine(dir, tool)));
}

/// <summary>
/// Temporary folders for the benchmarks, removed when the invocation ends rather than after each run: on ext4 without a
/// journal, creating files soon after thousands were deleted costs several times more (the inode allocator skips
/// recently deleted inodes one by one), which would charge one run's cleanup to the next run.
/// </summary>
internal static class BenchFolders
{
    private static readonly List<string> Created = [];

    public static string Create(string name)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"fleetbook-bench-{name}-{Guid.NewGuid().ToString("N")[..8]}");
        Directory.CreateDirectory(folder);
        lock (Created)
        {
            Created.Add(folder);
        }

        return folder;
    }

    public static void RemoveAll()
    {
        lock (Created)
        {
            foreach (var folder in Created)
            {
                try
                {
                    Directory.Delete(folder, recursive: true);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    Console.WriteLine($"could not remove {folder}: {ex.Message}");
                }
            }

            Created.Clear();
        }
    }
}

using System.Globalization;

namespace Fleetbook.Backends.Aws.Worker;

/// <summary>Space on the work folder's filesystem, as df counts it (blocks reserved for root are neither used nor available).</summary>
public sealed record DiskSpace(string Path, long TotalBytes, long FreeBytes, long AvailableBytes)
{
    public double UsedPercent => TotalBytes - FreeBytes + AvailableBytes is var usable and > 0 ? 100.0 * (TotalBytes - FreeBytes) / usable : 0;

    /// <summary>The filesystem holding <paramref name="path"/> (or its nearest existing parent); null when it cannot be read.</summary>
    public static DiskSpace? Read(string path)
    {
        var folder = System.IO.Path.GetFullPath(path);
        while (!Directory.Exists(folder) && System.IO.Path.GetDirectoryName(folder) is { } parent)
        {
            folder = parent;
        }

        try
        {
            // On Unix DriveInfo takes any path and asks statvfs about its filesystem.
            var drive = new DriveInfo(folder);
            return new DiskSpace(folder, drive.TotalSize, drive.TotalFreeSpace, drive.AvailableFreeSpace);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }
}

/// <summary>Memory in use and the limit it counts against: the container's cgroup limit when it has one, else the machine's.</summary>
public sealed record MemoryUse(long TotalBytes, long UsedBytes, string Source)
{
    public double UsedPercent => TotalBytes > 0 ? 100.0 * UsedBytes / TotalBytes : 0;
}

/// <summary>Cumulative CPU time from <c>/proc/stat</c>, in clock ticks; idle includes time waiting for I/O.</summary>
public sealed record CpuTimes(long Idle, long IoWait, long Total)
{
    /// <summary>The share of the time between <paramref name="earlier"/> and this reading the CPUs were idle, in percent; null when no time passed.</summary>
    public double? IdlePercentSince(CpuTimes earlier) =>
        Total - earlier.Total is var total and > 0 ? 100.0 * (Idle - earlier.Idle) / total : null;
}

/// <summary>Parsers for the Linux files the resource monitor reads; each returns null when its file is missing or unreadable.</summary>
public static class ResourceReadings
{
    private const long Unlimited = long.MaxValue / 2;

    /// <summary>The aggregate <c>cpu</c> line: user nice system idle iowait irq softirq steal (guest time is already in user).</summary>
    public static CpuTimes? ReadCpu(string statPath)
    {
        var line = ReadLines(statPath)?.FirstOrDefault(l => l.StartsWith("cpu ", StringComparison.Ordinal));
        if (line is null)
        {
            return null;
        }

        var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8).Select(ParseLong).ToList();
        if (fields.Count < 4 || fields.Any(f => f is null))
        {
            return null;
        }

        var values = fields.Select(f => f!.Value).ToList();
        var ioWait = values.Count > 4 ? values[4] : 0;
        return new CpuTimes(values[3] + ioWait, ioWait, values.Sum());
    }

    /// <summary>
    /// The cgroup's use against its limit when the container has a limit below the machine's memory (cgroup v2
    /// <c>memory.max</c>/<c>memory.current</c>, or v1 <c>memory/memory.limit_in_bytes</c>/<c>memory.usage_in_bytes</c>),
    /// else MemTotal − MemAvailable from <c>/proc/meminfo</c>. Inactive file cache is not counted as used, as
    /// <c>docker stats</c> does not: the kernel drops it before it runs out.
    /// </summary>
    public static MemoryUse? ReadMemory(string memInfoPath, string cgroupRoot)
    {
        var machine = ReadMemInfo(memInfoPath);
        var cgroup = ReadCgroup(cgroupRoot);
        if (cgroup is not null && (machine is null || cgroup.TotalBytes < machine.TotalBytes))
        {
            return cgroup;
        }

        return machine;
    }

    public static MemoryUse? ReadMemInfo(string path)
    {
        var values = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in ReadLines(path) ?? [])
        {
            var parts = line.Split(':', 2);
            var amount = parts.Length == 2 ? parts[1].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];
            if (amount.Length > 0 && ParseLong(amount[0]) is { } number)
            {
                values[parts[0].Trim()] = amount.Length > 1 && amount[1] == "kB" ? number * 1024 : number;
            }
        }

        if (!values.TryGetValue("MemTotal", out var total) || total <= 0)
        {
            return null;
        }

        var available = values.TryGetValue("MemAvailable", out var a) ? a : values.GetValueOrDefault("MemFree") + values.GetValueOrDefault("Cached");
        return new MemoryUse(total, Math.Clamp(total - available, 0, total), "machine");
    }

    private static MemoryUse? ReadCgroup(string root)
    {
        if (ReadNumber(Path.Combine(root, "memory.max")) is { } limit2 && ReadNumber(Path.Combine(root, "memory.current")) is { } current2)
        {
            return Cgroup(limit2, current2, Stat(Path.Combine(root, "memory.stat"), "inactive_file"), "cgroup v2 limit");
        }

        var v1 = Path.Combine(root, "memory");
        if (ReadNumber(Path.Combine(v1, "memory.limit_in_bytes")) is { } limit1 && ReadNumber(Path.Combine(v1, "memory.usage_in_bytes")) is { } current1)
        {
            return Cgroup(limit1, current1, Stat(Path.Combine(v1, "memory.stat"), "total_inactive_file"), "cgroup v1 limit");
        }

        return null;
    }

    private static MemoryUse? Cgroup(long limit, long usage, long inactiveFile, string source) =>
        limit is > 0 and < Unlimited ? new MemoryUse(limit, Math.Clamp(usage - inactiveFile, 0, long.MaxValue), source) : null;

    private static long Stat(string path, string key) =>
        (ReadLines(path) ?? []).Select(l => l.Split(' ', 2)).Where(p => p.Length == 2 && p[0] == key).Select(p => ParseLong(p[1].Trim())).FirstOrDefault() ?? 0;

    /// <summary>A file holding one number; "max" (no cgroup v2 limit) reads as unlimited.</summary>
    private static long? ReadNumber(string path)
    {
        var text = ReadLines(path)?.FirstOrDefault()?.Trim();
        return text == "max" ? long.MaxValue : text is null ? null : ParseLong(text);
    }

    private static string[]? ReadLines(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllLines(path) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static long? ParseLong(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
}

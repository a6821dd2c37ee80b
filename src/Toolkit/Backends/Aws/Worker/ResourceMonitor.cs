using System.Globalization;
using Fleetbook.Working;

namespace Fleetbook.Backends.Aws.Worker;

/// <summary>Where the resource monitor looks and when it warns. The file paths are options so that tests can feed it made-up files.</summary>
public sealed record ResourceMonitorOptions
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(30);

    public TimeSpan Interval { get; init; } = DefaultInterval;

    /// <summary>The folder whose filesystem is watched (the worker's FLEETBOOK_WORK_DIR).</summary>
    public string WorkDirectory { get; init; } = Path.GetTempPath();

    public string MemInfoPath { get; init; } = "/proc/meminfo";

    public string StatPath { get; init; } = "/proc/stat";

    public string CgroupRoot { get; init; } = "/sys/fs/cgroup";

    /// <summary>Reads the filesystem of a folder; <see cref="DiskSpace.Read"/> unless a test replaces it.</summary>
    public Func<string, DiskSpace?> ReadDisk { get; init; } = DiskSpace.Read;

    public double HighDiskPercent { get; init; } = 90;

    public double HighMemoryPercent { get; init; } = 90;

    public double LowCpuIdlePercent { get; init; } = 10;
}

/// <summary>One reading of the machine; a part that could not be read is null.</summary>
public sealed record ResourceSample(DiskSpace? Disk, MemoryUse? Memory, double? CpuIdlePercent, double? IoWaitPercent);

/// <summary>
/// Distributed-Something's <c>instance-monitor.py</c>: every 30 s, one line on the worker's output (which awslogs
/// ships to the per-instance log group) with disk, memory and CPU, and a warning line for each that is running out:
/// "WARNING: High disk usage." (over 90% of the work folder's filesystem), "WARNING: High memory usage." (over 90% of
/// the container's limit, or of the machine), "WARNING: Low CPU" (under 10% idle).
/// </summary>
public sealed class ResourceMonitor : IWorkerCompanion
{
    private readonly ResourceMonitorOptions _options;
    private readonly TimeProvider _time;
    private readonly TextWriter _output;
    private CpuTimes _lastCpu = new(0, 0, 0);

    public ResourceMonitor(ResourceMonitorOptions options, TimeProvider time, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Interval, TimeSpan.Zero, nameof(options));
        _options = options;
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _output = TextWriter.Synchronized(output ?? throw new ArgumentNullException(nameof(output)));
    }

    public Task RunAsync(WorkerControl worker, CancellationToken cancellationToken) => RunAsync(cancellationToken);

    /// <summary>Reports at once (CPU since boot, as iostat's first report), then every interval until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                Report(Sample());
                await Task.Delay(_options.Interval, _time, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Reads everything; CPU is measured since the previous sample.</summary>
    public ResourceSample Sample()
    {
        var cpu = ResourceReadings.ReadCpu(_options.StatPath);
        double? idle = null;
        double? ioWait = null;
        if (cpu is not null)
        {
            idle = cpu.IdlePercentSince(_lastCpu);
            ioWait = cpu.Total - _lastCpu.Total is var ticks and > 0 ? 100.0 * (cpu.IoWait - _lastCpu.IoWait) / ticks : null;
            _lastCpu = cpu;
        }

        return new ResourceSample(_options.ReadDisk(_options.WorkDirectory), ResourceReadings.ReadMemory(_options.MemInfoPath, _options.CgroupRoot), idle, ioWait);
    }

    /// <summary>The sample's line and its warnings, in the order they are written.</summary>
    public IReadOnlyList<string> Describe(ResourceSample sample)
    {
        var disk = sample.Disk is { } d
            ? Invariant($"disk {d.UsedPercent:0}% used ({Gib(d.AvailableBytes)} GiB free of {Gib(d.TotalBytes)} GiB at {d.Path})")
            : "disk unknown";
        var memory = sample.Memory is { } m
            ? Invariant($"memory {m.UsedPercent:0}% used ({Gib(m.UsedBytes)} of {Gib(m.TotalBytes)} GiB, {m.Source})")
            : "memory unknown";
        var cpu = sample.CpuIdlePercent is { } idle ? Invariant($"cpu {idle:0.0}% idle ({sample.IoWaitPercent ?? 0:0.0}% waiting for I/O)") : "cpu unknown";
        var lines = new List<string> { $"resources: {disk}; {memory}; {cpu}" };
        if (sample.Disk?.UsedPercent > _options.HighDiskPercent)
        {
            lines.Add("WARNING: High disk usage.");
        }

        if (sample.Memory?.UsedPercent > _options.HighMemoryPercent)
        {
            lines.Add("WARNING: High memory usage.");
        }

        if (sample.CpuIdlePercent < _options.LowCpuIdlePercent)
        {
            lines.Add("WARNING: Low CPU");
        }

        return lines;
    }

    private void Report(ResourceSample sample)
    {
        var stamp = _time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        _output.Write(string.Concat(Describe(sample).Select(line => $"{stamp} {line}{Environment.NewLine}")));
        _output.Flush();
    }

    private static string Gib(long bytes) => (bytes / (1024.0 * 1024 * 1024)).ToString("0.0", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

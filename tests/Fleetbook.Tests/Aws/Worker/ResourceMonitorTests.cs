using Fleetbook.Backends.Aws.Worker;
using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Aws.Worker;

public sealed class ResourceMonitorTests : IDisposable
{
    private const long Gib = 1024L * 1024 * 1024;

    private readonly TempFolder _folder = new("monitor");
    private readonly ManualClock _clock = new();
    private readonly StringWriter _output = new();
    private DiskSpace? _disk;

    public ResourceMonitorTests()
    {
        _disk = new DiskSpace("/work", 100 * Gib, 60 * Gib, 55 * Gib);
        MemInfo(totalKb: 8 * 1024 * 1024, availableKb: 6 * 1024 * 1024);
        Stat(idle: 1000, busy: 1000);
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_healthy_machine_gets_one_line_with_disk_memory_and_cpu_and_no_warning()
    {
        // Arrange
        var monitor = Monitor();

        // Act
        var lines = monitor.Describe(monitor.Sample());

        // Assert
        var line = Assert.Single(lines);
        Assert.Equal("resources: disk 42% used (55.0 GiB free of 100.0 GiB at /work); memory 25% used (2.0 of 8.0 GiB, machine); cpu 50.0% idle (0.0% waiting for I/O)", line);
    }

    [Fact]
    public void A_work_folder_over_90_percent_full_gets_the_high_disk_warning()
    {
        // Arrange
        _disk = new DiskSpace("/work", 100 * Gib, 8 * Gib, 3 * Gib);
        var monitor = Monitor();

        // Act
        var lines = monitor.Describe(monitor.Sample());

        // Assert
        Assert.Equal(["WARNING: High disk usage."], lines.Skip(1));
        Assert.Contains("disk 97% used (3.0 GiB free of 100.0 GiB at /work)", lines[0]);
    }

    [Fact]
    public void A_machine_with_under_a_tenth_of_its_memory_available_gets_the_high_memory_warning()
    {
        // Arrange
        MemInfo(totalKb: 8 * 1024 * 1024, availableKb: 512 * 1024);
        var monitor = Monitor();

        // Act
        var lines = monitor.Describe(monitor.Sample());

        // Assert
        Assert.Equal(["WARNING: High memory usage."], lines.Skip(1));
        Assert.Contains("memory 94% used (7.5 of 8.0 GiB, machine)", lines[0]);
    }

    [Fact]
    public void A_container_near_its_cgroup_v2_limit_gets_the_warning_though_the_machine_has_room()
    {
        // Arrange: 1 GiB limit, 1000 MiB charged of which 50 MiB is inactive file cache.
        _folder.Write("cgroup/memory.max", "1073741824\n");
        _folder.Write("cgroup/memory.current", $"{1000L * 1024 * 1024}\n");
        _folder.Write("cgroup/memory.stat", $"anon 900000000\ninactive_file {50L * 1024 * 1024}\nactive_file 0\n");
        var monitor = Monitor();

        // Act
        var lines = monitor.Describe(monitor.Sample());

        // Assert
        Assert.Contains("memory 93% used (0.9 of 1.0 GiB, cgroup v2 limit)", lines[0]);
        Assert.Equal(["WARNING: High memory usage."], lines.Skip(1));
    }

    [Fact]
    public void A_container_near_its_cgroup_v1_limit_gets_the_warning()
    {
        // Arrange
        _folder.Write("cgroup/memory/memory.limit_in_bytes", $"{2 * Gib}\n");
        _folder.Write("cgroup/memory/memory.usage_in_bytes", $"{2 * Gib - (100L * 1024 * 1024)}\n");
        _folder.Write("cgroup/memory/memory.stat", "cache 0\ntotal_inactive_file 0\n");
        var monitor = Monitor();

        // Act
        var lines = monitor.Describe(monitor.Sample());

        // Assert
        Assert.Contains("memory 95% used (1.9 of 2.0 GiB, cgroup v1 limit)", lines[0]);
        Assert.Equal(["WARNING: High memory usage."], lines.Skip(1));
    }

    [Theory]
    [InlineData("memory.max", "max\n", "memory.current")]
    [InlineData("memory/memory.limit_in_bytes", "9223372036854771712\n", "memory/memory.usage_in_bytes")]
    public void A_container_without_a_memory_limit_is_measured_against_the_machine(string limitFile, string limit, string usageFile)
    {
        // Arrange
        _folder.Write("cgroup/" + limitFile, limit);
        _folder.Write("cgroup/" + usageFile, $"{7 * Gib}\n");
        var monitor = Monitor();

        // Act
        var lines = monitor.Describe(monitor.Sample());

        // Assert
        Assert.Contains("memory 25% used (2.0 of 8.0 GiB, machine)", lines[0]);
    }

    [Fact]
    public void Cpu_idle_is_measured_between_samples_and_under_10_percent_gets_the_low_cpu_warning()
    {
        // Arrange: since boot the CPUs were half idle; over the next period only 5% idle, 3% of it waiting for I/O.
        var monitor = Monitor();
        monitor.Sample();
        Stat(idle: 1000 + 2, ioWait: 3, busy: 1000 + 95);

        // Act
        var lines = monitor.Describe(monitor.Sample());

        // Assert
        Assert.Contains("cpu 5.0% idle (3.0% waiting for I/O)", lines[0]);
        Assert.Equal(["WARNING: Low CPU"], lines.Skip(1));
    }

    [Fact]
    public async Task The_monitor_reports_at_start_and_then_every_30_seconds_of_its_clock()
    {
        // Arrange
        var monitor = Monitor();
        using var stop = new CancellationTokenSource();
        var running = monitor.RunAsync(stop.Token);
        await _clock.WaitForTimersAsync();
        var atStart = Lines().Count;

        // Act
        _clock.Advance(TimeSpan.FromSeconds(29));
        var before = Lines().Count;
        _clock.Advance(TimeSpan.FromSeconds(1));
        await WaitForAsync(() => Lines().Count == 2);
        await stop.CancelAsync();
        await running;

        // Assert
        Assert.Equal((1, 1), (atStart, before));
        Assert.StartsWith("2025-03-01T12:00:30.000Z resources: ", Lines()[1]);
    }

    [Fact]
    public void Missing_files_read_as_unknown_rather_than_failing()
    {
        // Arrange
        _disk = null;
        var monitor = new ResourceMonitor(new ResourceMonitorOptions
        {
            MemInfoPath = _folder.File("none/meminfo"),
            StatPath = _folder.File("none/stat"),
            CgroupRoot = _folder.File("none/cgroup"),
            ReadDisk = _ => _disk,
        }, _clock, _output);

        // Act
        var lines = monitor.Describe(monitor.Sample());

        // Assert
        Assert.Equal(["resources: disk unknown; memory unknown; cpu unknown"], lines);
    }

    [LinuxFact]
    public void This_machine_reads_with_its_real_files()
    {
        // Arrange
        var monitor = new ResourceMonitor(new ResourceMonitorOptions { WorkDirectory = _folder.Path }, _clock, _output);

        // Act
        var sample = monitor.Sample();

        // Assert
        Assert.NotNull(sample.Disk);
        Assert.True(sample.Disk.TotalBytes > 0 && sample.Disk.UsedPercent is >= 0 and <= 100);
        Assert.NotNull(sample.Memory);
        Assert.InRange(sample.Memory.UsedPercent, 0, 100);
        Assert.InRange(sample.CpuIdlePercent!.Value, 0, 100);
    }

    private ResourceMonitor Monitor() => new(new ResourceMonitorOptions
    {
        WorkDirectory = "/work",
        MemInfoPath = _folder.File("meminfo"),
        StatPath = _folder.File("stat"),
        CgroupRoot = _folder.File("cgroup"),
        ReadDisk = _ => _disk,
    }, _clock, _output);

    private void MemInfo(long totalKb, long availableKb) =>
        _folder.Write("meminfo", $"MemTotal:       {totalKb} kB\nMemFree:        1000 kB\nMemAvailable:   {availableKb} kB\nBuffers:        0 kB\n");

    private void Stat(long idle, long busy, long ioWait = 0) =>
        _folder.Write("stat", $"cpu  {busy} 0 0 {idle} {ioWait} 0 0 0 0 0\ncpu0 {busy} 0 0 {idle} {ioWait} 0 0 0 0 0\nintr 1 2 3\n");

    private List<string> Lines() => _output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries).ToList();

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(5);
        }

        Assert.True(condition());
    }
}

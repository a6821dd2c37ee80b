using System.Diagnostics;
using System.Globalization;
using Fleetbook.Backends.Local;
using Fleetbook.Configuration;

namespace Fleetbook.Bench;

/// <summary>
/// A worker's start-up time (from its start to its first poll of the queue, as its own output says) and its resident
/// memory (VmRSS) idle and running 4 copies of short jobs, for each worker flavour found, against a bare .NET process
/// (examples/CountObjects asleep). With <c>--before DIR</c>, the worker of another build is measured beside them.
/// </summary>
internal static class MemoryBenchmark
{
    public static async Task RunAsync(int rounds, string? before)
    {
        Console.WriteLine($"== worker start-up and memory (VmRSS); {rounds} rounds, medians");
        var flavours = Flavours(before);
        var results = flavours.ToDictionary(f => f.Name, _ => new List<Measured>());
        for (var round = 0; round < rounds; round++)
        {
            foreach (var (name, command) in flavours)
            {
                var measured = await MeasureAsync(command);
                results[name].Add(measured);
                Console.WriteLine($"  round {round + 1}, {name}: start {measured.StartMs:0} ms, idle {measured.IdleKiB / 1024.0:0.0} MiB, busy {measured.BusyKiB / 1024.0:0.0} MiB");
            }
        }

        var floor = BareRuntimeRss();
        Console.WriteLine("| worker | start to first poll | idle VmRSS | 4 copies running jobs | idle vs bare .NET |");
        Console.WriteLine("|---|---|---|---|---|");
        Console.WriteLine($"| bare .NET console process (CountObjects asleep) | — | {floor / 1024.0:0.0} MiB | — | 1× |");
        foreach (var (name, measured) in results)
        {
            var idle = Stats.Median(measured.Select(m => (double)m.IdleKiB));
            Console.WriteLine($"| {name} | {Stats.Median(measured.Select(m => m.StartMs)):0} ms | {idle / 1024.0:0.0} MiB | {Stats.Median(measured.Select(m => (double)m.BusyKiB)) / 1024.0:0.0} MiB | {idle / floor:0.00}× |");
        }
    }

    /// <summary>Every worker build found: the one beside this benchmark (the apphost, as a local build starts it), a native one if published, the earlier one.</summary>
    private static List<(string Name, IReadOnlyList<string> Command)> Flavours(string? before)
    {
        var flavours = new List<(string, IReadOnlyList<string>)>();
        var here = AppContext.BaseDirectory;
        flavours.Add(("this build, framework-dependent (dotnet fleetbook-worker.dll)", [DotnetHost.Path, Path.Combine(here, "fleetbook-worker.dll")]));
        if (ThroughputBenchmark.NativeWorker() is { } native)
        {
            flavours.Add(("this build, native AOT", [native]));
        }

        if (before is not null)
        {
            flavours.Add(("before (dotnet fleetbook-worker.dll)", [DotnetHost.Path, Path.Combine(before, "fleetbook-worker.dll")]));
        }

        return flavours;
    }

    private static async Task<Measured> MeasureAsync(IReadOnlyList<string> command)
    {
        var config = new RunConfig { AppName = "BenchMemory", Command = ["/bin/sh", "-c", "sleep 0.05"], Machines = 0, DockerCores = 4, IdleExitSeconds = 4 };
        await using var project = new BenchProject(config);
        await project.Run.SetupAsync();
        var backend = (LocalBackend)project.Run.Backend;
        var url = (await backend.Queues.OpenAsync(config.EffectiveQueueName, CancellationToken.None))!.Url;
        var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in backend.WorkerEnvironment(url))
        {
            start.Environment[name] = value;
        }

        start.Environment["FLEETBOOK_WORKER_ID"] = "bench-memory";
        var watch = Stopwatch.StartNew();
        using var worker = Process.Start(start)!;
        var errors = worker.StandardError.ReadToEndAsync();
        var firstLine = await worker.StandardOutput.ReadLineAsync();
        var startMs = watch.Elapsed.TotalMilliseconds;
        if (firstLine is null || !firstLine.Contains("polling", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"the worker did not start polling: {firstLine} {await errors}");
        }

        var rest = worker.StandardOutput.ReadToEndAsync();
        await Task.Delay(1500);
        var idle = Rss(worker.Id);
        await project.Run.SubmitAsync(project.WriteJobs(400));
        await Task.Delay(2000);
        var busy = Rss(worker.Id);
        await worker.WaitForExitAsync();
        await rest;
        return new Measured(startMs, idle, busy);
    }

    /// <summary>The resident memory of the smallest .NET program we ship, sleeping: the runtime's own floor.</summary>
    private static long BareRuntimeRss()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "CountObjects.dll");
        var folder = BenchFolders.Create("rss");
        Examples.CountObjects.SyntheticPlate.WriteSite(folder, "Plate1", "A01", 1);
        var image = Path.Combine(folder, Examples.CountObjects.SyntheticPlate.SiteFileName("A01", 1));
        var start = new ProcessStartInfo(DotnetHost.Path) { ArgumentList = { dll, "count", "--sleep-ms", "1500", "--image", image, "--out", folder }, RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        Thread.Sleep(1000);
        var rss = Rss(process.Id);
        process.WaitForExit();
        return rss;
    }

    private static long Rss(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }

    private sealed record Measured(double StartMs, long IdleKiB, long BusyKiB);
}

using Fleetbook.Configuration;

namespace Fleetbook.Bench;

/// <summary>A worker's resident memory (VmRSS) while idle and while running jobs.</summary>
internal static class MemoryBenchmark
{
    public static async Task RunAsync()
    {
        Console.WriteLine("== worker memory (VmRSS)");
        var config = new RunConfig
        {
            AppName = "BenchMemory",
            Command = ["/bin/sh", "-c", "sleep 0.05"],
            Machines = 1,
            DockerCores = 4,
            IdleExitSeconds = 4,
        };
        await using var project = new BenchProject(config);
        await project.Run.SetupAsync();
        await project.Run.StartAsync();
        await Task.Delay(1500);
        var fleet = (Fleetbook.Backends.Local.LocalBackend)project.Run.Backend;
        var pid = fleet.LocalFleet.WorkerProcessIds().Single();
        var idle = Rss(pid);
        await project.Run.SubmitAsync(project.WriteJobs(400));
        await Task.Delay(2000);
        var busy = Rss(pid);
        var floor = BareRuntimeRss();
        Console.WriteLine($"worker idle: {idle / 1024.0:0.0} MiB; running 4 copies: {busy / 1024.0:0.0} MiB");
        Console.WriteLine($"baseline, a bare .NET console process (examples/CountObjects asleep): {floor / 1024.0:0.0} MiB; ratio idle worker / baseline {idle / (double)floor:0.00}x");
    }

    /// <summary>The resident memory of the smallest .NET program we ship, sleeping: the runtime's own floor.</summary>
    private static long BareRuntimeRss()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "CountObjects.dll");
        var folder = Directory.CreateTempSubdirectory("fleetbook-bench-rss").FullName;
        Fleetbook.Examples.CountObjects.SyntheticPlate.WriteSite(folder, "Plate1", "A01", 1);
        var image = Path.Combine(folder, Fleetbook.Examples.CountObjects.SyntheticPlate.SiteFileName("A01", 1));
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { ArgumentList = { dll, "count", "--sleep-ms", "1500", "--image", image, "--out", folder }, RedirectStandardOutput = true };
        using var process = System.Diagnostics.Process.Start(start)!;
        Thread.Sleep(1000);
        var rss = Rss(process.Id);
        process.WaitForExit();
        Directory.Delete(folder, recursive: true);
        return rss;
    }

    private static long Rss(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
    }
}

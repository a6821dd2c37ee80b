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
        Console.WriteLine($"worker idle: {idle / 1024.0:0.0} MiB; running 4 copies: {busy / 1024.0:0.0} MiB");
    }

    private static long Rss(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
    }
}

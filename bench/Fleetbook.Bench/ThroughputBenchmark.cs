using System.Diagnostics;
using Fleetbook.Configuration;
using Fleetbook.Steps;

namespace Fleetbook.Bench;

/// <summary>N trivial jobs (`true`) through the local backend with 2 workers, against GNU parallel -j2 and xargs -P2.</summary>
internal static class ThroughputBenchmark
{
    public static async Task RunAsync(int jobs)
    {
        Console.WriteLine($"== throughput: {jobs} trivial jobs (`true`), 2 at a time");
        var fleetbook = await FleetbookAsync(jobs);
        var parallel = Baseline("parallel", $"seq {jobs} | parallel -j2 true");
        var xargs = Baseline("xargs", $"seq {jobs} | xargs -P2 -n1 true");
        Report("fleetbook (local, 2 workers × 1 copy)", jobs, fleetbook);
        Report("GNU parallel -j2", jobs, parallel);
        Report("xargs -P2 (spawn limit)", jobs, xargs);
        if (fleetbook is { } f && parallel is { } p)
        {
            Console.WriteLine($"ratio fleetbook / GNU parallel: {p.TotalSeconds / f.TotalSeconds:0.00}x");
        }

        if (fleetbook is { } f2 && xargs is { } x)
        {
            Console.WriteLine($"ratio fleetbook / xargs: {x.TotalSeconds / f2.TotalSeconds:0.00}x");
        }
    }

    private static async Task<TimeSpan?> FleetbookAsync(int jobs)
    {
        var config = new RunConfig
        {
            AppName = "BenchThroughput",
            Command = ["true"],
            Machines = 2,
            DockerCores = 1,
            IdleExitSeconds = 1,
            VisibilitySeconds = 60,
            Outputs = "results/{job_id}",
        };
        await using var project = new BenchProject(config);
        var file = project.WriteJobs(jobs);
        await project.Run.SetupAsync();
        await project.Run.SubmitAsync(file);
        var watch = Stopwatch.StartNew();
        await project.Run.StartAsync();
        var result = await project.Run.MonitorAsync(options: new MonitorOptions { PollInterval = TimeSpan.FromMilliseconds(100), CleanupWhenDrained = false });
        watch.Stop();
        if (result.Final.Succeeded != jobs)
        {
            Console.WriteLine($"fleetbook: only {result.Final.Succeeded} of {jobs} succeeded");
        }

        return watch.Elapsed;
    }

    private static TimeSpan? Baseline(string tool, string script)
    {
        if (!OnPath(tool))
        {
            Console.WriteLine($"{tool}: not installed (apt-get install {tool}); skipped");
            return null;
        }

        var start = new ProcessStartInfo("/bin/sh") { ArgumentList = { "-c", script }, RedirectStandardError = true, RedirectStandardOutput = true };
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return watch.Elapsed;
    }

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(dir => File.Exists(Path.Combine(dir, tool)));

    private static void Report(string name, int jobs, TimeSpan? elapsed)
    {
        if (elapsed is { } e)
        {
            Console.WriteLine($"{name}: {e.TotalSeconds:0.00} s, {jobs / e.TotalSeconds:0} jobs/s");
        }
    }
}

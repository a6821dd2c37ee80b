using System.Diagnostics;
using Fleetbook.Configuration;
using Fleetbook.Steps;

namespace Fleetbook.Bench;

/// <summary>
/// Dispatch only: N trivial jobs (`true`) through the local backend with 2 workers (started and monitored in this
/// process), against GNU parallel -j2 and xargs -P2 (the cost of spawning alone). The runners alternate round by round;
/// medians are compared. With <c>--before DIR</c>, the workers of another build (DIR/fleetbook-worker.dll) run the
/// same jobs in each round too, and with FLEETBOOK_NATIVE_WORKER set, the native worker.
/// </summary>
internal static class ThroughputBenchmark
{
    public static async Task RunAsync(int jobs, int rounds, string? before)
    {
        Console.WriteLine($"== throughput: {jobs} trivial jobs (`true`), 2 at a time; {rounds} rounds");
        var results = new Dictionary<string, List<double>>();

        void Add(string name, TimeSpan? elapsed, int round)
        {
            if (elapsed is { } e)
            {
                (results.TryGetValue(name, out var list) ? list : results[name] = []).Add(e.TotalSeconds);
                Console.WriteLine($"  round {round + 1}, {name}: {e.TotalSeconds:0.00} s");
            }
        }

        var beforeWorker = before is null ? null : Path.Combine(before, "fleetbook-worker.dll");
        for (var round = 0; round < rounds; round++)
        {
            Add("fleetbook (this build)", await FleetbookAsync(jobs, null), round);
            if (NativeWorker() is { } native)
            {
                Add("fleetbook (this build, native worker)", await FleetbookAsync(jobs, native), round);
            }

            if (beforeWorker is not null)
            {
                Add("fleetbook (before)", await FleetbookAsync(jobs, beforeWorker), round);
            }

            Add("GNU parallel -j2", Shell.Run("parallel", $"seq {jobs} | parallel -j2 true"), round);
            Add("xargs -P2 (spawn limit)", Shell.Run("xargs", $"seq {jobs} | xargs -P2 -n1 true"), round);
        }

        var baseline = results.TryGetValue("GNU parallel -j2", out var parallel) ? Stats.Median(parallel) : double.NaN;
        Console.WriteLine("| runner | median time | jobs/s | vs GNU parallel |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var (name, times) in results)
        {
            var median = Stats.Median(times);
            Console.WriteLine($"| {name} | {median:0.00} s | {jobs / median:0} | {baseline / median:0.00}× |");
        }
    }

    /// <summary>The native worker for local runs, when one was published (see src/Worker/Fleetbook.Worker.csproj) and named in FLEETBOOK_NATIVE_WORKER.</summary>
    public static string? NativeWorker() =>
        Environment.GetEnvironmentVariable("FLEETBOOK_NATIVE_WORKER") is { Length: > 0 } native && File.Exists(native) ? native : null;

    private static async Task<TimeSpan?> FleetbookAsync(int jobs, string? worker)
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
        Environment.SetEnvironmentVariable("FLEETBOOK_WORKER", worker);
        try
        {
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
        finally
        {
            Environment.SetEnvironmentVariable("FLEETBOOK_WORKER", null);
        }
    }
}

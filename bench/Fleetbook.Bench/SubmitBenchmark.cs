using System.Diagnostics;
using Fleetbook.Configuration;

namespace Fleetbook.Bench;

/// <summary>Submitting N jobs from a Distributed-Something job file into the local queue.</summary>
internal static class SubmitBenchmark
{
    public static async Task RunAsync(int jobs)
    {
        Console.WriteLine($"== submit: {jobs} jobs into the local queue");
        await using var project = new BenchProject(new RunConfig { AppName = "BenchSubmit", Command = ["true"] });
        var file = project.WriteJobs(jobs);
        await project.Run.SetupAsync();
        var watch = Stopwatch.StartNew();
        var result = await project.Run.SubmitAsync(file);
        watch.Stop();
        Console.WriteLine($"submit: {result.Sent} jobs in {watch.Elapsed.TotalSeconds:0.00} s ({result.Sent / watch.Elapsed.TotalSeconds:0} jobs/s); target under 5 s: ratio {5 / watch.Elapsed.TotalSeconds:0.0}x");
    }
}

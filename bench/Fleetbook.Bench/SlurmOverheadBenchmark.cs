using System.Diagnostics;
using Fleetbook.Configuration;
using Fleetbook.Steps;

namespace Fleetbook.Bench;

/// <summary>
/// The same N trivial jobs (`true`), 2 workers × 1 copy, on the local backend (SQLite queue, worker processes) and on
/// the Slurm backend of this machine's cluster (shared-folder queue, workers as array tasks), alternating round by
/// round: submit time, the wait for the first job (worker start-up: Slurm's scheduling and .NET's start), and the
/// time per job once both workers run (first job's start to last job's end, from the journal).
/// </summary>
internal static class SlurmOverheadBenchmark
{
    public static async Task RunAsync(int jobs, int rounds)
    {
        Console.WriteLine($"== slurm overhead: {jobs} trivial jobs (`true`), 2 workers × 1 copy, {rounds} round(s) of local then slurm");
        var partition = DefaultPartition();
        if (partition is null)
        {
            Console.WriteLine("slurm: no cluster answers here (sinfo); start one as .ci/run does. Skipped.");
            return;
        }

        var local = new List<Measure>();
        var slurm = new List<Measure>();
        for (var round = 1; round <= rounds; round++)
        {
            local.Add(await MeasureAsync(Config(BackendKind.Local, partition), jobs));
            slurm.Add(await MeasureAsync(Config(BackendKind.Slurm, partition), jobs));
            Console.WriteLine($"round {round}: local {local[^1]}; slurm {slurm[^1]}");
        }

        var l = Measure.Median(local);
        var s = Measure.Median(slurm);
        Console.WriteLine($"median local: {l}");
        Console.WriteLine($"median slurm: {s}");
        Console.WriteLine($"per job while running, slurm / local: {s.PerJob.TotalMilliseconds / l.PerJob.TotalMilliseconds:0.00}x ({s.PerJob.TotalMilliseconds - l.PerJob.TotalMilliseconds:+0.00;-0.00} ms per job)");
        Console.WriteLine($"whole run (start to drained) per job, slurm / local: {s.Whole.TotalMilliseconds / l.Whole.TotalMilliseconds:0.00}x ({(s.Whole - l.Whole).TotalMilliseconds / jobs:+0.00;-0.00} ms per job)");
        Console.WriteLine($"first job after start: slurm {s.FirstJob.TotalSeconds:0.00} s, local {l.FirstJob.TotalSeconds:0.00} s");
        Console.WriteLine($"submit, slurm (one file per message) / local (SQLite): {s.Submit.TotalMilliseconds / l.Submit.TotalMilliseconds:0.00}x");
    }

    private static async Task<Measure> MeasureAsync(RunConfig config, int jobs)
    {
        await using var project = new BenchProject(config);
        var file = project.WriteJobs(jobs);
        await project.Run.SetupAsync();
        var submitWatch = Stopwatch.StartNew();
        await project.Run.SubmitAsync(file);
        var submit = submitWatch.Elapsed;
        var started = DateTimeOffset.UtcNow;
        var watch = Stopwatch.StartNew();
        await project.Run.StartAsync();
        var result = await project.Run.MonitorAsync(options: new MonitorOptions { PollInterval = TimeSpan.FromMilliseconds(100), CleanupWhenDrained = false, LiveDisplay = Display.LiveDisplayMode.Off });
        var whole = watch.Elapsed;
        if (result.Final.Succeeded != jobs)
        {
            Console.WriteLine($"{config.Backend}: only {result.Final.Succeeded} of {jobs} succeeded");
        }

        var attempts = await project.Run.AttemptsAsync();
        var first = attempts.Min(a => a.Started);
        var last = attempts.Max(a => a.Ended ?? a.Started);
        return new Measure(submit, first - started, (last - first) / jobs, whole);
    }

    private static RunConfig Config(BackendKind backend, string partition) => new()
    {
        AppName = "BenchOverhead" + Guid.NewGuid().ToString("N")[..6],
        Backend = backend,
        Command = ["true"],
        Machines = 2,
        DockerCores = 1,
        Memory = 200,
        IdleExitSeconds = 1,
        VisibilitySeconds = 60,
        Slurm = new SlurmOptions { Partition = partition },
    };

    private static string? DefaultPartition()
    {
        try
        {
            var start = new ProcessStartInfo("sinfo") { ArgumentList = { "--noheader", "--format=%P %a" }, RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            var up = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')).Where(p => p.Length == 2 && p[1] == "up").ToList();
            return process.ExitCode != 0 || up.Count == 0 ? null : (up.FirstOrDefault(p => p[0].EndsWith('*')) ?? up[0])[0].TrimEnd('*');
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    private sealed record Measure(TimeSpan Submit, TimeSpan FirstJob, TimeSpan PerJob, TimeSpan Whole)
    {
        public static Measure Median(IReadOnlyList<Measure> all)
        {
            static TimeSpan Middle(IEnumerable<TimeSpan> values) => values.Order().ElementAt((values.Count() - 1) / 2);
            return new Measure(Middle(all.Select(m => m.Submit)), Middle(all.Select(m => m.FirstJob)), Middle(all.Select(m => m.PerJob)), Middle(all.Select(m => m.Whole)));
        }

        public override string ToString() =>
            $"submit {Submit.TotalSeconds:0.00} s, first job after {FirstJob.TotalSeconds:0.00} s, {PerJob.TotalMilliseconds:0.00} ms per job while running, whole run {Whole.TotalSeconds:0.00} s";
    }
}

using Fleetbook.Bench;

// Benchmarks with their baselines, measured in the same invocation; results are reported as ratios in bench/README.md.
// Usage: dotnet run -c Release --project bench/Fleetbook.Bench -- [all|terminal|throughput|phases|submit|receive|memory|aws-submit|live|slurm]
//        [--jobs N] [--rounds N] [--before DIR] [--run]
// --run (submit): run the million jobs to the end with 2 workers too (about 20 minutes).
// --before DIR: the build outputs of an earlier version (its fleetbook-worker.dll, Fleetbook.Cli.dll), measured beside this one.
var what = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "all";
string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
var jobs = Option("--jobs") is { } j ? int.Parse(j, System.Globalization.CultureInfo.InvariantCulture) : 0;
var rounds = Option("--rounds") is { } r ? int.Parse(r, System.Globalization.CultureInfo.InvariantCulture) : 3;
var before = Option("--before") is { } b ? Path.GetFullPath(b) : null;

var benchmarks = new Dictionary<string, Func<Task>>
{
    ["terminal"] = () => TerminalRunBenchmark.RunAsync(jobs == 0 ? 5000 : jobs, rounds, before),
    ["throughput"] = () => ThroughputBenchmark.RunAsync(jobs == 0 ? 5000 : jobs, rounds, before),
    ["phases"] = () => PhasesBenchmark.RunAsync(jobs == 0 ? 3000 : jobs),
    ["submit"] = () => SubmitBenchmark.RunAsync(jobs == 0 ? 1_000_000 : jobs, rounds, before, wholeRun: args.Contains("--run")),
    ["receive"] = () => ReceiveCostBenchmark.RunAsync(jobs == 0 ? [10_000, 100_000, 1_000_000] : [jobs]),
    ["memory"] = () => MemoryBenchmark.RunAsync(rounds, before),
    ["aws-submit"] = () => AwsSubmitBenchmark.RunAsync(jobs == 0 ? 1_000_000 : jobs),
    ["live"] = () => LiveMonitorBenchmark.RunAsync(jobs == 0 ? rounds : jobs),
    ["slurm"] = () => SlurmOverheadBenchmark.RunAsync(jobs == 0 ? 2000 : jobs, rounds),
};

// "all" runs every benchmark with its defaults; live and aws-submit need the demo's program and the emulators .ci/run installs, slurm a running cluster.
var chosen = what == "all" ? benchmarks.Keys.ToList() : [what];
if (chosen.Any(name => !benchmarks.ContainsKey(name)))
{
    Console.Error.WriteLine($"unknown benchmark '{what}': use all, {string.Join(", ", benchmarks.Keys)}");
    return 2;
}

try
{
    foreach (var name in chosen)
    {
        Console.WriteLine();
        Console.WriteLine($"[{DateTime.UtcNow:yyyy-MM-dd HH:mm:ss}Z] {name}: before, {MachineLoad.Now()}");
        try
        {
            await benchmarks[name]();
        }
        catch (Exception ex) when (what == "all")
        {
            Console.WriteLine($"{name} failed: {ex.GetType().Name}: {ex.Message}");
        }

        Console.WriteLine($"[{DateTime.UtcNow:yyyy-MM-dd HH:mm:ss}Z] {name}: after, {MachineLoad.Now()}");
    }
}
finally
{
    BenchFolders.RemoveAll();
}

return 0;

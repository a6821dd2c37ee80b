using Fleetbook.Bench;

// Benchmarks of the local backend against their baselines; results are reported as ratios in bench/README.md.
// Usage: dotnet run -c Release --project bench/Fleetbook.Bench -- [throughput|submit|memory|all|aws-submit|live|slurm] [--jobs N] [--rounds N]
// (for live, --jobs N is the number of rounds)
var what = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "all";
var jobs = args.SkipWhile(a => a != "--jobs").Skip(1).Select(int.Parse).FirstOrDefault();
switch (what)
{
    case "throughput":
        await ThroughputBenchmark.RunAsync(jobs == 0 ? 5000 : jobs);
        break;
    case "submit":
        await SubmitBenchmark.RunAsync(jobs == 0 ? 100_000 : jobs);
        break;
    case "aws-submit":
        await AwsSubmitBenchmark.RunAsync(jobs == 0 ? 100_000 : jobs);
        break;
    case "memory":
        await MemoryBenchmark.RunAsync();
        break;
    case "slurm":
        await SlurmOverheadBenchmark.RunAsync(jobs == 0 ? 2000 : jobs, args.SkipWhile(a => a != "--rounds").Skip(1).Select(int.Parse).FirstOrDefault() is var rounds and > 0 ? rounds : 3);
        break;
    case "live":
        await LiveMonitorBenchmark.RunAsync(jobs == 0 ? 3 : jobs);
        break;
    case "all":
        await ThroughputBenchmark.RunAsync(jobs == 0 ? 5000 : jobs);
        await SubmitBenchmark.RunAsync(100_000);
        await MemoryBenchmark.RunAsync();
        break;
    default:
        Console.Error.WriteLine($"unknown benchmark '{what}': use throughput, submit, memory, all, aws-submit, live or slurm");
        return 2;
}

return 0;

using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;

namespace Fleetbook.Bench;

/// <summary>
/// A whole run from the terminal, every step its own <c>fleetbook</c> process: init, setup, submit N trivial jobs,
/// start 2 workers, monitor until drained, status --json. Against GNU parallel -j2 running the same N jobs; the two
/// alternate round by round and the medians are compared. With <c>--before DIR</c>, the CLI of another build
/// (DIR/Fleetbook.Cli.dll, with its own worker beside it) runs the same steps in each round too, and with
/// FLEETBOOK_NATIVE_WORKER set, this build's CLI with the native worker (FLEETBOOK_WORKER).
/// </summary>
internal static class TerminalRunBenchmark
{
    public static async Task RunAsync(int jobs, int rounds, string? before)
    {
        Console.WriteLine($"== terminal run: {jobs} trivial jobs (`true`), 2 workers, every step a fleetbook process; {rounds} rounds");
        var here = CliCommand(AppContext.BaseDirectory);
        var clis = new List<(string Name, IReadOnlyList<string> Command, string? Worker)> { ("fleetbook (this build)", here, null) };
        if (ThroughputBenchmark.NativeWorker() is { } native)
        {
            clis.Add(("fleetbook (this build, native worker)", here, native));
        }

        if (before is not null)
        {
            clis.Add(("fleetbook (before)", CliCommand(before), null));
        }

        var results = clis.ToDictionary(c => c.Name, _ => new List<double>());
        var parallel = new List<double>();
        var stepTimes = new Dictionary<string, List<double>>();
        for (var round = 0; round < rounds; round++)
        {
            foreach (var (name, cli, worker) in clis)
            {
                Environment.SetEnvironmentVariable("FLEETBOOK_WORKER", worker); // the fleetbook processes pass it on to start
                var steps = await FleetbookRunAsync(cli, jobs);
                Environment.SetEnvironmentVariable("FLEETBOOK_WORKER", null);
                results[name].Add(steps.Sum(s => s.Seconds));
                foreach (var (step, seconds) in steps)
                {
                    (stepTimes.TryGetValue($"{name}: {step}", out var list) ? list : stepTimes[$"{name}: {step}"] = []).Add(seconds);
                }

                Console.WriteLine($"  round {round + 1}, {name}: {results[name][^1]:0.00} s ({string.Join(", ", steps.Select(s => $"{s.Name} {s.Seconds:0.00}"))})");
            }

            if (Shell.Run("parallel", $"seq {jobs} | parallel -j2 true") is { } p)
            {
                parallel.Add(p.TotalSeconds);
                Console.WriteLine($"  round {round + 1}, GNU parallel -j2: {p.TotalSeconds:0.00} s");
            }
        }

        var baseline = Stats.Median(parallel);
        Console.WriteLine("| runner | median time | jobs/s | vs GNU parallel -j2 |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var (name, times) in results.Append(new("GNU parallel -j2 (baseline)", parallel)))
        {
            var median = Stats.Median(times);
            Console.WriteLine($"| {name} | {median:0.00} s | {jobs / median:0} | {baseline / median:0.00}× |");
        }

        Console.WriteLine("median per step: " + string.Join("; ", stepTimes.Select(s => $"{s.Key} {Stats.Median(s.Value):0.00} s")));
    }

    private static async Task<List<(string Name, double Seconds)>> FleetbookRunAsync(IReadOnlyList<string> cli, int jobs)
    {
        var folder = BenchFolders.Create("terminal");
        var steps = new List<(string, double)>();
        steps.Add(("init", Run(cli, folder, "init", "--app-name", "BenchTerminal")));
        var configPath = Path.Combine(folder, "fleetbook.json");
        var config = JsonNode.Parse(await File.ReadAllTextAsync(configPath))!.AsObject();
        config["command"] = new JsonArray("true");
        config["machines"] = 2;
        config["dockerCores"] = 1;
        config["idleExitSeconds"] = 2;
        await File.WriteAllTextAsync(configPath, config.ToJsonString());
        var jobFile = new StringBuilder("{\"groups\": [");
        for (var i = 0; i < jobs; i++)
        {
            jobFile.Append(i == 0 ? "" : ",").Append("{\"n\": \"").Append(i).Append("\"}");
        }

        await File.WriteAllTextAsync(Path.Combine(folder, "jobs.json"), jobFile.Append("]}").ToString());
        steps.Add(("setup", Run(cli, folder, "setup")));
        steps.Add(("submit", Run(cli, folder, "submit", "jobs.json")));
        steps.Add(("start", Run(cli, folder, "start")));
        steps.Add(("monitor", Run(cli, folder, "monitor")));
        steps.Add(("status", Run(cli, folder, "status", "--json")));
        return steps;
    }

    public static double Run(IReadOnlyList<string> cli, string folder, params string[] arguments)
    {
        var start = new ProcessStartInfo(cli[0]) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in cli.Skip(1).Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["NO_COLOR"] = "1";
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        watch.Stop();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"fleetbook {string.Join(' ', arguments)} exited {process.ExitCode}: {output.Result}{errors}");
        }

        return watch.Elapsed.TotalSeconds;
    }

    /// <summary>The fleetbook command as a dotnet tool runs it: the CLI's apphost in <paramref name="folder"/>, else dotnet and its dll.</summary>
    public static IReadOnlyList<string> CliCommand(string folder)
    {
        var apphost = Path.Combine(folder, "Fleetbook.Cli");
        return File.Exists(apphost) ? [apphost] : [Backends.Local.DotnetHost.Path, Path.Combine(folder, "Fleetbook.Cli.dll")];
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Fleetbook.Bench;

/// <summary>
/// A million jobs on one machine, through the fleetbook command (each step its own process): submit a job file of N
/// groups into the local queue (time and peak resident memory), then status with N waiting. With <c>--run</c>, the
/// whole run with 2 workers follows (jobs/s over the run) and status with N done. With <c>--before DIR</c>, the CLI of
/// another build does the same steps on a project of its own, measured beside this one.
/// </summary>
internal static class SubmitBenchmark
{
    public static async Task RunAsync(int jobs, int rounds, string? before, bool wholeRun)
    {
        Console.WriteLine($"== submit: {jobs:N0} jobs into the local queue, {rounds} round(s){(wholeRun ? ", then the whole run with 2 workers" : "")}");
        var clis = new List<(string Name, IReadOnlyList<string> Command)> { ("this build", TerminalRunBenchmark.CliCommand(AppContext.BaseDirectory)) };
        if (before is not null)
        {
            clis.Add(("before", TerminalRunBenchmark.CliCommand(before)));
        }

        var jobText = JobFile(jobs);
        Console.WriteLine($"job file: {jobText.Length / 1024.0 / 1024.0:0.0} MiB");
        var submits = clis.ToDictionary(c => c.Name, _ => new List<(double Seconds, double CpuSeconds, long PeakKiB)>());

        // Round by round, each build in turn: a machine shared with other work disturbs them alike.
        for (var round = 1; round <= rounds; round++)
        {
            foreach (var (name, cli) in clis)
            {
                var folder = await ProjectAsync(cli, jobText);
                var submit = PeakOf(cli, folder, "submit", "jobs.json");
                submits[name].Add(submit);
                var status = TerminalRunBenchmark.Run(cli, folder, "status", "--json");
                var size = new FileInfo(Path.Combine(folder, ".fleetbook", "BenchMillion", "queue.db")).Length
                    + (File.Exists(Path.Combine(folder, ".fleetbook", "BenchMillion", "queue.db-wal")) ? new FileInfo(Path.Combine(folder, ".fleetbook", "BenchMillion", "queue.db-wal")).Length : 0);
                Console.WriteLine($"| round {round} | {name} | submit {submit.Seconds:0.00} s, CPU {submit.CpuSeconds:0.00} s | peak {submit.PeakKiB / 1024.0:0} MiB | status with {jobs:N0} waiting {status:0.00} s | queue.db {size / (double)jobs:0} bytes per job | {MachineLoad.Now()} |");
                if (wholeRun && round == 1)
                {
                    var watch = Stopwatch.StartNew();
                    TerminalRunBenchmark.Run(cli, folder, "start");
                    TerminalRunBenchmark.Run(cli, folder, "monitor", "--no-cleanup", "--interval", "2");
                    watch.Stop();
                    var done = TerminalRunBenchmark.Run(cli, folder, "status", "--json");
                    Console.WriteLine($"| {name} | whole run {watch.Elapsed.TotalSeconds:0} s ({jobs / watch.Elapsed.TotalSeconds:0} jobs/s) | status with {jobs:N0} done {done:0.00} s |");
                    TerminalRunBenchmark.Run(cli, folder, "cleanup");
                }
            }
        }

        foreach (var (name, runs) in submits)
        {
            Console.WriteLine($"| median of {runs.Count} | {name} | submit {Stats.Median(runs.Select(r => r.Seconds)):0.00} s, CPU {Stats.Median(runs.Select(r => r.CpuSeconds)):0.00} s | peak {runs.Max(r => r.PeakKiB) / 1024.0:0} MiB (highest) |");
        }
    }

    private static string JobFile(int jobs)
    {
        var text = new StringBuilder("{\"input_location\": \"projects/bench/images\", \"groups\": [\n");
        for (var i = 0; i < jobs; i++)
        {
            text.Append(i == 0 ? "" : ",\n").Append("{\"plate\": \"Plate").Append(i / 384).Append("\", \"well\": \"W").Append(i % 384).Append("\"}");
        }

        return text.Append("\n]}\n").ToString();
    }

    private static async Task<string> ProjectAsync(IReadOnlyList<string> cli, string jobText)
    {
        var folder = BenchFolders.Create("million");
        TerminalRunBenchmark.Run(cli, folder, "init", "--app-name", "BenchMillion");
        var configPath = Path.Combine(folder, "fleetbook.json");
        var config = JsonNode.Parse(await File.ReadAllTextAsync(configPath))!.AsObject();
        config["command"] = new JsonArray("true");
        config["machines"] = 2;
        config["dockerCores"] = 1;
        config["idleExitSeconds"] = 5;
        await File.WriteAllTextAsync(configPath, config.ToJsonString());
        await File.WriteAllTextAsync(Path.Combine(folder, "jobs.json"), jobText);
        TerminalRunBenchmark.Run(cli, folder, "setup");
        return folder;
    }

    /// <summary>
    /// Runs one fleetbook step under python3, which reports the CPU time (user + system, which a machine shared with other
    /// work disturbs less than the wall time) and the peak resident memory (KiB) of the process it waited for.
    /// </summary>
    private static (double Seconds, double CpuSeconds, long PeakKiB) PeakOf(IReadOnlyList<string> cli, string folder, params string[] arguments)
    {
        const string Script = "import resource, subprocess, sys; code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode; u = resource.getrusage(resource.RUSAGE_CHILDREN); print(u.ru_utime + u.ru_stime, u.ru_maxrss); sys.exit(code)";
        var start = new ProcessStartInfo("python3") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Script);
        foreach (var argument in cli.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        watch.Stop();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"fleetbook {string.Join(' ', arguments)} exited {process.ExitCode}: {errors.Result}");
        }

        var usage = output.Trim().Split(' ');
        return (watch.Elapsed.TotalSeconds, double.Parse(usage[0], CultureInfo.InvariantCulture), long.Parse(usage[1], CultureInfo.InvariantCulture));
    }
}

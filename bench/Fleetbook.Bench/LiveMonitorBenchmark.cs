using System.Diagnostics;
using Fleetbook.Configuration;
using Fleetbook.Display;
using Fleetbook.Examples.CountObjects;
using Fleetbook.Steps;

namespace Fleetbook.Bench;

/// <summary>
/// The demo's run (96 wells × 4 sites counted by examples/CountObjects, 2 workers × 2 copies, polled every 0.25 s)
/// monitored three ways, alternating: no live display (the baseline), a live display redrawn at most once a second
/// (the default), and one redrawn on every poll. The display formats the view as a notebook host does for each update
/// (HTML and plain text, charts included) and throws the result away.
/// </summary>
internal static class LiveMonitorBenchmark
{
    private const string Plate = "Plate1";
    private const int Sites = 4;
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    public static async Task RunAsync(int rounds)
    {
        Console.WriteLine($"== live monitor: the demo's {SyntheticPlate.Wells().Count * Sites} jobs, {rounds} rounds of three variants");
        var variants = new (string Name, TimeSpan? Interval)[] { ("no live display (baseline)", null), ("live display, at most 1/s (default)", TimeSpan.FromSeconds(1)), ("live display, every poll", TimeSpan.Zero) };
        var results = variants.ToDictionary(v => v.Name, _ => new List<Measured>());
        for (var round = 0; round < rounds; round++)
        {
            foreach (var (name, interval) in variants)
            {
                var measured = await RunOnceAsync(interval);
                results[name].Add(measured);
                Console.WriteLine($"  round {round + 1}, {name}: {measured}");
            }
        }

        var baseline = Stats.Median(results[variants[0].Name].Select(m => m.Elapsed.TotalSeconds));
        foreach (var (name, _) in variants)
        {
            var runs = results[name];
            var median = Stats.Median(runs.Select(m => m.Elapsed.TotalSeconds));
            Console.WriteLine($"{name}: median {median:0.00} s, ratio to baseline {median / baseline:0.000}x; " +
                              $"mean poll gap {Stats.Median(runs.Select(m => m.MeanPollGap.TotalMilliseconds)):0} ms; " +
                              $"{Stats.Median(runs.Select(m => (double)m.Redraws)):0} redraws of {Stats.Median(runs.Select(m => m.RenderMs / Math.Max(1, m.Redraws))):0.0} ms each");
        }
    }

    private static async Task<Measured> RunOnceAsync(TimeSpan? interval)
    {
        await using var project = new BenchProject(DemoConfig());
        var jobs = WriteDemo(project.Folder);
        await project.Run.SetupAsync();
        await project.Run.SubmitAsync(jobs);
        var polls = new PollCounter();
        var host = new FormattingHost();
        var live = interval is { } every ? new LiveMonitor(host, every, config: project.Run.Config, projectDirectory: project.Folder) : null;
        var watch = Stopwatch.StartNew();
        await project.Run.StartAsync();
        var result = await project.Run.MonitorAsync(
            new Fanout(polls, live),
            new MonitorOptions { PollInterval = Poll, CleanupWhenDrained = false, LiveDisplay = LiveDisplayMode.Off });
        live?.Complete(result);
        watch.Stop();
        if (result.Final.Succeeded != SyntheticPlate.Wells().Count * Sites)
        {
            Console.WriteLine($"  only {result.Final.Succeeded} jobs succeeded: {result.Final.Explanation}");
        }

        return new Measured(watch.Elapsed, polls.MeanGap, live?.Redraws ?? 0, host.Elapsed.TotalMilliseconds);
    }

    private static RunConfig DemoConfig() => new()
    {
        AppName = "BenchLive",
        Command = [Backends.Local.DotnetHost.Path, Path.Combine(AppContext.BaseDirectory, "CountObjects.dll"), "count",
            "--image", "{input_dir}/{group.Metadata_Well}_s{group.Metadata_Site}.pgm", "--out", "{output_dir}",
            "--plate", "{group.Metadata_Plate}", "--well", "{group.Metadata_Well}", "--site", "{group.Metadata_Site}"],
        DownloadFiles = true,
        Inputs = "images/{group.Metadata_Plate}/{group.Metadata_Well}_s{group.Metadata_Site}.pgm",
        Outputs = "results/{job_id}",
        Machines = 2,
        DockerCores = 2,
        VisibilitySeconds = 60,
        IdleExitSeconds = 3,
    };

    private static string WriteDemo(string folder)
    {
        var images = Path.Combine(folder, "bucket", "images", Plate);
        Directory.CreateDirectory(images);
        var groups = new List<string>();
        foreach (var well in SyntheticPlate.Wells())
        {
            for (var site = 1; site <= Sites; site++)
            {
                SyntheticPlate.WriteSite(images, Plate, well, site);
                groups.Add($"{{\"Metadata_Plate\": \"{Plate}\", \"Metadata_Well\": \"{well}\", \"Metadata_Site\": \"{site}\"}}");
            }
        }

        var jobs = Path.Combine(folder, "job.json");
        File.WriteAllText(jobs, "{\"groups\": [" + string.Join(",\n", groups) + "]}");
        return jobs;
    }

    private sealed record Measured(TimeSpan Elapsed, TimeSpan MeanPollGap, int Redraws, double RenderMs)
    {
        public override string ToString() =>
            $"{Elapsed.TotalSeconds:0.00} s, mean poll gap {MeanPollGap.TotalMilliseconds:0} ms, {Redraws} redraws, {RenderMs:0} ms formatting";
    }

    /// <summary>What a notebook host does with each update: format the view as HTML and plain text.</summary>
    private sealed class FormattingHost : ILiveDisplay
    {
        private readonly Stopwatch _watch = new();

        public TimeSpan Elapsed => _watch.Elapsed;

        public void Show(object value)
        {
            _watch.Start();
            var bundle = FleetbookDisplay.ToMimeBundle(value);
            GC.KeepAlive(bundle);
            _watch.Stop();
        }
    }

    private sealed class PollCounter : IProgress<RunStatus>
    {
        private readonly Stopwatch _watch = Stopwatch.StartNew();
        private TimeSpan _first;
        private TimeSpan _last;
        private int _count;

        public TimeSpan MeanGap => _count < 2 ? TimeSpan.Zero : (_last - _first) / (_count - 1);

        public void Report(RunStatus value)
        {
            _last = _watch.Elapsed;
            _first = _count++ == 0 ? _last : _first;
        }
    }

    private sealed class Fanout(IProgress<RunStatus> first, IProgress<RunStatus>? second) : IProgress<RunStatus>
    {
        public void Report(RunStatus value)
        {
            first.Report(value);
            second?.Report(value);
        }
    }
}

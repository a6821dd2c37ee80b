using System.Diagnostics;
using Fleetbook.Cli.Rendering;
using Fleetbook.Steps;

namespace Fleetbook.Cli.Demo;

/// <summary><c>fleetbook demo</c>: the whole run on the local backend, from a synthetic plate to results.csv and report.html.</summary>
internal static class DemoCommand
{
    public static async Task<int> RunAsync(Terminal terminal, string directory, int workers, CancellationToken token)
    {
        var folder = Path.GetFullPath(directory);
        var watch = Stopwatch.StartNew();
        Directory.CreateDirectory(folder);
        await ResetAsync(folder, token);
        var project = DemoProject.Prepare(folder, workers);
        terminal.Line($"demo: {project.Images} synthetic image sites (96-well plate × {DemoProject.Sites} sites) in {Path.Combine(folder, "bucket", "images")}");

        await using var run = FleetRun.Create(project.Config, folder);
        var cleanedUp = false;
        try
        {
            DocumentRendering.Show(terminal, await run.SetupAsync(token), showNext: false);
            var submitted = await LiveProgress.SubmitAsync(terminal, progress => run.SubmitAsync(project.JobFile, progress: progress, cancellationToken: token));
            DocumentRendering.Show(terminal, submitted, showNext: false);
            DocumentRendering.Show(terminal, await run.StartAsync(cancellationToken: token), showNext: false);
            var monitor = await LiveProgress.MonitorAsync(terminal, progress => run.MonitorAsync(progress, new MonitorOptions { PollInterval = TimeSpan.FromMilliseconds(250) }, token));
            cleanedUp = monitor.Cleanup is not null;
            if (monitor.Cleanup is not null)
            {
                DocumentRendering.Show(terminal, monitor.Cleanup);
            }

            var resultsCsv = Path.Combine(folder, "results.csv");
            var counts = await DemoResults.CollectAsync(run.Backend.Bucket, resultsCsv, token);
            var reportPath = Path.Combine(folder, "report.html");
            var chartsNeedInternet = await DemoReport.WriteAsync(run, monitor, counts, reportPath, token);

            terminal.Line($"demo: {counts.Count} sites counted, {counts.Sum(c => c.Objects)} objects in all, in {watch.Elapsed.TotalSeconds:0.0} s");
            terminal.Line($"demo: results in {resultsCsv}");
            terminal.Line($"demo: report in {reportPath}");
            if (chartsNeedInternet)
            {
                terminal.Line("demo: " + Commands.ReportFile.OfflineChartsNote);
            }

            var complete = counts.Count == project.Images && !monitor.HadFailures;
            if (!complete)
            {
                terminal.Line($"demo: {project.Images - counts.Count} sites have no result; see 'fleetbook dlq list -c {Path.Combine(folder, "fleetbook.json")}'");
            }

            return complete ? CliApp.Success : CliApp.RunHadFailures;
        }
        finally
        {
            if (!cleanedUp)
            {
                await run.CleanupAsync(force: true, CancellationToken.None);
            }
        }
    }

    /// <summary>
    /// Stops anything a previous demo in this folder left running and clears its state and the bucket's results, keeping
    /// the images. The previous results.csv and report.html stay until this run writes new ones.
    /// </summary>
    private static async Task ResetAsync(string folder, CancellationToken token)
    {
        var configPath = Path.Combine(folder, Configuration.RunConfig.DefaultFileName);
        if (File.Exists(configPath))
        {
            try
            {
                // Disposed before the folder goes: the run lets go of its pooled connections to queue.db.
                await using var previous = FleetRun.Open(configPath);
                await previous.CleanupAsync(force: true, token);
            }
            catch (Exception ex) when (ex is Inputs.InputException or Backends.Local.StateDatabaseException)
            {
                // A hand-edited config that no longer loads, or a lost state database: the state folder is removed below all the same.
            }
        }

        foreach (var path in new[] { Path.Combine(folder, ".fleetbook"), Path.Combine(folder, "bucket", "results") })
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
    }
}

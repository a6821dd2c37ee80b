using System.Globalization;
using Fleetbook.Charts;
using Fleetbook.Display;
using Fleetbook.Reports;
using Fleetbook.Steps;

namespace Fleetbook.Cli.Demo;

/// <summary>The demo's run report: the library's <see cref="RunReport"/> with the plate map of object counts as its results.</summary>
internal static class DemoReport
{
    /// <summary>Writes the report; says whether its charts had to fall back to the plotly.js CDN.</summary>
    public static async Task<bool> WriteAsync(FleetRun run, MonitorResult monitor, IReadOnlyList<SiteCount> counts, string path, CancellationToken token)
    {
        var report = (await RunReport.CreateAsync(run, monitor, cancellationToken: token)).WithResults(Results(counts));
        var plotly = PlotlyScript.TryLocate(run.ProjectDirectory);
        await report.WriteAsync(path, plotly ?? PlotlyScript.Cdn, token);
        return plotly is null;
    }

    public static ResultsSummary Results(IReadOnlyList<SiteCount> counts)
    {
        var byWell = counts.GroupBy(c => c.Well).ToDictionary(g => g.Key, g => g.Average(c => (double)c.Objects));
        var total = counts.Sum(c => (long)c.Objects);
        return ResultsSummary.Create(
            "Objects per well",
            [
                new Fact("sites counted", counts.Count.ToString("N0", CultureInfo.InvariantCulture)),
                new Fact("wells", byWell.Count.ToString("N0", CultureInfo.InvariantCulture)),
                new Fact("objects in all", total.ToString("N0", CultureInfo.InvariantCulture)),
                new Fact("objects per site (mean)", counts.Count == 0 ? "—" : counts.Average(c => c.Objects).ToString("0.0", CultureInfo.InvariantCulture)),
            ],
            [PlateMap.Heatmap(byWell, $"{DemoProject.Plate}: objects per well (mean of {DemoProject.Sites} sites)", "objects")],
            "Per-site counts, areas and intensities are in results.csv beside this file.")
            .Add(new Section("Objects per well as a table", [PlateMap.Table(byWell)], Collapsed: true));
    }
}

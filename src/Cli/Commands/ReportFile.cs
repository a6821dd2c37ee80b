using Fleetbook.Charts;
using Fleetbook.Cli.Rendering;
using Fleetbook.Reports;

namespace Fleetbook.Cli.Commands;

/// <summary>Writes a run report where the user asked (by default report.html beside the config) and says where it went.</summary>
internal static class ReportFile
{
    public const string DefaultName = "report.html";

    /// <summary>The note for a report whose charts load plotly.js from the CDN.</summary>
    public const string OfflineChartsNote =
        "the report's charts are static pictures offline (plotly.js from the CDN makes them interactive); set " + PlotlyScript.PathVariable + " to a plotly.min.js for interactive charts offline";

    /// <summary><paramref name="path"/> as given (relative to the current folder), or report.html in <paramref name="projectDirectory"/>.</summary>
    public static string Resolve(string? path, string projectDirectory) =>
        Path.GetFullPath(path ?? Path.Combine(projectDirectory, DefaultName));

    /// <summary>Writes the report (a report already there is replaced once the new one is whole) and prints its path and badge.</summary>
    public static async Task WriteAsync(Terminal terminal, RunReport report, string path, CancellationToken token)
    {
        var plotly = PlotlyScript.TryLocate(report.ProjectDirectory);
        await report.WriteAsync(path, plotly ?? PlotlyScript.Cdn, token);
        var badge = Display.FleetbookDisplay.Describe(report).Badge?.Text;
        terminal.Line($"report: {path}{(badge is null ? "" : $" ({badge})")}");
        if (plotly is null)
        {
            terminal.Line("report: " + OfflineChartsNote);
        }
    }
}

using Fleetbook.Charts;
using Fleetbook.Configuration;
using Fleetbook.Display;
using Fleetbook.Journal;
using Fleetbook.Steps;

namespace Fleetbook.Reports;

/// <summary>
/// Everything worth keeping about a run, as one self-contained HTML file: the config, jobs over time, how long jobs
/// took, the failures with the end of their logs, the program's own results and the cost. Build it with
/// <see cref="CreateAsync"/> after monitor returns (or at any time, from the run's state), add results with
/// <see cref="WithResults"/>, then <see cref="WriteAsync"/>. In a notebook it displays itself.
/// </summary>
[TypeFormatterSource(typeof(FleetbookFormatterSource<RunReport>))]
public sealed partial record RunReport : IDisplayable
{
    public required RunConfig Config { get; init; }

    /// <summary>"local" or "aws".</summary>
    public string Backend { get; init; } = "local";

    /// <summary>What monitor saw: the timeline chart and the final counts. Null when the report is made without monitoring.</summary>
    public MonitorResult? Monitor { get; init; }

    /// <summary>The run's status when a report without <see cref="Monitor"/> was made: the final counts and where the run is.</summary>
    public RunStatus? Status { get; init; }

    /// <summary>Jobs over time when there is no <see cref="Monitor"/>: rebuilt from the attempt journal, ending with <see cref="Status"/>.</summary>
    public IReadOnlyList<RunStatus> Timeline { get; init; } = [];

    /// <summary>Every attempt from the journal (durations, failures).</summary>
    public IReadOnlyList<JobAttempt> Attempts { get; init; } = [];

    public IReadOnlyList<FailedJob> Failures { get; init; } = [];

    public ResultsSummary? Results { get; init; }

    /// <summary>What the run cost in US dollars; null when unknown or free (the local backend), shown as "—".</summary>
    public decimal? CostUsd { get; init; }

    /// <summary>The run's folder: paths under it are shown relative to it, and a local plotly.js is looked for from there.</summary>
    public string? ProjectDirectory { get; init; }

    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;

    public RunReport WithResults(ResultsSummary? results) => this with { Results = results };
    public RunReport WithMonitor(MonitorResult? monitor) => this with { Monitor = monitor };
    public RunReport WithStatus(RunStatus? status) => this with { Status = status };
    public RunReport WithTimeline(IReadOnlyList<RunStatus> timeline) => this with { Timeline = timeline };
    public RunReport WithAttempts(IReadOnlyList<JobAttempt> attempts) => this with { Attempts = attempts };
    public RunReport WithFailures(IReadOnlyList<FailedJob> failures) => this with { Failures = failures };
    public RunReport WithCostUsd(decimal? costUsd) => this with { CostUsd = costUsd };
    public RunReport WithProjectDirectory(string? projectDirectory) => this with { ProjectDirectory = projectDirectory };
    public RunReport WithCreatedAt(DateTimeOffset createdAt) => this with { CreatedAt = createdAt };

    /// <summary>
    /// The report of <paramref name="run"/>: its config, the journal's attempts, the failed jobs with the last
    /// <paramref name="logLines"/> lines of their logs (at most <paramref name="maxFailures"/> jobs), and
    /// <paramref name="monitor"/>'s timeline when given. Without a monitor result (a run monitored elsewhere, or still
    /// going), it reads the run's status and rebuilds jobs over time from the journal. Everything comes through the
    /// run's backend: locally the state folder and the bucket folder; on AWS the journal in the bucket, the job logs
    /// (CloudWatch Logs, or the bucket) and the queues.
    /// </summary>
    public static async Task<RunReport> CreateAsync(
        FleetRun run, MonitorResult? monitor = null, int logLines = 20, int maxFailures = 50, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        var attempts = await run.AttemptsAsync(cancellationToken);
        var failures = await FailedJob.FindAsync(attempts, run.Backend.Logs, logLines, maxFailures, cancellationToken);
        var status = monitor is null ? await run.StatusAsync(cancellationToken) : null;
        return new RunReport
        {
            Config = run.Config,
            Backend = run.Backend.Kind,
            Monitor = monitor,
            Status = status,
            Timeline = status is null ? [] : JournalTimeline.Rebuild(attempts, status, run.Config.MaxReceives),
            Attempts = attempts,
            Failures = failures,
            ProjectDirectory = run.ProjectDirectory,
            CreatedAt = (time ?? TimeProvider.System).GetUtcNow(),
            // The last estimate monitor saw before cleanup (afterwards nothing runs, so none is made).
            CostUsd = monitor?.Timeline.LastOrDefault(s => s.Cost is not null)?.Cost?.SoFar ?? status?.Cost?.SoFar,
        };
    }

    /// <summary>The report as a whole HTML page. Charts get plotly.js from <paramref name="plotly"/>; by default a local copy is inlined when one is found (<see cref="PlotlyScript.TryLocate"/>), else the CDN, and the page says so.</summary>
    public string ToHtmlPage(PlotlyScript? plotly = null) => ReportPage.Render(this, plotly ?? PlotlyScript.TryLocate(ProjectDirectory));

    /// <summary>
    /// Writes <see cref="ToHtmlPage"/> to <paramref name="path"/> (UTF-8), creating its folder. A report already there is
    /// replaced only once the new one is whole, so a failed write leaves the previous report as it was.
    /// </summary>
    public async Task WriteAsync(string path, PlotlyScript? plotly = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var partial = $"{full}.{Guid.NewGuid():N}.partial";
        try
        {
            await File.WriteAllTextAsync(partial, ToHtmlPage(plotly), cancellationToken);
            File.Move(partial, full, overwrite: true);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    RunConfig? IDisplayable.DisplayConfig => Config;

    string? IDisplayable.DisplayProjectDirectory => ProjectDirectory;

    DisplayDocument IDisplayable.ToDocument(DisplayOptions options) => ReportDocument.Build(this, options);
}

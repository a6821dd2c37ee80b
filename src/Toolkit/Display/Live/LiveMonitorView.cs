using System.Collections.Immutable;
using Fleetbook.Configuration;
using Fleetbook.Steps;

namespace Fleetbook.Display;

/// <summary>
/// What a live monitor shows: the statuses seen so far (changes only, plus the newest), and at the end the monitor's
/// result. Immutable: <see cref="Add"/> and <see cref="Complete"/> return the next view. It displays itself like every
/// result (HTML with the jobs-over-time and capacity charts, or text) and gives a one-line summary for logs.
/// </summary>
[TypeFormatterSource(typeof(FleetbookFormatterSource<LiveMonitorView>))]
public sealed record LiveMonitorView : IDisplayable
{
    /// <summary>Charts draw at most this many points; longer timelines are thinned evenly (first and last kept).</summary>
    internal const int MaxChartPoints = 300;


    public static LiveMonitorView Empty { get; } = new();

    /// <summary>The statuses that differed from the one before, oldest first.</summary>
    public IReadOnlyList<RunStatus> Samples => Items;

    /// <summary>A view of the run <paramref name="config"/> describes, so its secrets are hidden and paths shown under <paramref name="projectDirectory"/>.</summary>
    public static LiveMonitorView For(RunConfig? config = null, string? projectDirectory = null) =>
        new() { Config = config, ProjectDirectory = projectDirectory };

    private ImmutableList<RunStatus> Items { get; init; } = [];

    /// <summary>The newest status (it may repeat the last sample at a later time).</summary>
    public RunStatus? Latest { get; private init; }

    /// <summary>The monitor's result once it returned; null while it runs.</summary>
    public MonitorResult? Result { get; private init; }

    public RunConfig? Config { get; private init; }

    public string? ProjectDirectory { get; private init; }

    public RunPace Pace => Latest is null ? RunPace.None : RunPace.Of(Samples, Latest);

    public LiveMonitorView Add(RunStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var changed = Items.Count == 0 || Items[^1] with { At = status.At } != status;
        return this with { Items = changed ? Items.Add(status) : Items, Latest = status };
    }

    public LiveMonitorView Complete(MonitorResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Add(result.Final) with { Result = result };
    }

    /// <summary>The points the charts draw: every sample and the newest status, thinned to <see cref="MaxChartPoints"/>.</summary>
    internal IReadOnlyList<RunStatus> ChartPoints()
    {
        IReadOnlyList<RunStatus> points = Latest is { } latest && Items.Count > 0 && latest.At > Items[^1].At ? Items.Add(latest) : Items;
        if (points.Count <= MaxChartPoints)
        {
            return points;
        }

        var step = (points.Count - 1) / (double)(MaxChartPoints - 1);
        return [.. Enumerable.Range(0, MaxChartPoints).Select(i => points[(int)Math.Round(i * step)])];
    }

    /// <summary>One line for a log or a terminal that cannot redraw: counts, workers, pace.</summary>
    public string ToStatusLine() => LiveDocuments.StatusLine(this);

    public string ToHtml(DisplayOptions? options = null) => FleetbookDisplay.ToHtml(this, options);

    public string ToText(DisplayOptions? options = null) => FleetbookDisplay.ToText(this, options);

    public override string ToString() => ToStatusLine();

    RunConfig? IDisplayable.DisplayConfig => Config;

    string? IDisplayable.DisplayProjectDirectory => ProjectDirectory;

    DisplayDocument IDisplayable.ToDocument(DisplayOptions options) => LiveDocuments.Monitor(this);
}

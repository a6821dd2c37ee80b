using Fleetbook.Charts;

namespace Fleetbook.Display;

/// <summary>How displays are built: where charts get plotly.js, which folder paths are shown relative to, how long tables get.</summary>
public sealed record DisplayOptions
{
    public static DisplayOptions Default { get; } = new();

    /// <summary>Charts load plotly.js from the pinned CDN (through require.js when the page has it) unless told otherwise.</summary>
    public PlotlyScript Plotly { get; init; } = PlotlyScript.Cdn;

    /// <summary>Paths under this folder are shown relative to it; null uses the run's own folder when known, else the current folder.</summary>
    public string? ProjectDirectory { get; init; }

    /// <summary>Tables longer than this show their first rows and say how many were left out.</summary>
    public int MaxRows { get; init; } = 50;

    public DisplayOptions WithPlotly(PlotlyScript plotly) => this with { Plotly = plotly };
    public DisplayOptions WithProjectDirectory(string? projectDirectory) => this with { ProjectDirectory = projectDirectory };
    public DisplayOptions WithMaxRows(int maxRows) => this with { MaxRows = maxRows };
}

namespace Fleetbook.Charts;

/// <summary>How a chart's HTML gets plotly.js.</summary>
public enum PlotlyScriptKind
{
    /// <summary>Through require.js when the page has it (classic Jupyter), else one pinned CDN <c>&lt;script&gt;</c> per page.</summary>
    Cdn,

    /// <summary>The whole of plotly.js inside the HTML (offline, self-contained files; about 4.8 MB).</summary>
    Inline,

    /// <summary>The page loads plotly.js itself (a report's head); the chart only draws.</summary>
    Preloaded,
}

/// <summary>Where plotly.js comes from: <see cref="Cdn"/> (the default), <see cref="Inline"/>/<see cref="FromFile"/>, or <see cref="Preloaded"/>.</summary>
public sealed class PlotlyScript
{
    /// <summary>The plotly.js version the CDN URLs name (the npm package <c>plotly.js-dist-min</c> of the same version can be inlined).</summary>
    public const string PinnedVersion = "4.1.2";

    /// <summary>Names a plotly.min.js file to inline (see <see cref="TryLocate"/>).</summary>
    public const string PathVariable = "FLEETBOOK_PLOTLY_JS";

    public const string CdnUrl = "https://cdn.plot.ly/plotly-" + PinnedVersion + ".min.js";

    /// <summary>The CDN URL without ".js", as require.js paths want it.</summary>
    public const string RequirePath = "https://cdn.plot.ly/plotly-" + PinnedVersion + ".min";

    private static readonly string[] NodeModulesPath = ["node_modules", "plotly.js-dist-min", "plotly.min.js"];

    private PlotlyScript(PlotlyScriptKind kind, string? source)
    {
        Kind = kind;
        Source = source;
    }

    public PlotlyScriptKind Kind { get; }

    /// <summary>plotly.js itself, for <see cref="PlotlyScriptKind.Inline"/>.</summary>
    internal string? Source { get; }

    public static PlotlyScript Cdn { get; } = new(PlotlyScriptKind.Cdn, null);

    public static PlotlyScript Preloaded { get; } = new(PlotlyScriptKind.Preloaded, null);

    /// <summary>Inlines <paramref name="plotlyJs"/>, the text of plotly.min.js.</summary>
    public static PlotlyScript Inline(string plotlyJs)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(plotlyJs);
        return new(PlotlyScriptKind.Inline, plotlyJs);
    }

    /// <summary>Inlines the plotly.min.js at <paramref name="path"/>.</summary>
    public static PlotlyScript FromFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return Inline(File.ReadAllText(path));
    }

    /// <summary>
    /// A local plotly.min.js to inline: the file <c>FLEETBOOK_PLOTLY_JS</c> names, else
    /// <c>node_modules/plotly.js-dist-min/plotly.min.js</c> in <paramref name="searchFrom"/>, the current folder or the
    /// application's folder, or any folder above them. Null when there is none (use <see cref="Cdn"/> and say so).
    /// </summary>
    public static PlotlyScript? TryLocate(string? searchFrom = null)
    {
        var named = Environment.GetEnvironmentVariable(PathVariable);
        if (!string.IsNullOrWhiteSpace(named) && File.Exists(named))
        {
            return FromFile(named);
        }

        foreach (var start in new[] { searchFrom, Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var folder = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(Path.GetFullPath(start)); folder is not null; folder = folder.Parent)
            {
                var candidate = Path.Combine([folder.FullName, .. NodeModulesPath]);
                if (File.Exists(candidate))
                {
                    return FromFile(candidate);
                }
            }
        }

        return null;
    }

    public override string ToString() => Kind == PlotlyScriptKind.Inline ? $"Inline ({Source!.Length:N0} characters)" : Kind.ToString();
}

using System.Text.Json;

namespace Fleetbook.Charts;

/// <summary>
/// One plotly trace. The factories cover what a run needs: <see cref="Line"/>, <see cref="Markers"/> and
/// <see cref="StackedArea"/> over time, <see cref="Bar"/>, <see cref="Histogram"/> and <see cref="Heatmap"/>.
/// </summary>
public abstract record Trace
{
    private protected Trace()
    {
    }

    /// <summary>plotly's trace type ("scatter", "bar", "histogram", "heatmap").</summary>
    public abstract string Type { get; }

    /// <summary>The legend entry.</summary>
    public string? Name { get; init; }

    /// <summary>plotly's hover template, e.g. <c>"%{x}: %{y} jobs&lt;extra&gt;&lt;/extra&gt;"</c>.</summary>
    public string? HoverTemplate { get; init; }

    public static ScatterTrace Line(string name, Values x, Values y) => new(x, y) { Name = name, Mode = ScatterMode.Lines };

    public static ScatterTrace Markers(string name, Values x, Values y) => new(x, y) { Name = name, Mode = ScatterMode.Markers };

    /// <summary>Lines whose areas stack on the other traces of the same <paramref name="stackGroup"/> (plotly's <c>stackgroup</c>).</summary>
    public static ScatterTrace StackedArea(string name, Values x, Values y, string stackGroup = "stack") =>
        new(x, y) { Name = name, Mode = ScatterMode.Lines, StackGroup = stackGroup };

    public static BarTrace Bar(string name, Values x, Values y) => new(x, y) { Name = name };

    public static HistogramTrace Histogram(string name, Values x) => new(x) { Name = name };

    /// <summary>A grid of values: <paramref name="z"/> holds one row per <paramref name="y"/> label, one cell per <paramref name="x"/> label; null cells stay blank.</summary>
    public static HeatmapTrace Heatmap(IReadOnlyList<IReadOnlyList<double?>> z, Values x, Values y) => new(z, x, y);

    internal void Write(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("type", Type);
        PlotJson.OptionalString(json, "name", Name);
        WriteFields(json);
        PlotJson.OptionalString(json, "hovertemplate", HoverTemplate);
        json.WriteEndObject();
    }

    private protected abstract void WriteFields(Utf8JsonWriter json);

    /// <summary>One line for plain-text summaries, e.g. "scatter 'done' (12 points)".</summary>
    public abstract string Describe();
}

/// <summary>How a scatter trace draws its points.</summary>
public enum ScatterMode
{
    Lines,
    Markers,
    LinesAndMarkers,
}

/// <summary>How a line joins its points: straight, or as steps (right for sampled counts).</summary>
public enum LineShape
{
    Linear,

    /// <summary>Horizontal then vertical: the value holds until the next sample.</summary>
    Steps,

    Spline,
}

/// <summary>Points or lines over x; with a <see cref="StackGroup"/> an area stacked on its group.</summary>
public sealed record ScatterTrace(Values X, Values Y) : Trace
{
    public override string Type => "scatter";

    public ScatterMode Mode { get; init; } = ScatterMode.Lines;

    public LineShape Shape { get; init; } = LineShape.Linear;

    /// <summary>plotly's <c>stackgroup</c>: traces sharing it stack and fill to the one below.</summary>
    public string? StackGroup { get; init; }

    /// <summary>A <c>#rrggbb</c> or <c>rgb()</c> colour for the line, the markers and a stacked area's fill.</summary>
    public string? Color { get; init; }

    public ScatterTrace WithName(string name) => this with { Name = name };
    public ScatterTrace WithMode(ScatterMode mode) => this with { Mode = mode };
    public ScatterTrace WithShape(LineShape shape) => this with { Shape = shape };
    public ScatterTrace WithStackGroup(string? stackGroup) => this with { StackGroup = stackGroup };
    public ScatterTrace WithColor(string? color) => this with { Color = color };
    public ScatterTrace WithHoverTemplate(string? hoverTemplate) => this with { HoverTemplate = hoverTemplate };

    private protected override void WriteFields(Utf8JsonWriter json)
    {
        json.WritePropertyName("x");
        X.Write(json);
        json.WritePropertyName("y");
        Y.Write(json);
        json.WriteString("mode", Mode switch
        {
            ScatterMode.Markers => "markers",
            ScatterMode.LinesAndMarkers => "lines+markers",
            _ => "lines",
        });
        PlotJson.OptionalString(json, "stackgroup", StackGroup);
        json.WriteStartObject("line");
        json.WriteString("shape", Shape switch
        {
            LineShape.Steps => "hv",
            LineShape.Spline => "spline",
            _ => "linear",
        });
        PlotJson.OptionalString(json, "color", Color);
        json.WriteEndObject();
        if (Color is not null)
        {
            PlotJson.Color(json, "marker", Color);
            if (StackGroup is not null)
            {
                json.WriteString("fillcolor", Color);
            }
        }
    }

    public override string Describe() => $"{(StackGroup is null ? "line" : "stacked area")} '{Name}' ({X.Count} points)";
}

/// <summary>Bars, one per x label.</summary>
public sealed record BarTrace(Values X, Values Y) : Trace
{
    public override string Type => "bar";

    public string? Color { get; init; }

    /// <summary>A label per bar, drawn on it.</summary>
    public IReadOnlyList<string>? Text { get; init; }

    public BarTrace WithName(string name) => this with { Name = name };
    public BarTrace WithColor(string? color) => this with { Color = color };
    public BarTrace WithText(IReadOnlyList<string>? text) => this with { Text = text };
    public BarTrace WithHoverTemplate(string? hoverTemplate) => this with { HoverTemplate = hoverTemplate };

    private protected override void WriteFields(Utf8JsonWriter json)
    {
        json.WritePropertyName("x");
        X.Write(json);
        json.WritePropertyName("y");
        Y.Write(json);
        PlotJson.Color(json, "marker", Color);
        if (Text is not null)
        {
            json.WritePropertyName("text");
            Values.Labels(Text).Write(json);
        }
    }

    public override string Describe() => $"bar '{Name}' ({X.Count} bars)";
}

/// <summary>A histogram of raw values; plotly bins them.</summary>
public sealed record HistogramTrace(Values X) : Trace
{
    public override string Type => "histogram";

    public string? Color { get; init; }

    /// <summary>The most bins plotly may use; null lets it choose.</summary>
    public int? MaxBins { get; init; }

    /// <summary>Histograms sharing a bin group share their bins, so overlaid ones compare like with like.</summary>
    public string? BinGroup { get; init; }

    /// <summary>0–1; below 1 lets overlaid histograms show through each other.</summary>
    public double? Opacity { get; init; }

    public HistogramTrace WithName(string name) => this with { Name = name };
    public HistogramTrace WithColor(string? color) => this with { Color = color };
    public HistogramTrace WithMaxBins(int? maxBins) => this with { MaxBins = maxBins };
    public HistogramTrace WithBinGroup(string? binGroup) => this with { BinGroup = binGroup };
    public HistogramTrace WithOpacity(double? opacity) => this with { Opacity = opacity };
    public HistogramTrace WithHoverTemplate(string? hoverTemplate) => this with { HoverTemplate = hoverTemplate };

    private protected override void WriteFields(Utf8JsonWriter json)
    {
        json.WritePropertyName("x");
        X.Write(json);
        if (MaxBins is { } bins)
        {
            json.WriteNumber("nbinsx", bins);
        }

        PlotJson.OptionalString(json, "bingroup", BinGroup);
        PlotJson.OptionalNumber(json, "opacity", Opacity);
        PlotJson.Color(json, "marker", Color);
    }

    public override string Describe() => $"histogram '{Name}' ({X.Count} values)";
}

/// <summary>A grid of coloured cells (a plate map), with optional text per cell for the hover and the cell label.</summary>
public sealed record HeatmapTrace(IReadOnlyList<IReadOnlyList<double?>> Z, Values X, Values Y) : Trace
{
    public override string Type => "heatmap";

    /// <summary>Text per cell, same shape as <see cref="Z"/>: reachable as <c>%{text}</c> in the templates.</summary>
    public IReadOnlyList<IReadOnlyList<string>>? Text { get; init; }

    /// <summary>What each cell shows on the plot (plotly's <c>texttemplate</c>), e.g. <c>"%{z:.0f}"</c>.</summary>
    public string? CellTemplate { get; init; }

    /// <summary>A plotly colour scale name ("Viridis", "Blues", …).</summary>
    public string ColorScale { get; init; } = "Viridis";

    public double? ZMin { get; init; }
    public double? ZMax { get; init; }

    /// <summary>The colour bar's title (what the colour means).</summary>
    public string? ColorBarTitle { get; init; }

    /// <summary>Pixels between cells, so a plate reads as wells.</summary>
    public int Gap { get; init; } = 2;

    public HeatmapTrace WithName(string name) => this with { Name = name };
    public HeatmapTrace WithText(IReadOnlyList<IReadOnlyList<string>>? text) => this with { Text = text };
    public HeatmapTrace WithCellTemplate(string? cellTemplate) => this with { CellTemplate = cellTemplate };
    public HeatmapTrace WithColorScale(string colorScale) => this with { ColorScale = colorScale };
    public HeatmapTrace WithRange(double? zMin, double? zMax) => this with { ZMin = zMin, ZMax = zMax };
    public HeatmapTrace WithColorBarTitle(string? title) => this with { ColorBarTitle = title };
    public HeatmapTrace WithHoverTemplate(string? hoverTemplate) => this with { HoverTemplate = hoverTemplate };

    private protected override void WriteFields(Utf8JsonWriter json)
    {
        json.WriteStartArray("z");
        foreach (var row in Z)
        {
            Values.OptionalNumbers(row).Write(json);
        }

        json.WriteEndArray();
        json.WritePropertyName("x");
        X.Write(json);
        json.WritePropertyName("y");
        Y.Write(json);
        if (Text is not null)
        {
            json.WriteStartArray("text");
            foreach (var row in Text)
            {
                Values.Labels(row).Write(json);
            }

            json.WriteEndArray();
        }

        PlotJson.OptionalString(json, "texttemplate", CellTemplate);
        json.WriteString("colorscale", ColorScale);
        PlotJson.OptionalNumber(json, "zmin", ZMin);
        PlotJson.OptionalNumber(json, "zmax", ZMax);
        json.WriteNumber("xgap", Gap);
        json.WriteNumber("ygap", Gap);
        json.WriteBoolean("hoverongaps", false);
        if (ColorBarTitle is not null)
        {
            json.WriteStartObject("colorbar");
            PlotJson.Title(json, ColorBarTitle);
            json.WriteEndObject();
        }
    }

    public override string Describe() => $"heatmap '{Name}' ({Y.Count} × {X.Count} cells)";
}

using System.Text.Json;

namespace Fleetbook.Charts;

/// <summary>How plotly reads an axis; <see cref="Auto"/> lets it infer from the values.</summary>
public enum AxisType
{
    Auto,
    Linear,
    Log,
    Date,

    /// <summary>Labels kept in order and never read as numbers (plate columns "1"…"12").</summary>
    Category,
}

/// <summary>How bars of several traces share an x position.</summary>
public enum BarMode
{
    Group,
    Stack,
    Overlay,
}

/// <summary>What the hover label shows: the nearest point, or every trace at the x under the mouse.</summary>
public enum HoverMode
{
    Closest,
    XUnified,
}

public sealed record Axis
{
    public string? Title { get; init; }

    public AxisType Type { get; init; } = AxisType.Auto;

    /// <summary>Draw the axis the other way round (plate rows: A at the top).</summary>
    public bool Reversed { get; init; }

    /// <summary>Always include zero (counts).</summary>
    public bool StartAtZero { get; init; }

    public Axis WithTitle(string? title) => this with { Title = title };
    public Axis WithType(AxisType type) => this with { Type = type };
    public Axis WithReversed(bool reversed = true) => this with { Reversed = reversed };
    public Axis WithStartAtZero(bool startAtZero = true) => this with { StartAtZero = startAtZero };

    internal void Write(Utf8JsonWriter json, string name)
    {
        json.WriteStartObject(name);
        PlotJson.Title(json, Title);
        if (Type != AxisType.Auto)
        {
            json.WriteString("type", Type switch
            {
                AxisType.Linear => "linear",
                AxisType.Log => "log",
                AxisType.Date => "date",
                _ => "category",
            });
        }

        if (Reversed)
        {
            json.WriteString("autorange", "reversed");
        }

        if (StartAtZero)
        {
            json.WriteString("rangemode", "tozero");
        }

        json.WriteEndObject();
    }
}

/// <summary>The figure around the traces: title, axes, size, legend.</summary>
public sealed record Layout
{
    public string? Title { get; init; }

    public Axis XAxis { get; init; } = new();

    public Axis YAxis { get; init; } = new();

    /// <summary>Pixels; null lets plotly choose (450).</summary>
    public int? Height { get; init; }

    /// <summary>Pixels; null fills the container.</summary>
    public int? Width { get; init; }

    public BarMode BarMode { get; init; } = BarMode.Group;

    public HoverMode HoverMode { get; init; } = HoverMode.Closest;

    public bool ShowLegend { get; init; } = true;

    public Layout WithTitle(string? title) => this with { Title = title };
    public Layout WithXAxis(Axis axis) => this with { XAxis = axis };
    public Layout WithYAxis(Axis axis) => this with { YAxis = axis };
    public Layout WithHeight(int? height) => this with { Height = height };
    public Layout WithWidth(int? width) => this with { Width = width };
    public Layout WithBarMode(BarMode barMode) => this with { BarMode = barMode };
    public Layout WithHoverMode(HoverMode hoverMode) => this with { HoverMode = hoverMode };
    public Layout WithShowLegend(bool showLegend) => this with { ShowLegend = showLegend };

    internal void Write(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        PlotJson.Title(json, Title);
        XAxis.Write(json, "xaxis");
        YAxis.Write(json, "yaxis");
        if (Height is { } height)
        {
            json.WriteNumber("height", height);
        }

        if (Width is { } width)
        {
            json.WriteNumber("width", width);
        }

        json.WriteString("barmode", BarMode switch
        {
            BarMode.Stack => "stack",
            BarMode.Overlay => "overlay",
            _ => "group",
        });
        json.WriteString("hovermode", HoverMode == HoverMode.XUnified ? "x unified" : "closest");
        json.WriteBoolean("showlegend", ShowLegend);
        // Above the plot, under the title: below it, a horizontal legend collides with two-line date ticks.
        json.WriteStartObject("legend");
        json.WriteString("orientation", "h");
        json.WriteNumber("x", 0);
        json.WriteString("xanchor", "left");
        json.WriteNumber("y", 1.02);
        json.WriteString("yanchor", "bottom");
        json.WriteEndObject();
        json.WriteStartObject("margin");
        json.WriteNumber("l", 60);
        json.WriteNumber("r", 20);
        json.WriteNumber("t", (Title is null ? 20 : 50) + (ShowLegend ? 30 : 0));
        json.WriteNumber("b", 50);
        json.WriteEndObject();
        json.WriteEndObject();
    }
}

/// <summary>plotly's config: how the chart behaves, not how it looks.</summary>
public sealed record PlotConfig
{
    /// <summary>Resize with the notebook cell or page.</summary>
    public bool Responsive { get; init; } = true;

    public bool DisplayLogo { get; init; }

    /// <summary>No hover, zoom or mode bar: a picture (for screenshots).</summary>
    public bool StaticPlot { get; init; }

    public PlotConfig WithResponsive(bool responsive) => this with { Responsive = responsive };
    public PlotConfig WithStaticPlot(bool staticPlot) => this with { StaticPlot = staticPlot };

    internal void Write(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteBoolean("responsive", Responsive);
        json.WriteBoolean("displaylogo", DisplayLogo);
        if (StaticPlot)
        {
            json.WriteBoolean("staticPlot", true);
        }

        json.WriteEndObject();
    }
}

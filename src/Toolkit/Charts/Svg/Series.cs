namespace Fleetbook.Charts.Svg;

/// <summary>A rectangle in data units: a bar, a histogram bin or a heatmap cell.</summary>
internal readonly record struct Box(double X0, double X1, double Y0, double Y1);

internal readonly record struct Bar(Box Box, string? Label, string Hover);

internal readonly record struct Cell(Box Box, double Z, string? Label, string Hover);

/// <summary>The min and max of the positions drawn along one axis.</summary>
internal sealed class Extent
{
    public double Min { get; private set; } = double.PositiveInfinity;

    public double Max { get; private set; } = double.NegativeInfinity;

    /// <summary>The smallest position above zero, where a log axis starts.</summary>
    public double MinPositive { get; private set; } = double.PositiveInfinity;

    /// <summary>Markers are drawn here, so the axis leaves room beyond the outermost ones.</summary>
    public bool Padded { get; set; }

    public bool IsEmpty => Min > Max;

    public void Add(double position)
    {
        if (!double.IsFinite(position))
        {
            return;
        }

        Min = Math.Min(Min, position);
        Max = Math.Max(Max, position);
        if (position > 0)
        {
            MinPositive = Math.Min(MinPositive, position);
        }
    }
}

/// <summary>One trace placed along the figure's axes, in data units, ready to be scaled to pixels.</summary>
internal abstract record Series(Trace Trace)
{
    public abstract bool IsEmpty { get; }

    public abstract void Measure(Extent x, Extent y);
}

/// <summary>
/// Points of a scatter trace, a null coordinate being a gap. A stacked area also has <see cref="Below"/>, the top of
/// the traces under it (zero for the first), which its fill reaches down to.
/// </summary>
internal sealed record LineSeries(ScatterTrace Scatter, string Color, IReadOnlyList<double?> X, IReadOnlyList<double?> Y, IReadOnlyList<double>? Below)
    : Series(Scatter)
{
    public bool HasLine => Scatter.Mode != ScatterMode.Markers || Below is not null;

    public bool HasMarkers => Scatter.Mode != ScatterMode.Lines;

    public override bool IsEmpty => !Enumerable.Range(0, X.Count).Any(i => X[i] is not null && Y[i] is not null);

    public override void Measure(Extent x, Extent y)
    {
        for (var i = 0; i < X.Count; i++)
        {
            if (X[i] is { } px && Y[i] is { } py)
            {
                x.Add(px);
                y.Add(py);
                y.Add(Below?[i] ?? py);
            }
        }

        x.Padded |= HasMarkers;
        y.Padded |= HasMarkers;
    }
}

/// <summary>Bars of a bar or histogram trace, already placed by the figure's bar mode.</summary>
internal sealed record BarSeries(Trace Source, string Color, double Opacity, IReadOnlyList<Bar> Bars) : Series(Source)
{
    public override bool IsEmpty => Bars.Count == 0;

    public override void Measure(Extent x, Extent y)
    {
        foreach (var bar in Bars)
        {
            x.Add(bar.Box.X0);
            x.Add(bar.Box.X1);
            y.Add(bar.Box.Y0);
            y.Add(bar.Box.Y1);
        }
    }
}

/// <summary>The cells of a heatmap that have a value, coloured on <see cref="Scale"/> from <see cref="ZMin"/> to <see cref="ZMax"/>.</summary>
internal sealed record HeatmapSeries(HeatmapTrace Heatmap, IReadOnlyList<Cell> Cells, ColorScale Scale, double ZMin, double ZMax) : Series(Heatmap)
{
    public override bool IsEmpty => Cells.Count == 0;

    public Rgb ColorOf(double z) => Scale.At((z - ZMin) / (ZMax - ZMin));

    public override void Measure(Extent x, Extent y)
    {
        foreach (var cell in Cells)
        {
            x.Add(cell.Box.X0);
            x.Add(cell.Box.X1);
            y.Add(cell.Box.Y0);
            y.Add(cell.Box.Y1);
        }
    }
}

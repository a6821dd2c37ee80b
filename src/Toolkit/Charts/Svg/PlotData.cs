namespace Fleetbook.Charts.Svg;

/// <summary>A figure's traces placed along its two axes: what a static rendering draws, before any pixel is chosen.</summary>
internal sealed record PlotData(AxisPlan X, AxisPlan Y, IReadOnlyList<Series> Series)
{
    /// <summary>plotly.js's default colours, in trace order, for traces that name none.</summary>
    private static readonly string[] Colorway = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

    public bool IsEmpty => Series.All(s => s.IsEmpty);

    public static PlotData From(Figure figure)
    {
        var traces = figure.Traces;
        var x = AxisPlan.For(figure.Layout.XAxis, [.. traces.Select(XColumn)]);
        var y = AxisPlan.For(figure.Layout.YAxis, [.. traces.Select(YColumn).OfType<Values>()]);
        var series = new Series?[traces.Count];

        foreach (var group in traces.Select((trace, i) => (trace, i)).Where(t => t.trace is ScatterTrace).GroupBy(t => ((ScatterTrace)t.trace).StackGroup))
        {
            var scatters = group.Select(t => (Scatter: (ScatterTrace)t.trace, Color: ColorOf(t.trace, t.i), Index: t.i)).ToList();
            var placed = group.Key is null
                ? scatters.Select(s => Unstacked(s.Scatter, s.Color, x, y)).ToList()
                : Stacked(scatters.Select(s => (s.Scatter, s.Color)).ToList(), x, y);
            for (var i = 0; i < scatters.Count; i++)
            {
                series[scatters[i].Index] = placed[i];
            }
        }

        var barLike = traces.Select((trace, i) => (trace, i)).Where(t => t.trace is BarTrace or HistogramTrace).ToList();
        var bars = BarPlacement.Place([.. barLike.Select(t => (t.trace, ColorOf(t.trace, t.i)))], x, y, figure.Layout.BarMode);
        for (var i = 0; i < barLike.Count; i++)
        {
            series[barLike[i].i] = bars[i];
        }

        for (var i = 0; i < traces.Count; i++)
        {
            if (traces[i] is HeatmapTrace heatmap)
            {
                series[i] = HeatmapCells.Place(heatmap, x, y);
            }
        }

        return new PlotData(x, y, [.. series.OfType<Series>()]);
    }

    /// <summary>A value of a column as a template shows it: the number, the instant or the label.</summary>
    public static object? Field(Values column, int index) => index >= column.Count ? null : column.Kind switch
    {
        ValueKind.Numbers => column.NumberAt(index),
        ValueKind.Times => column.TimeAt(index),
        _ => column.LabelAt(index),
    };

    private static string ColorOf(Trace trace, int index) => trace switch
    {
        ScatterTrace { Color: { } color } => color,
        BarTrace { Color: { } color } => color,
        HistogramTrace { Color: { } color } => color,
        _ => Colorway[index % Colorway.Length],
    };

    private static Values XColumn(Trace trace) => trace switch
    {
        ScatterTrace s => s.X,
        BarTrace b => b.X,
        HistogramTrace h => h.X,
        HeatmapTrace m => m.X,
        _ => throw new ArgumentException($"Unknown trace {trace.GetType().Name}.", nameof(trace)),
    };

    private static Values? YColumn(Trace trace) => trace switch
    {
        ScatterTrace s => s.Y,
        BarTrace b => b.Y,
        HeatmapTrace m => m.Y,
        _ => null,
    };

    private static LineSeries Unstacked(ScatterTrace scatter, string color, AxisPlan x, AxisPlan y)
    {
        var count = Math.Min(scatter.X.Count, scatter.Y.Count);
        return new LineSeries(scatter, color,
            [.. Enumerable.Range(0, count).Select(i => x.Position(scatter.X, i))],
            [.. Enumerable.Range(0, count).Select(i => y.Position(scatter.Y, i))],
            Below: null);
    }

    /// <summary>
    /// plotly's stackgroup: every trace of the group is read at every x any of them has (zero where it has no value),
    /// in x order, and each sits on the sum of the ones before it.
    /// </summary>
    private static List<LineSeries> Stacked(List<(ScatterTrace Scatter, string Color)> group, AxisPlan x, AxisPlan y)
    {
        var values = group.Select(s =>
        {
            var byX = new Dictionary<double, double>();
            for (var i = 0; i < Math.Min(s.Scatter.X.Count, s.Scatter.Y.Count); i++)
            {
                if (x.Position(s.Scatter.X, i) is { } at)
                {
                    byX[at] = y.Position(s.Scatter.Y, i) ?? 0;
                }
            }

            return byX;
        }).ToList();
        var xs = values.SelectMany(v => v.Keys).Distinct().Order().ToArray();
        var below = new double[xs.Length];
        var stacked = new List<LineSeries>();
        for (var t = 0; t < group.Count; t++)
        {
            var top = xs.Select((at, i) => below[i] + values[t].GetValueOrDefault(at)).ToArray();
            stacked.Add(new LineSeries(group[t].Scatter, group[t].Color, [.. xs.Select(v => (double?)v)], [.. top.Select(v => (double?)v)], below));
            below = top;
        }

        return stacked;
    }
}

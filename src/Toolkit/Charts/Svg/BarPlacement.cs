namespace Fleetbook.Charts.Svg;

/// <summary>
/// Bars and histogram bins side by side, stacked or overlaid as the figure's bar mode says, the way plotly places
/// them: each trace's bars fill 80% of their slot (histogram bins all of it), a group splits that between the traces.
/// </summary>
internal static class BarPlacement
{
    private const double BarGap = 0.2;

    /// <summary>One bar before placement: its slot along x, its value and what it shows.</summary>
    private readonly record struct Slot(double Centre, double Width, double Value, string? Label, string Hover);

    public static IReadOnlyList<BarSeries> Place(IReadOnlyList<(Trace Trace, string Color)> traces, AxisPlan x, AxisPlan y, BarMode mode)
    {
        var slots = new List<Slot>[traces.Count];
        var bars = traces.Select((t, i) => (t.Trace, i)).Where(t => t.Trace is BarTrace).ToList();
        var barWidth = SlotWidth([.. bars.SelectMany(b => Centres((BarTrace)b.Trace, x))], x);
        foreach (var (trace, i) in bars)
        {
            slots[i] = BarSlots((BarTrace)trace, x, y, barWidth);
        }

        var histograms = traces.Select((t, i) => (Histogram: t.Trace as HistogramTrace, i)).Where(t => t.Histogram is not null).ToList();
        // Overlaid histograms share bins only within a bin group; grouped or stacked ones always share them (as in plotly).
        foreach (var binGroup in histograms.GroupBy(h => mode == BarMode.Overlay ? h.Histogram!.BinGroup ?? "#" + h.i : ""))
        {
            var members = binGroup.Select(h => (h.Histogram!, h.i)).ToList();
            foreach (var (histogram, slotsOfTrace) in HistogramSlots(members, x))
            {
                slots[histogram] = slotsOfTrace;
            }
        }

        var gap = bars.Count > 0 ? BarGap : 0;
        var stackTops = new Dictionary<double, (double Up, double Down)>();
        return [.. traces.Select((t, k) =>
        {
            var placed = slots[k].Select(slot => new Bar(Box(slot, k, traces.Count, mode, gap, stackTops), slot.Label, slot.Hover)).ToArray();
            var opacity = t.Trace is HistogramTrace { Opacity: { } o } ? Math.Clamp(o, 0, 1) : 1;
            return new BarSeries(t.Trace, t.Color, opacity, placed);
        })];
    }

    private static Box Box(Slot slot, int trace, int traces, BarMode mode, double gap, Dictionary<double, (double Up, double Down)> stackTops)
    {
        var full = slot.Width * (1 - gap);
        var left = slot.Centre - (full / 2);
        switch (mode)
        {
            case BarMode.Group:
                var width = full / traces;
                return new Box(left + (trace * width), left + ((trace + 1) * width), 0, slot.Value);
            case BarMode.Stack:
                var (up, down) = stackTops.GetValueOrDefault(slot.Centre);
                var from = slot.Value >= 0 ? up : down;
                stackTops[slot.Centre] = slot.Value >= 0 ? (up + slot.Value, down) : (up, down + slot.Value);
                return new Box(left, left + full, from, from + slot.Value);
            default:
                return new Box(left, left + full, 0, slot.Value);
        }
    }

    private static IEnumerable<double> Centres(BarTrace bar, AxisPlan x) =>
        Enumerable.Range(0, bar.X.Count).Select(i => x.Position(bar.X, i)).OfType<double>();

    /// <summary>One category on a category axis; else the smallest distance between two bars, so none overlap.</summary>
    private static double SlotWidth(IReadOnlyList<double> centres, AxisPlan x)
    {
        var distinct = centres.Distinct().Order().ToArray();
        return x.Kind == ScaleKind.Category || distinct.Length < 2
            ? 1
            : Enumerable.Range(1, distinct.Length - 1).Min(i => distinct[i] - distinct[i - 1]);
    }

    private static List<Slot> BarSlots(BarTrace bar, AxisPlan x, AxisPlan y, double width)
    {
        var slots = new List<Slot>();
        for (var i = 0; i < Math.Min(bar.X.Count, bar.Y.Count); i++)
        {
            if (x.Position(bar.X, i) is not { } centre || y.Position(bar.Y, i) is not { } value)
            {
                continue;
            }

            var text = bar.Text is { } texts && i < texts.Count ? texts[i] : null;
            object? Field(string name) => name switch
            {
                "x" => PlotData.Field(bar.X, i),
                "y" => PlotData.Field(bar.Y, i),
                "text" => text,
                "name" => bar.Name,
                _ => null,
            };
            var hover = bar.HoverTemplate is { } template
                ? PlotTemplate.Format(template, Field)
                : Prefixed(bar.Name, $"{PlotTemplate.Value(Field("x"))}: {PlotTemplate.Value(Field("y"))}");
            slots.Add(new Slot(centre, width, value, string.IsNullOrEmpty(text) ? null : text, hover));
        }

        return slots;
    }

    private static IEnumerable<(int Trace, List<Slot> Slots)> HistogramSlots(IReadOnlyList<(HistogramTrace Histogram, int Trace)> members, AxisPlan x)
    {
        var positions = members.Select(m => Enumerable.Range(0, m.Histogram.X.Count).Select(i => x.Position(m.Histogram.X, i)).OfType<double>().ToArray()).ToList();
        if (x.Kind == ScaleKind.Category)
        {
            for (var m = 0; m < members.Count; m++)
            {
                var histogram = members[m].Histogram;
                yield return (members[m].Trace, [.. positions[m].GroupBy(p => p).OrderBy(g => g.Key)
                    .Select(g => new Slot(g.Key, 1, g.Count(), null, Hover(histogram, x.Categories[(int)g.Key], g.Count())))]);
            }

            yield break;
        }

        var maxBins = members.Select(m => m.Histogram.MaxBins).Where(b => b is > 0).Min();
        var bins = HistogramBins.For([.. positions.SelectMany(p => p)], maxBins);
        for (var m = 0; m < members.Count; m++)
        {
            var histogram = members[m].Histogram;
            var slots = new List<Slot>();
            if (bins is not null)
            {
                var counts = new int[bins.Count];
                foreach (var position in positions[m])
                {
                    counts[bins.BinOf(position)]++;
                }

                for (var b = 0; b < bins.Count; b++)
                {
                    if (counts[b] > 0)
                    {
                        var (from, to) = (bins.Edge(b), bins.Edge(b + 1));
                        slots.Add(new Slot((from + to) / 2, bins.Size, counts[b], null, Hover(histogram, $"{BinEdge(from, bins, x)}–{BinEdge(to, bins, x)}", counts[b])));
                    }
                }
            }

            yield return (members[m].Trace, slots);
        }
    }

    private static string BinEdge(double edge, HistogramBins bins, AxisPlan x) => x.Kind == ScaleKind.Date
        ? PlotTemplate.Time(DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(edge)))
        : NumberFormat.Tick(edge, Math.Pow(10, -Math.Max(NumberFormat.Decimals(bins.Size), NumberFormat.Decimals(bins.Start))), 0);

    private static string Hover(HistogramTrace histogram, string bin, int count)
    {
        object? Field(string name) => name switch
        {
            "x" => bin,
            "y" => (double)count,
            "name" => histogram.Name,
            _ => null,
        };
        return histogram.HoverTemplate is { } template ? PlotTemplate.Format(template, Field) : Prefixed(histogram.Name, $"{bin}: {count}");
    }

    private static string Prefixed(string? name, string text) => string.IsNullOrEmpty(name) ? text : name + "\n" + text;
}

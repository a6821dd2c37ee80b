namespace Fleetbook.Charts.Svg;

/// <summary>A heatmap's cells in data units: one per value, centred on its x and y, blank (absent) where the value is null.</summary>
internal static class HeatmapCells
{
    public static HeatmapSeries Place(HeatmapTrace heatmap, AxisPlan x, AxisPlan y)
    {
        var columns = Edges(heatmap.X, x);
        var rows = Edges(heatmap.Y, y);
        var cells = new List<Cell>();
        for (var r = 0; r < Math.Min(heatmap.Z.Count, rows.Length); r++)
        {
            var row = heatmap.Z[r] ?? [];
            for (var c = 0; c < Math.Min(row.Count, columns.Length); c++)
            {
                if (row[c] is not { } z || !double.IsFinite(z) || columns[c] is not { } across || rows[r] is not { } down)
                {
                    continue;
                }

                var text = heatmap.Text is { } texts && r < texts.Count && texts[r] is { } line && c < line.Count ? line[c] : null;
                var (column, rowIndex) = (c, r);
                object? Field(string name) => name switch
                {
                    "x" => PlotData.Field(heatmap.X, column),
                    "y" => PlotData.Field(heatmap.Y, rowIndex),
                    "z" => z,
                    "text" => text,
                    "name" => heatmap.Name,
                    _ => null,
                };
                var label = heatmap.CellTemplate is { } cellTemplate ? PlotTemplate.Format(cellTemplate, Field) : null;
                var hover = heatmap.HoverTemplate is { } hoverTemplate
                    ? PlotTemplate.Format(hoverTemplate, Field)
                    : $"{PlotTemplate.Value(Field("x"))}, {PlotTemplate.Value(Field("y"))}: {PlotTemplate.Value(z)}";
                cells.Add(new Cell(new Box(across.From, across.To, down.From, down.To), z, string.IsNullOrEmpty(label) ? null : label, hover));
            }
        }

        var values = cells.Select(c => c.Z).ToArray();
        var zMin = heatmap.ZMin ?? (values.Length > 0 ? values.Min() : 0);
        var zMax = heatmap.ZMax ?? (values.Length > 0 ? values.Max() : 1);
        if (zMax <= zMin)
        {
            (zMin, zMax) = (zMin - 0.5, zMin + 0.5);
        }

        return new HeatmapSeries(heatmap, cells, ColorScale.For(heatmap.ColorScale), zMin, zMax);
    }

    /// <summary>
    /// Where each cell starts and ends along an axis: a category's cell is its slot; numbered cells reach halfway to
    /// their neighbours (the outer ones as far out again). Null for a position that cannot be placed.
    /// </summary>
    private static (double From, double To)?[] Edges(Values labels, AxisPlan axis)
    {
        var centres = Enumerable.Range(0, labels.Count).Select(i => axis.Position(labels, i)).ToArray();
        if (axis.Kind == ScaleKind.Category)
        {
            return [.. centres.Select(c => c is { } at ? ((double From, double To)?)(at - 0.5, at + 0.5) : null)];
        }

        var placed = centres.OfType<double>().ToArray();
        var edges = new (double From, double To)?[centres.Length];
        for (int i = 0, p = 0; i < centres.Length; i++)
        {
            if (centres[i] is not { } at)
            {
                continue;
            }

            var before = p > 0 ? (at - placed[p - 1]) / 2 : p + 1 < placed.Length ? (placed[p + 1] - at) / 2 : 0.5;
            var after = p + 1 < placed.Length ? (placed[p + 1] - at) / 2 : before;
            edges[i] = (at - before, at + after);
            p++;
        }

        return edges;
    }
}

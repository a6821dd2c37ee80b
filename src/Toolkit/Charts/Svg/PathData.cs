using System.Text;

namespace Fleetbook.Charts.Svg;

internal readonly record struct Point(double X, double Y);

/// <summary>
/// SVG path data for lines and areas in pixels: straight, steps (horizontal then vertical, as plotly's "hv") or
/// smooth. Vertices are rounded to a tenth of a pixel and thinned where they cannot be seen (repeats, straight runs,
/// more than four in one pixel column), so a long run's timeline stays small.
/// </summary>
internal static class PathData
{
    /// <summary>A line through <paramref name="points"/>; a null point breaks it.</summary>
    public static string Line(IReadOnlyList<Point?> points, LineShape shape)
    {
        var d = new StringBuilder();
        var run = new List<Point>();
        foreach (var point in points.Append(null))
        {
            if (point is { } p)
            {
                run.Add(p);
                continue;
            }

            if (run.Count > 0)
            {
                Append(d, run, shape, moveFirst: true);
            }

            run.Clear();
        }

        return d.ToString();
    }

    /// <summary>The area between <paramref name="top"/> and <paramref name="bottom"/> (same x, same order), closed.</summary>
    public static string Area(IReadOnlyList<Point> top, IReadOnlyList<Point> bottom, LineShape shape)
    {
        var d = new StringBuilder();
        Append(d, top, shape, moveFirst: true);
        Append(d, [.. bottom.Reverse()], shape, moveFirst: false, reversed: true);
        return d.Append('Z').ToString();
    }

    private static void Append(StringBuilder d, IReadOnlyList<Point> points, LineShape shape, bool moveFirst, bool reversed = false)
    {
        if (shape == LineShape.Spline && points.Count > 2)
        {
            AppendSpline(d, points, moveFirst);
            return;
        }

        var vertices = Thin(shape == LineShape.Steps ? Steps(points, reversed) : points);
        for (var i = 0; i < vertices.Count; i++)
        {
            var (x, y) = (SvgWriter.Number(vertices[i].X), SvgWriter.Number(vertices[i].Y));
            if (i == 0)
            {
                d.Append(moveFirst ? 'M' : 'L').Append(x).Append(' ').Append(y);
            }
            else if (vertices[i].Y == vertices[i - 1].Y)
            {
                d.Append('H').Append(x);
            }
            else if (vertices[i].X == vertices[i - 1].X)
            {
                d.Append('V').Append(y);
            }
            else
            {
                d.Append('L').Append(x).Append(' ').Append(y);
            }
        }
    }

    /// <summary>Each value held until the next point, then a jump: horizontal then vertical (walked backwards: vertical then horizontal).</summary>
    private static List<Point> Steps(IReadOnlyList<Point> points, bool reversed)
    {
        var vertices = new List<Point>(points.Count * 2);
        for (var i = 0; i < points.Count; i++)
        {
            if (i > 0)
            {
                vertices.Add(reversed ? new Point(points[i - 1].X, points[i].Y) : new Point(points[i].X, points[i - 1].Y));
            }

            vertices.Add(points[i]);
        }

        return vertices;
    }

    private static List<Point> Thin(IReadOnlyList<Point> points)
    {
        var kept = new List<Point>(points.Count);
        var column = new List<Point>();
        foreach (var point in points)
        {
            var rounded = new Point(Math.Round(point.X, 1), Math.Round(point.Y, 1));
            if (column.Count > 0 && Math.Round(column[0].X * 2) != Math.Round(rounded.X * 2))
            {
                KeepVisible(column, kept);
                column.Clear();
            }

            column.Add(rounded);
        }

        KeepVisible(column, kept);
        var thinned = new List<Point>(kept.Count);
        foreach (var point in kept)
        {
            if (thinned.Count > 0 && thinned[^1] == point)
            {
                continue;
            }

            if (thinned.Count > 1 && Straight(thinned[^2], thinned[^1], point))
            {
                thinned[^1] = point;
                continue;
            }

            thinned.Add(point);
        }

        return thinned;
    }

    /// <summary>Of the vertices in one half-pixel column, only the first, lowest, highest and last can be seen.</summary>
    private static void KeepVisible(List<Point> column, List<Point> kept)
    {
        if (column.Count <= 4)
        {
            kept.AddRange(column);
            return;
        }

        var (lowest, highest) = (0, 0);
        for (var i = 1; i < column.Count; i++)
        {
            lowest = column[i].Y < column[lowest].Y ? i : lowest;
            highest = column[i].Y > column[highest].Y ? i : highest;
        }

        foreach (var i in new[] { 0, Math.Min(lowest, highest), Math.Max(lowest, highest), column.Count - 1 }.Distinct())
        {
            kept.Add(column[i]);
        }
    }

    /// <summary>True when <paramref name="middle"/> lies on a horizontal or vertical run from <paramref name="before"/> to <paramref name="after"/>.</summary>
    private static bool Straight(Point before, Point middle, Point after) =>
        (before.Y == middle.Y && middle.Y == after.Y && (middle.X - before.X) * (after.X - middle.X) >= 0) ||
        (before.X == middle.X && middle.X == after.X && (middle.Y - before.Y) * (after.Y - middle.Y) >= 0);

    /// <summary>A Catmull-Rom curve through the points, as cubic Béziers (plotly's "spline" is of this family).</summary>
    private static void AppendSpline(StringBuilder d, IReadOnlyList<Point> p, bool moveFirst)
    {
        d.Append(moveFirst ? 'M' : 'L').Append(SvgWriter.Number(p[0].X)).Append(' ').Append(SvgWriter.Number(p[0].Y));
        for (var i = 0; i < p.Count - 1; i++)
        {
            var (before, from, to, after) = (p[Math.Max(0, i - 1)], p[i], p[i + 1], p[Math.Min(p.Count - 1, i + 2)]);
            var c1 = new Point(from.X + ((to.X - before.X) / 6), from.Y + ((to.Y - before.Y) / 6));
            var c2 = new Point(to.X - ((after.X - from.X) / 6), to.Y - ((after.Y - from.Y) / 6));
            d.Append('C').Append(SvgWriter.Number(c1.X)).Append(' ').Append(SvgWriter.Number(c1.Y))
                .Append(' ').Append(SvgWriter.Number(c2.X)).Append(' ').Append(SvgWriter.Number(c2.Y))
                .Append(' ').Append(SvgWriter.Number(to.X)).Append(' ').Append(SvgWriter.Number(to.Y));
        }
    }
}

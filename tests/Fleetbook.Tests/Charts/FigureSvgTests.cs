using System.Globalization;
using System.Text.RegularExpressions;
using Fleetbook.Charts;
using Fleetbook.Journal;
using Fleetbook.Tests.Display;

namespace Fleetbook.Tests.Charts;

public partial class FigureSvgTests
{
    [Fact]
    public void A_stacked_area_figure_renders_each_trace_as_a_filled_path()
    {
        // Arrange
        var figure = RunCharts.Timeline(DisplayFixtures.Timeline);

        // Act
        var picture = SvgPicture.Of(figure);

        // Assert: one closed, filled area per trace in its colour, and its top edge as a line.
        var areas = picture.Class("fbc-area");
        Assert.Equal([Palette.Good, Palette.Bad, Palette.Warning, Palette.Muted], areas.Select(a => (string?)a.Attribute("fill")));
        Assert.All(areas, a => Assert.EndsWith("Z", (string)a.Attribute("d")!));
        Assert.Equal(["done", "dead letters", "in flight", "waiting"], areas.Select(a => a.Element("title")!.Value));
        Assert.Equal(4, picture.Class("fbc-line").Count);
    }

    [Fact]
    public void Stacked_areas_sit_on_each_other_so_the_top_edge_is_every_job()
    {
        // Arrange: 10 done and 5 waiting, then 15 done.
        var at = Values.Times([DisplayFixtures.T0, DisplayFixtures.T0.AddSeconds(10)]);
        var figure = new Figure([Trace.StackedArea("done", at, Values.Numbers([10, 15])), Trace.StackedArea("waiting", at, Values.Numbers([5, 0]))],
            new Layout { YAxis = new Axis { StartAtZero = true } });

        // Act
        var picture = SvgPicture.Of(figure);

        // Assert: the second area's top starts where 15 is on the y axis, as high as the first area's top ends.
        var tops = picture.Class("fbc-line").Select(l => Regex.Matches((string)l.Attribute("d")!, @"-?[\d.]+").Select(m => double.Parse(m.Value, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        Assert.Equal(tops[0][^1], tops[1][1]);
        Assert.True(tops[1][1] < tops[0][1], "the second area starts above the first");
    }

    [Fact]
    public void A_step_shape_joins_points_horizontally_then_vertically()
    {
        // Arrange
        var x = Values.Numbers([0, 1, 2, 3]);
        var y = Values.Numbers([1, 3, 2, 4]);

        // Act
        var steps = (string)SvgPicture.Of(Figure.Of(Trace.Line("workers", x, y).WithShape(LineShape.Steps))).Class("fbc-line").Single().Attribute("d")!;
        var straight = (string)SvgPicture.Of(Figure.Of(Trace.Line("workers", x, y))).Class("fbc-line").Single().Attribute("d")!;

        // Assert
        Assert.Matches(@"^M[\d.]+ [\d.]+(H[\d.]+V[\d.]+){3}$", steps);
        Assert.Matches(@"^M[\d.]+ [\d.]+(L[\d.]+ [\d.]+){3}$", straight);
    }

    [Fact]
    public void A_gap_breaks_a_line_and_markers_are_drawn_only_where_there_are_values()
    {
        // Arrange
        var figure = Figure.Of(Trace.Line("objects", Values.Numbers([0, 1, 2, 3, 4]), Values.OptionalNumbers([1, 2, null, 3, 4])).WithMode(ScatterMode.LinesAndMarkers));

        // Act
        var picture = SvgPicture.Of(figure);

        // Assert
        Assert.Equal(2, Regex.Count((string)picture.Class("fbc-line").Single().Attribute("d")!, "M"));
        Assert.Equal(4, picture.Class("fbc-marker").Count);
    }

    [Fact]
    public void A_spline_is_drawn_as_curves()
    {
        // Act
        var d = (string)SvgPicture.Of(Figure.Of(Trace.Line("smooth", Values.Numbers([0, 1, 2, 3]), Values.Numbers([0, 2, 1, 3])).WithShape(LineShape.Spline)))
            .Class("fbc-line").Single().Attribute("d")!;

        // Assert
        Assert.Equal(3, Regex.Count(d, "C"));
    }

    [Fact]
    public void Bars_show_their_text_and_a_hover_note()
    {
        // Arrange
        var figure = Figure.Of(Trace.Bar("jobs", Values.Labels(["a", "b", "c"]), Values.Numbers([4, 8, 2])).WithText(["four", "eight", "two"])
            .WithHoverTemplate("%{x}: %{y} jobs<extra></extra>"));

        // Act
        var picture = SvgPicture.Of(figure);

        // Assert
        var bars = picture.Class("fbc-bar");
        Assert.Equal(3, bars.Count);
        Assert.Equal(["a: 4 jobs", "b: 8 jobs", "c: 2 jobs"], bars.Select(b => b.Element("title")!.Value));
        Assert.Equal(["four", "eight", "two"], picture.Class("fbc-bar-label").Select(t => t.Value));
        Assert.Equal(["a", "b", "c"], picture.XTicks);
        var heights = bars.Select(b => SvgPicture.Number(b, "height")).ToArray();
        Assert.Equal(heights[0] * 2, heights[1], 0.2);
    }

    [Fact]
    public void Grouped_bars_stand_side_by_side_and_stacked_bars_on_each_other()
    {
        // Arrange
        Figure Chart(BarMode mode) => new(
            [Trace.Bar("ok", Values.Labels(["mon", "tue"]), Values.Numbers([10, 20])), Trace.Bar("failed", Values.Labels(["mon", "tue"]), Values.Numbers([2, 1]))],
            new Layout { BarMode = mode });

        // Act
        var grouped = SvgPicture.Of(Chart(BarMode.Group)).Class("fbc-bar");
        var stacked = SvgPicture.Of(Chart(BarMode.Stack)).Class("fbc-bar");

        // Assert: grouped, monday's failed bar starts where its ok bar ends; stacked, it sits on top of it.
        Assert.Equal(SvgPicture.Number(grouped[0], "x") + SvgPicture.Number(grouped[0], "width"), SvgPicture.Number(grouped[2], "x"), 0.2);
        Assert.Equal(SvgPicture.Number(stacked[0], "x"), SvgPicture.Number(stacked[2], "x"));
        Assert.Equal(SvgPicture.Number(stacked[0], "y"), SvgPicture.Number(stacked[2], "y") + SvgPicture.Number(stacked[2], "height"), 0.2);
    }

    [Fact]
    public void Overlaid_histograms_of_one_bin_group_share_their_bins()
    {
        // Arrange: the durations chart, succeeded and failed overlaid.
        var attempts = DisplayFixtures.Attempts;

        // Act
        var picture = SvgPicture.Of(RunCharts.JobDurations(attempts));

        // Assert: every attempt with a duration is counted once, and the failed bins line up with the succeeded ones.
        var groups = picture.Class("fbc-bars");
        Assert.Equal(["0.75", "0.75"], groups.Select(g => (string?)g.Attribute("fill-opacity")));
        var bins = groups.Select(g => g.Elements("rect").ToList()).ToList();
        var counted = bins.SelectMany(b => b).Sum(r => int.Parse(r.Element("title")!.Value.Split(' ')[^2], CultureInfo.InvariantCulture));
        Assert.Equal(attempts.Count(a => a.Duration is not null), counted);
        var all = bins.SelectMany(b => b).ToList();
        var (left, pitch) = (all.Min(r => SvgPicture.Number(r, "x")), SvgPicture.Number(all[0], "width") + 1);
        Assert.All(all, r => Assert.Equal(0, ((SvgPicture.Number(r, "x") - left) / pitch) - Math.Round((SvgPicture.Number(r, "x") - left) / pitch), 0.05));
    }

    [Fact]
    public void A_histogram_of_integers_centres_each_integer_in_its_bin()
    {
        // Act
        var picture = SvgPicture.Of(Figure.Of(Trace.Histogram("tries", Values.Numbers([1, 1, 2, 3, 3, 3]))));

        // Assert
        Assert.Equal(["tries\n0.5–1.5: 2", "tries\n1.5–2.5: 1", "tries\n2.5–3.5: 3"], picture.Class("fbc-bar").Select(b => b.Element("title")!.Value));
    }

    [Fact]
    public void A_plate_heatmap_has_a_cell_per_well_with_a_value_coloured_on_its_scale()
    {
        // Arrange: every well but B07, from 5 (A01) to 42.5 (H12).
        var wells = Enumerable.Range(0, 96).Where(i => i != 18).ToDictionary(i => PlateMap.WellName(i / 12, i % 12), i => 5.0 + (i / 12 * 3) + (i % 12 * 1.5));

        // Act
        var picture = SvgPicture.Of(PlateMap.Heatmap(wells, "Plate1", "objects"));

        // Assert
        var cells = picture.Class("fbc-cell");
        Assert.Equal(95, cells.Count);
        Assert.Equal("A01: 5.0 objects", cells[0].Element("title")!.Value);
        Assert.Equal("#440154", (string?)cells[0].Attribute("fill"));
        Assert.Equal("#fde725", (string?)cells[^1].Attribute("fill"));
        Assert.DoesNotContain(cells, c => c.Element("title")!.Value.StartsWith("B07", StringComparison.Ordinal));
        Assert.Contains(picture.Class("fbc-cells").Single().Elements("text"), t => t.Value == "43");
        Assert.Equal(["A", "B", "C", "D", "E", "F", "G", "H"], picture.YTicks);
        Assert.True(SvgPicture.Number(cells[0], "y") < SvgPicture.Number(cells[^1], "y"), "row A is at the top");
        Assert.Equal("objects", picture.Class("fbc-colorbar").Single().Elements("text").First().Value);
        Assert.Empty(picture.Class("fbc-legend"));
    }

    [Fact]
    public void A_heatmap_range_and_gap_are_kept()
    {
        // Arrange
        var z = new IReadOnlyList<double?>[] { [0, 5, 10], [null, 20, -3] };
        var heatmap = Trace.Heatmap(z, Values.Labels(["a", "b", "c"]), Values.Labels(["r1", "r2"])).WithRange(0, 10).WithColorScale("Greys") with { Gap = 6 };

        // Act
        var cells = SvgPicture.Of(Figure.Of(heatmap)).Class("fbc-cell");

        // Assert: beyond the range, colours stop at its ends; cells 6 px apart.
        Assert.Equal(["#000000", "#808080", "#ffffff", "#ffffff", "#000000"], cells.Select(c => (string?)c.Attribute("fill")));
        Assert.Equal(6, SvgPicture.Number(cells[1], "x") - (SvgPicture.Number(cells[0], "x") + SvgPicture.Number(cells[0], "width")), 0.2);
    }

    [Fact]
    public void The_legend_names_every_trace_when_there_are_several_and_none_for_one()
    {
        // Arrange
        var several = RunCharts.Capacity(DisplayFixtures.Timeline);
        var one = Figure.Of(Trace.Line("only", Values.Numbers([1, 2]), Values.Numbers([1, 2])));

        // Act
        var legend = SvgPicture.Of(several).Class("fbc-legend");
        var hidden = SvgPicture.Of(several.WithLayout(several.Layout.WithShowLegend(false))).Class("fbc-legend");

        // Assert
        Assert.Equal(["workers wanted", "workers running"], legend.Single().Elements("text").Select(t => t.Value));
        Assert.Empty(hidden);
        Assert.Empty(SvgPicture.Of(one).Class("fbc-legend"));
    }

    [Fact]
    public void The_legend_lists_stacked_areas_top_of_the_stack_first_as_plotly_does()
    {
        // Act
        var legend = SvgPicture.Of(RunCharts.Timeline(DisplayFixtures.Timeline)).Class("fbc-legend").Single();

        // Assert
        Assert.Equal(["waiting", "in flight", "dead letters", "done"], legend.Elements("text").Select(t => t.Value));
    }

    [Fact]
    public void The_legend_sits_above_the_plot_under_the_title()
    {
        // Act
        var picture = SvgPicture.Of(RunCharts.Timeline(DisplayFixtures.Timeline));

        // Assert
        var title = SvgPicture.Number(picture.Class("fbc-title").Single(), "y");
        var legend = picture.Class("fbc-legend").Single().Elements("text").Select(t => SvgPicture.Number(t, "y")).Max();
        var plotTop = picture.Class("fbc-yticks").Single().Elements("text").Min(t => SvgPicture.Number(t, "y"));
        Assert.True(title < legend && legend + 8 < plotTop, $"title {title}, legend {legend}, plot top {plotTop}");
    }

    [Fact]
    public void Hostile_names_and_labels_are_escaped_and_read_back_as_written()
    {
        // Arrange
        const string name = "<script>alert('x')</script> & \"co\"";
        var figure = new Figure(
            [
                Trace.Bar(name, Values.Labels(["<b>a</b>", "b & c"]), Values.Numbers([1, 2])).WithText(["<i>1</i>", "&amp;"]),
                Trace.Line("second\u0001\uD800", Values.Labels(["<b>a</b>", "b & c"]), Values.Numbers([2, 1])),
            ],
            new Layout { Title = "</svg><img src=x onerror=alert(1)>", XAxis = new Axis { Title = "x <axis>" }, YAxis = new Axis { Title = "y & axis" } });

        // Act
        var picture = SvgPicture.Of(figure);

        // Assert: nothing becomes markup, and every string reads back unchanged (but for characters XML cannot carry).
        Assert.DoesNotContain("<script", picture.Markup);
        Assert.DoesNotContain("<img", picture.Markup);
        Assert.DoesNotContain("<b>", picture.Markup);
        Assert.Single(picture.Root.DescendantsAndSelf("svg"));
        var texts = picture.Root.Descendants("text").Select(t => t.Value).ToList();
        Assert.Contains(name, texts);
        Assert.Contains("</svg><img src=x onerror=alert(1)>", texts);
        Assert.Contains("b & c", texts);
        Assert.Contains("&amp;", texts);
        Assert.Contains("second\uFFFD\uFFFD", texts);
        Assert.Contains("x <axis>", texts);
    }

    [Fact]
    public void A_figure_without_data_shows_a_no_data_chart_of_its_size()
    {
        // Arrange
        var figures = new[]
        {
            Figure.Of().WithTitle("Nothing yet"),
            RunCharts.JobDurations([]),
            RunCharts.Timeline([]),
            Figure.Of(Trace.Heatmap([[null, null]], Values.Labels(["1", "2"]), Values.Labels(["A"]))),
            Figure.Of(Trace.Line("gaps", Values.Numbers([1, 2]), Values.OptionalNumbers([null, null]))),
        };

        foreach (var figure in figures)
        {
            // Act
            var picture = SvgPicture.Of(figure);

            // Assert
            Assert.Equal("No data", picture.Class("fbc-no-data").Single().Value);
            Assert.Equal($"0 0 1000 {figure.Layout.Height ?? 450}", (string?)picture.Root.Attribute("viewBox"));
        }
    }

    [Fact]
    public void The_picture_fits_its_container_width_at_the_layout_height()
    {
        // Act
        var root = SvgPicture.Of(RunCharts.Capacity(DisplayFixtures.Timeline).WithLayout(RunCharts.Capacity(DisplayFixtures.Timeline).Layout.WithWidth(700))).Root;

        // Assert
        Assert.Equal("0 0 700 260", (string?)root.Attribute("viewBox"));
        Assert.Equal("100%", (string?)root.Attribute("width"));
        Assert.Null(root.Attribute("height"));
        Assert.Contains("max-width:700px", (string?)root.Attribute("style"));
    }

    [Fact]
    public void Numbers_are_written_the_same_in_every_culture()
    {
        // Arrange: a culture with a decimal comma and a dot between thousands.
        var before = CultureInfo.CurrentCulture;
        var commas = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        commas.NumberFormat.NumberDecimalSeparator = ",";
        commas.NumberFormat.NumberGroupSeparator = ".";
        var figure = Figure.Of(Trace.Line("big", Values.Numbers([0.5, 1.25, 2.75]), Values.Numbers([1500.5, 2500.25, 12000])));
        var invariant = FigureSvgMarkup(figure);
        try
        {
            CultureInfo.CurrentCulture = commas;

            // Act
            var local = FigureSvgMarkup(figure);

            // Assert
            Assert.Equal(invariant, local);
            Assert.Contains(">10,000<", local);
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    [Fact]
    public void Chart_classes_stay_clear_of_the_display_stylesheet()
    {
        // Arrange
        var figures = new[] { RunCharts.Timeline(DisplayFixtures.Timeline), RunCharts.JobDurations(DisplayFixtures.Attempts), PlateMap.Heatmap(new Dictionary<string, double> { ["A01"] = 1 }, "p", "v") };

        // Act
        var classes = figures.SelectMany(f => SvgPicture.Of(f).Root.DescendantsAndSelf()).Select(e => (string?)e.Attribute("class")).OfType<string>().Distinct().ToList();

        // Assert: the displays style fb-bar, fb-legend, fb-title …; a chart's own classes must not pick those rules up.
        Assert.All(classes, c => Assert.StartsWith("fbc-", c));
        Assert.DoesNotContain(".fbc-", Fleetbook.Display.HtmlRenderer.Stylesheet);
    }

    private static string FigureSvgMarkup(Figure figure) => SvgPicture.Of(figure).Markup;
}

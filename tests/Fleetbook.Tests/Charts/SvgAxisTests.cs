using System.Globalization;
using Fleetbook.Charts;
using Fleetbook.Tests.Display;

namespace Fleetbook.Tests.Charts;

public class SvgAxisTests
{
    private static readonly DateTimeOffset T0 = DisplayFixtures.T0;

    [Fact]
    public void Ticks_on_a_date_axis_fall_on_whole_seconds_with_the_date_under_the_first()
    {
        // Act: the fixtures' run, 30 seconds long.
        var picture = SvgPicture.Of(RunCharts.Timeline(DisplayFixtures.Timeline));

        // Assert
        Assert.Equal(["10:00:00", "10:00:05", "10:00:10", "10:00:15", "10:00:20", "10:00:25", "10:00:30"], picture.XTicks);
        Assert.Equal(["Mar 1, 2026"], picture.XTicksBelow);
    }

    [Theory]
    [InlineData(2, @"^10:00:0\d\.\d$", "Mar 1, 2026")]
    [InlineData(30, @"^10:00:\d\d$", "Mar 1, 2026")]
    [InlineData(10 * 60, @"^10:\d\d$", "Mar 1, 2026")]
    [InlineData(6 * 3600, @"^1\d:00$", "Mar 1, 2026")]
    [InlineData(3 * 86400, @"^(00|12):00$", "Mar 1, 2026")]
    [InlineData(60 * 86400, @"^(Mar|Apr) \d{1,2}$", "2026")]
    [InlineData(730 * 86400, @"^[A-Z][a-z]{2}$", "2026")]
    [InlineData(40 * 365 * 86400.0, @"^20\d\d$", null)]
    public void Date_ticks_read_well_for_spans_from_seconds_to_decades(double seconds, string label, string? firstBelow)
    {
        // Arrange
        var figure = Figure.Of(Trace.Line("jobs", Values.Times([T0, T0.AddSeconds(seconds)]), Values.Numbers([1, 2])));

        // Act
        var picture = SvgPicture.Of(figure);

        // Assert: a handful of ticks, all in one format, the date (or year) under the first.
        var ticks = picture.XTicks;
        Assert.InRange(ticks.Count, 4, 14);
        Assert.All(ticks, t => Assert.Matches(label, t));
        Assert.Equal(firstBelow, picture.XTicksBelow.FirstOrDefault());
    }

    [Fact]
    public void Date_tick_labels_never_overlap()
    {
        foreach (var seconds in new[] { 1.0, 45, 100, 3000, 7200, 50_000, 200_000, 2_000_000, 20_000_000, 200_000_000 })
        {
            // Arrange
            var figure = Figure.Of(Trace.Line("jobs", Values.Times([T0, T0.AddSeconds(seconds)]), Values.Numbers([1, 2])));

            // Act
            var texts = SvgPicture.Of(figure).Class("fbc-xticks").Single().Elements("text")
                .Select(t => (X: SvgPicture.Number(t, "x"), Y: SvgPicture.Number(t, "y"), Width: t.Value.Length * 12 * 0.6))
                .GroupBy(t => t.Y)
                .ToList();

            // Assert
            foreach (var line in texts)
            {
                var sorted = line.OrderBy(t => t.X).ToList();
                for (var i = 1; i < sorted.Count; i++)
                {
                    Assert.True(sorted[i].X - sorted[i - 1].X > (sorted[i].Width + sorted[i - 1].Width) / 2, $"labels overlap over {seconds} s");
                }
            }
        }
    }

    [Fact]
    public void A_count_axis_starts_at_zero_and_ends_on_a_round_tick()
    {
        // Arrange: counts between 50 and 96.
        var figure = new Figure(
            [Trace.Line("jobs", Values.Numbers([0, 1, 2]), Values.Numbers([50, 70, 96]))],
            new Layout { YAxis = new Axis { StartAtZero = true }, Height = 360 });

        // Act
        var ticks = SvgPicture.Of(figure).YTicks;

        // Assert
        Assert.Equal(["0", "20", "40", "60", "80", "100"], ticks);
    }

    [Fact]
    public void A_numeric_axis_has_nice_ticks_with_no_more_decimals_than_they_need()
    {
        // Arrange
        var figure = Figure.Of(Trace.Line("t", Values.Numbers([0.93, 1.71]), Values.Numbers([-0.3, 0.45])));

        // Act
        var picture = SvgPicture.Of(figure);

        // Assert
        Assert.Equal(["1", "1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7"], picture.XTicks);
        Assert.Equal(["-0.3", "-0.2", "-0.1", "0", "0.1", "0.2", "0.3", "0.4", "0.5"], picture.YTicks);
    }

    [Fact]
    public void Large_numbers_are_grouped_and_millions_shortened()
    {
        // Act
        var thousands = SvgPicture.Of(Figure.Of(Trace.Bar("n", Values.Labels(["a"]), Values.Numbers([25_000])))).YTicks;
        var millions = SvgPicture.Of(Figure.Of(Trace.Bar("n", Values.Labels(["a"]), Values.Numbers([2_500_000])))).YTicks;

        // Assert
        Assert.Contains("20,000", thousands);
        Assert.Contains("2M", millions);
        Assert.All(millions, t => Assert.True(t == "0" || t.EndsWith('M'), t));
    }

    [Fact]
    public void A_log_axis_ticks_powers_of_ten()
    {
        // Arrange
        var figure = new Figure(
            [Trace.Line("growth", Values.Numbers([0, 1, 2, 3]), Values.Numbers([1, 30, 900, 27_000]))],
            new Layout { YAxis = new Axis { Type = AxisType.Log } });

        // Act
        var ticks = SvgPicture.Of(figure).YTicks;

        // Assert
        Assert.Equal(["1", "10", "100", "1,000", "10,000", "100,000"], ticks);
    }

    [Fact]
    public void A_reversed_axis_runs_the_other_way()
    {
        // Arrange
        var up = Figure.Of(Trace.Markers("m", Values.Numbers([0, 1]), Values.Numbers([0, 10])));
        var down = up.WithLayout(up.Layout.WithYAxis(new Axis { Reversed = true }));

        // Act
        double YOfTen(Figure f) => SvgPicture.Number(SvgPicture.Of(f).Class("fbc-marker")[1], "cy");

        // Assert: 10 near the top normally, near the bottom reversed.
        Assert.True(YOfTen(up) < YOfTen(down));
    }

    [Fact]
    public void Crowded_category_labels_are_thinned_and_long_ones_cut_short()
    {
        // Arrange
        var labels = Enumerable.Range(0, 60).Select(i => "a rather long category name number " + i.ToString(CultureInfo.InvariantCulture)).ToArray();
        var figure = Figure.Of(Trace.Bar("n", Values.Labels(labels), Values.Numbers(labels.Select((_, i) => (double)i))));

        // Act
        var ticks = SvgPicture.Of(figure).XTicks;

        // Assert
        Assert.InRange(ticks.Count, 2, 12);
        Assert.All(ticks, t => Assert.EndsWith("…", t));
    }

    [Fact]
    public void Axis_titles_and_the_figure_title_are_shown()
    {
        // Act
        var picture = SvgPicture.Of(RunCharts.Capacity(DisplayFixtures.Timeline));

        // Assert
        Assert.Equal("Capacity", picture.Class("fbc-title").Single().Value);
        Assert.Equal(["time (UTC)", "count"], picture.Class("fbc-axis-title").Select(t => t.Value));
        Assert.Contains("rotate(-90", (string?)picture.Class("fbc-axis-title")[1].Attribute("transform"));
    }
}

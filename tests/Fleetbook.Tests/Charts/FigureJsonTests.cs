using System.Text.Json;
using Fleetbook.Charts;
using Fleetbook.Tests.Display;

namespace Fleetbook.Tests.Charts;

public class FigureJsonTests
{
    private static JsonElement Parse(Figure figure) => JsonDocument.Parse(figure.ToJson()).RootElement;

    [Fact]
    public void A_figure_is_written_as_data_layout_and_config()
    {
        // Arrange
        var figure = new Figure([Trace.Line("done", Values.Numbers([1, 2]), Values.Numbers([3, 4]))]);

        // Act
        var json = Parse(figure);

        // Assert
        Assert.Equal(["data", "layout", "config"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Array, json.GetProperty("data").ValueKind);
        Assert.True(json.GetProperty("config").GetProperty("responsive").GetBoolean());
        Assert.False(json.GetProperty("config").GetProperty("displaylogo").GetBoolean());
    }

    [Fact]
    public void Every_title_is_an_object_with_text_as_plotly_3_and_later_require()
    {
        // Arrange
        var figure = PlateMap.Heatmap(new Dictionary<string, double> { ["A01"] = 1 }, "Plate", "objects")
            .WithLayout(new Layout { Title = "Plate", XAxis = new Axis { Title = "column" }, YAxis = new Axis { Title = "row" } });

        // Act
        var json = Parse(figure);

        // Assert
        var layout = json.GetProperty("layout");
        Assert.Equal("Plate", layout.GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("column", layout.GetProperty("xaxis").GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("row", layout.GetProperty("yaxis").GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("objects", json.GetProperty("data")[0].GetProperty("colorbar").GetProperty("title").GetProperty("text").GetString());
        Assert.DoesNotContain("\"title\":\"", figure.ToJson());
    }

    [Fact]
    public void The_timeline_stacks_done_dead_in_flight_and_waiting_in_one_stackgroup()
    {
        // Arrange
        var timeline = DisplayFixtures.Timeline;

        // Act
        var json = Parse(RunCharts.Timeline(timeline));

        // Assert
        var traces = json.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(["done", "dead letters", "in flight", "waiting"], traces.Select(t => t.GetProperty("name").GetString()));
        Assert.All(traces, t =>
        {
            Assert.Equal("scatter", t.GetProperty("type").GetString());
            Assert.Equal("stack", t.GetProperty("stackgroup").GetString());
            Assert.Equal("hv", t.GetProperty("line").GetProperty("shape").GetString());
            Assert.Equal(timeline.Count, t.GetProperty("x").GetArrayLength());
        });
        Assert.Equal("2026-03-01 10:00:00.000", traces[0].GetProperty("x")[0].GetString());
        Assert.Equal([0, 12, 40, 72, 92, 95], traces[0].GetProperty("y").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal("date", json.GetProperty("layout").GetProperty("xaxis").GetProperty("type").GetString());
    }

    [Fact]
    public void A_plate_heatmap_has_rows_A_to_H_columns_1_to_12_and_blank_cells_for_missing_wells()
    {
        // Arrange
        var values = new Dictionary<string, double> { ["A01"] = 5, ["H12"] = 40, ["c3"] = 7.5 };

        // Act
        var json = Parse(PlateMap.Heatmap(values, "Objects per well", "objects"));

        // Assert
        var trace = json.GetProperty("data")[0];
        Assert.Equal("heatmap", trace.GetProperty("type").GetString());
        Assert.Equal(["A", "B", "C", "D", "E", "F", "G", "H"], trace.GetProperty("y").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(Enumerable.Range(1, 12).Select(c => c.ToString(System.Globalization.CultureInfo.InvariantCulture)), trace.GetProperty("x").EnumerateArray().Select(v => v.GetString()));
        var z = trace.GetProperty("z");
        Assert.Equal(8, z.GetArrayLength());
        Assert.All(z.EnumerateArray(), row => Assert.Equal(12, row.GetArrayLength()));
        Assert.Equal(5, z[0][0].GetDouble());
        Assert.Equal(7.5, z[2][2].GetDouble());
        Assert.Equal(40, z[7][11].GetDouble());
        Assert.Equal(JsonValueKind.Null, z[0][1].ValueKind);
        Assert.Equal("H12", trace.GetProperty("text")[7][11].GetString());
        Assert.Contains("%{text}", trace.GetProperty("hovertemplate").GetString());
        Assert.Equal("%{z:.0f}", trace.GetProperty("texttemplate").GetString());
        Assert.Equal("reversed", json.GetProperty("layout").GetProperty("yaxis").GetProperty("autorange").GetString());
        Assert.Equal("category", json.GetProperty("layout").GetProperty("xaxis").GetProperty("type").GetString());
    }

    [Fact]
    public void Job_durations_are_a_histogram_of_seconds_with_failures_beside_successes()
    {
        // Arrange
        var attempts = DisplayFixtures.Attempts;

        // Act
        var json = Parse(RunCharts.JobDurations(attempts));

        // Assert
        var traces = json.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(["succeeded", "failed"], traces.Select(t => t.GetProperty("name").GetString()));
        Assert.All(traces, t => Assert.Equal("histogram", t.GetProperty("type").GetString()));
        Assert.Equal(95, traces[0].GetProperty("x").GetArrayLength());
        Assert.Equal(4, traces[1].GetProperty("x").GetArrayLength());
        Assert.Equal("overlay", json.GetProperty("layout").GetProperty("barmode").GetString());
    }

    [Fact]
    public void Numbers_that_are_not_finite_are_written_as_gaps()
    {
        // Arrange
        var figure = new Figure([Trace.Bar("b", Values.Labels(["a", "b", "c"]), Values.Numbers([1, double.NaN, double.PositiveInfinity]))]);

        // Act
        var y = Parse(figure).GetProperty("data")[0].GetProperty("y");

        // Assert
        Assert.Equal([JsonValueKind.Number, JsonValueKind.Null, JsonValueKind.Null], y.EnumerateArray().Select(v => v.ValueKind));
    }

    [Fact]
    public void With_methods_return_changed_copies_and_leave_the_original_alone()
    {
        // Arrange
        var line = Trace.Line("a", Values.Numbers([1]), Values.Numbers([1]));
        var figure = new Figure([line]);

        // Act
        var changed = figure.WithTitle("t").WithHeight(300).AddTrace(line.WithName("b").WithStackGroup("s").WithColor("#112233"));

        // Assert
        Assert.Null(figure.Layout.Title);
        Assert.Single(figure.Traces);
        Assert.Equal("t", changed.Layout.Title);
        Assert.Equal(300, changed.Layout.Height);
        Assert.Equal(2, changed.Traces.Count);
        Assert.Equal("a", line.Name);
        var second = Parse(changed).GetProperty("data")[1];
        Assert.Equal("s", second.GetProperty("stackgroup").GetString());
        Assert.Equal("#112233", second.GetProperty("fillcolor").GetString());
    }

    [Fact]
    public void A_figure_of_traces_of_different_kinds_keeps_their_order()
    {
        // Act
        var figure = Figure.Of(
            Trace.Markers("points", Values.Numbers([1]), Values.Numbers([2])),
            Trace.Bar("bars", Values.Labels(["a"]), Values.Numbers([3])),
            Trace.Histogram("spread", Values.Numbers([1, 2, 2])));

        // Assert
        var data = Parse(figure).GetProperty("data");
        Assert.Equal(["scatter", "bar", "histogram"], data.EnumerateArray().Select(t => t.GetProperty("type").GetString()));
        Assert.Equal("markers", data[0].GetProperty("mode").GetString());
    }

    [Fact]
    public void A_plate_table_has_a_row_per_letter_and_a_dash_for_missing_wells()
    {
        // Act
        var table = PlateMap.Table(new Dictionary<string, double> { ["A01"] = 5, ["H12"] = 40.25 });

        // Assert
        Assert.Equal(13, table.Headers.Count);
        Assert.Equal(8, table.Rows.Count);
        Assert.Equal(["A", "5", "–"], table.Rows[0].Cells.Take(3));
        Assert.Equal("40.3", table.Rows[7].Cells[12]);
    }
}

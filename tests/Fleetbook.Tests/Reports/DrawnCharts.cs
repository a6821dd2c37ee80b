using System.Text.RegularExpressions;

namespace Fleetbook.Tests.Reports;

/// <summary>Who drew a chart: plotly.js, or nobody (plotly did not load) so the static SVG picture stayed.</summary>
public enum DrawnBy
{
    Plotly,
    StaticPicture,
}

/// <summary>What "the chart drew" means in a DOM chromium dumped: each chart element holds plotly's drawing, or else its static picture.</summary>
public static partial class DrawnCharts
{
    [GeneratedRegex("<div id=\"fleetbook-plot-[0-9a-f]{32}\"")]
    public static partial Regex PlotDiv();

    /// <summary>plotly drew each of the <paramref name="expected"/> charts, in place of its static picture.</summary>
    public static void AssertEachDrew(string dom, int expected) => AssertEach(dom, expected, DrawnBy.Plotly);

    /// <summary>
    /// Checks that the DOM has <paramref name="expected"/> chart elements, each drawn as <paramref name="drawnBy"/>
    /// says, and returns them (each element up to the script that draws it) for closer looks.
    /// </summary>
    public static IReadOnlyList<string> AssertEach(string dom, int expected, DrawnBy drawnBy)
    {
        var starts = PlotDiv().Matches(dom).Select(m => m.Index).Append(dom.Length).ToList();
        Assert.Equal(expected + 1, starts.Count);
        var plots = new List<string>();
        for (var i = 0; i < starts.Count - 1; i++)
        {
            var plot = dom[starts[i]..starts[i + 1]];
            plot = plot[..plot.IndexOf("<script", StringComparison.Ordinal)];
            if (drawnBy == DrawnBy.Plotly)
            {
                Assert.Contains("js-plotly-plot", plot);
                Assert.Contains("class=\"main-svg\"", plot);
                Assert.DoesNotContain("class=\"fbc-chart\"", plot);
            }
            else
            {
                Assert.Contains("<svg class=\"fbc-chart\"", plot);
                Assert.DoesNotContain("js-plotly-plot", plot);
                Assert.True(Marks(plot, "fbc-area") + Marks(plot, "fbc-line") + Marks(plot, "fbc-bar") + Marks(plot, "fbc-cell") > 0, "a static picture without marks");
            }

            plots.Add(plot);
        }

        return plots;
    }

    /// <summary>How many marks of one kind (<c>fbc-area</c>, <c>fbc-line</c>, <c>fbc-bar</c>, <c>fbc-cell</c>, <c>fbc-marker</c>) a chart element holds.</summary>
    public static int Marks(string plot, string kind) => Regex.Count(plot, $"class=\"{Regex.Escape(kind)}\"");
}

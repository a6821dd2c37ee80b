using System.Text.RegularExpressions;

namespace Fleetbook.Tests.Reports;

/// <summary>What "the chart drew" means in a DOM chromium dumped: plotly's drawing inside each chart element, and no fallback note.</summary>
public static partial class DrawnCharts
{
    [GeneratedRegex("<div id=\"fleetbook-plot-[0-9a-f]{32}\"")]
    public static partial Regex PlotDiv();

    public static void AssertEachDrew(string dom, int expected)
    {
        var plots = PlotDiv().Matches(dom).Select(m => m.Index).Append(dom.Length).ToList();
        Assert.Equal(expected + 1, plots.Count);
        for (var i = 0; i < plots.Count - 1; i++)
        {
            // The element itself, up to the script that drew it.
            var plot = dom[plots[i]..plots[i + 1]];
            plot = plot[..plot.IndexOf("<script", StringComparison.Ordinal)];
            Assert.Contains("js-plotly-plot", plot);
            Assert.Contains("class=\"main-svg\"", plot);
            Assert.DoesNotContain("Chart not drawn", plot);
        }
    }
}

using Fleetbook.Charts;
using Fleetbook.Display;
using Fleetbook.Tests.Display;
using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Reports;

/// <summary>Pages whose plotly.js never loads (offline notebooks, previews that run no script): every chart still shows, as its static SVG.</summary>
public class StaticChartChromiumTests
{
    /// <summary>Stands where plotly.js would be inlined, and defines nothing.</summary>
    private const string NoPlotly = "/* plotly.js did not load */";

    [ChromiumFact(needsPlotly: false)]
    public async Task Without_plotly_js_every_chart_of_the_report_stays_a_static_picture_with_all_its_marks()
    {
        // Arrange
        using var folder = new TempFolder("static-report");
        var report = ReportFixtures.DemoLike();
        var page = folder.File("report.html");
        await report.WriteAsync(page, PlotlyScript.Inline(NoPlotly));
        var durationBins = DrawnCharts.Marks(RunCharts.JobDurations(report.Attempts).ToHtml(), "fbc-bar");
        var screenshot = Screenshot("static-report.png");

        // Act
        var dom = await HeadlessChromium.DumpDomAsync(page, folder.File("profile-dom"));
        await HeadlessChromium.ScreenshotAsync(page, screenshot, folder.File("profile-shot"), 1100, 1900);

        // Assert: the plate's 95 wells with a value, the timeline's four stacked areas and their edges, the durations' bins.
        var plots = DrawnCharts.AssertEach(dom, 3, DrawnBy.StaticPicture);
        Assert.Equal(95, DrawnCharts.Marks(plots[0], "fbc-cell"));
        Assert.Equal((4, 4), (DrawnCharts.Marks(plots[1], "fbc-area"), DrawnCharts.Marks(plots[1], "fbc-line")));
        Assert.InRange(durationBins, 3, 40);
        Assert.Equal(durationBins, DrawnCharts.Marks(plots[2], "fbc-bar"));

        var png = Png.Read(screenshot);
        Assert.True(png.HasColourNear(0x2e, 0x7d, 0x32), "no 'done' green from the timeline");
        Assert.True(png.HasColourNear(0xc6, 0x28, 0x28), "no 'failed' red from the durations");
        Assert.True(png.HasColourNear(0xfd, 0xe7, 0x25), "no viridis yellow from the plate heatmap");
    }

    [ChromiumFact(needsPlotly: false)]
    public async Task Without_plotly_js_the_live_monitor_shows_its_timeline_and_capacity_as_static_pictures()
    {
        // Arrange: the monitor's HTML as a notebook shows it, plotly.js expected on the page but absent.
        using var folder = new TempFolder("static-live");
        var html = FleetbookDisplay.ToHtml(DisplayFixtures.LiveOnAws, DisplayFixtures.Options.WithPlotly(PlotlyScript.Preloaded));
        var page = folder.Write("live.html", $"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>live</title></head><body>\n{html}\n</body></html>\n");
        var screenshot = Screenshot("static-live-monitor.png");

        // Act
        var dom = await HeadlessChromium.DumpDomAsync(page, folder.File("profile-dom"));
        await HeadlessChromium.ScreenshotAsync(page, screenshot, folder.File("profile-shot"), 1100, 1000);

        // Assert: jobs over time as four stacked areas; workers and machines, wanted and running, as four step lines.
        var plots = DrawnCharts.AssertEach(dom, 2, DrawnBy.StaticPicture);
        Assert.Equal(4, DrawnCharts.Marks(plots[0], "fbc-area"));
        Assert.Equal((0, 4), (DrawnCharts.Marks(plots[1], "fbc-area"), DrawnCharts.Marks(plots[1], "fbc-line")));
        Assert.True(Png.Read(screenshot).HasColourNear(0x15, 0x65, 0xc0), "no 'workers running' blue from the capacity chart");
    }

    private static string Screenshot(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "TestResults", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Delete(path);
        return path;
    }
}

using Fleetbook.Charts;
using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Reports;

public class ChromiumReportTests
{
    [ChromiumFact]
    public async Task The_report_with_plotly_inlined_draws_every_chart_in_headless_chromium()
    {
        // Arrange
        var plotly = await PlotlyCache.EnsureAsync();
        using var folder = new TempFolder("chromium");
        var page = folder.File("report.html");
        await ReportFixtures.DemoLike().WriteAsync(page, PlotlyScript.FromFile(plotly));
        var screenshot = Path.Combine(AppContext.BaseDirectory, "TestResults", "report-screenshot.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        File.Delete(screenshot);

        // Act
        var dom = await HeadlessChromium.DumpDomAsync(page, folder.File("profile-dom"));
        await HeadlessChromium.ScreenshotAsync(page, screenshot, folder.File("profile-shot"), 1200, 2600);

        // Assert
        DrawnCharts.AssertEachDrew(dom, 3);

        Assert.Contains("class=\"hm\"", dom);
        Assert.Contains(">H<", dom);

        var png = Png.Read(screenshot);
        Assert.Equal((1200, 2600), (png.Width, png.Height));
        var colours = new HashSet<int>();
        var inked = 0;
        for (var y = 0; y < png.Height; y += 2)
        {
            for (var x = 0; x < png.Width; x += 2)
            {
                var (r, g, b) = png.Pixel(x, y);
                colours.Add((r << 16) | (g << 8) | b);
                inked += r + g + b < 600 ? 1 : 0;
            }
        }

        Assert.True(colours.Count > 100, $"the screenshot has only {colours.Count} colours");
        Assert.True(inked > png.Width * png.Height / 4 / 50, $"the screenshot is nearly blank ({inked} inked samples)");
        Assert.True(png.HasColourNear(0x2e, 0x7d, 0x32), "no 'done' green from the timeline");
        Assert.True(png.HasColourNear(0xfd, 0xe7, 0x25), "no viridis yellow from the plate heatmap");
    }
}

/// <summary>
/// Skips (with the reason) where Debian's chromium is not installed, or, for a test that needs plotly.js
/// (<paramref name="needsPlotly"/>), where it is neither cached nor installable with npm.
/// </summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute(bool needsPlotly = true)
    {
        if (!HeadlessChromium.IsInstalled)
        {
            Skip = $"{HeadlessChromium.Path} is missing: install it with 'apt-get install -y chromium' to check that reports draw.";
        }
        else if (needsPlotly && !PlotlyCache.IsAvailable)
        {
            Skip = $"plotly.js is not in {PlotlyCache.Folder} and npm is not on the PATH to install it.";
        }
    }
}

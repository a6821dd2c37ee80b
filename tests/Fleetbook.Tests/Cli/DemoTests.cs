using Fleetbook.Examples.CountObjects;
using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Cli;

public class DemoTests
{
    [Fact]
    public async Task The_demo_counts_every_site_of_the_plate_and_writes_results_and_report()
    {
        // Arrange
        using var folder = new TempFolder("demo");

        // Act
        var outcome = await CliRunner.RunAsync("demo", "--dir", folder.Path);

        // Assert
        Assert.True(outcome.ExitCode == 0, outcome.All);
        var rows = File.ReadAllLines(folder.File("results.csv"));
        Assert.Equal("Plate,Well,Site,Objects,MeanArea,MeanIntensity", rows[0]);
        Assert.Equal(96 * 4, rows.Length - 1);
        foreach (var row in rows.Skip(1))
        {
            var cells = row.Split(',');
            var expected = SyntheticPlate.ExpectedObjectCount(cells[0], cells[1], int.Parse(cells[2], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(expected.ToString(System.Globalization.CultureInfo.InvariantCulture), cells[3]);
        }

        var report = File.ReadAllText(folder.File("report.html"));
        Assert.Contains("all jobs succeeded", report);
        Assert.Contains("H12", report);
    }
}

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

    [Fact]
    public async Task The_demo_run_three_times_in_one_folder_succeeds_each_time_and_leaves_results_and_report()
    {
        // Arrange: each run is its own process, as when a user runs the README's first command again.
        using var folder = new TempFolder("demo-again");
        var cli = Path.Combine(AppContext.BaseDirectory, "Fleetbook.Cli.dll");

        for (var run = 1; run <= 3; run++)
        {
            // Act
            var outcome = await ChildProcess.RunDotnetAsync([cli, "demo", "--dir", folder.Path]);

            // Assert
            Assert.True(outcome.ExitCode == 0, $"run {run} exited {outcome.ExitCode}:\n{outcome.All}");
            Assert.Equal(1 + (96 * 4), File.ReadAllLines(folder.File("results.csv")).Length);
            Assert.Contains("all jobs succeeded", File.ReadAllText(folder.File("report.html")));
        }
    }

    [Fact]
    public async Task A_demo_that_fails_keeps_the_previous_results_and_report()
    {
        // Arrange: a previous run's results, and a file where the run's state folder must go, so this run cannot set up.
        using var folder = new TempFolder("demo-kept");
        var results = folder.Write("results.csv", "previous results\n");
        var report = folder.Write("report.html", "<p>previous report</p>\n");
        folder.Write(".fleetbook", "in the way\n");

        // Act
        var outcome = await CliRunner.RunAsync("demo", "--dir", folder.Path);

        // Assert
        Assert.NotEqual(0, outcome.ExitCode);
        Assert.DoesNotContain("   at ", outcome.All);
        Assert.Equal("previous results\n", File.ReadAllText(results));
        Assert.Equal("<p>previous report</p>\n", File.ReadAllText(report));
    }
}

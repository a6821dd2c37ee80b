using Fleetbook.Notebooks.Display;
using Fleetbook.Tests.Kernels.Formatting;
using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Kernels;

public sealed class DisplayTests
{
    private static readonly string TestAssembly = typeof(Badge).Assembly.Location;

    [Fact]
    public async Task Displaying_a_value_whose_type_names_a_formatter_source_writes_its_html()
    {
        // Arrange
        using var folder = new TempFolder("nb-display");
        var notebook = TestNotebook.CSharp(
            $"#r \"{TestAssembly}\"\nusing Fleetbook.Tests.Kernels.Formatting;",
            "display(new Badge(\"done\", 12));\nDisplay(new Badge(\"failed\", 1));\nnew Badge(\"waiting\", 3)");

        // Act
        var (outcome, executed) = await NotebookRunnerProcess.RunNotebookAsync(folder, notebook);

        // Assert
        Assert.True(outcome.ExitCode == 0, outcome.All);
        var displays = executed!.Outputs(1, "display_data");
        Assert.Equal(["<span class=\"badge\">done: 12</span>", "<span class=\"badge\">failed: 1</span>"], displays.Select(d => ExecutedNotebook.Text(d, "text/html")));
        Assert.Equal("Badge { Label = done, Count = 12 }", ExecutedNotebook.Text(displays[0], "text/plain"));
        var result = Assert.Single(executed.Outputs(1, "execute_result"));
        Assert.Equal("<span class=\"badge\">waiting: 3</span>", ExecutedNotebook.Text(result, "text/html"));
        Assert.Equal(2, (int?)result["execution_count"]);
    }

    [Fact]
    public async Task A_live_display_updated_three_times_keeps_only_its_last_value()
    {
        // Arrange
        using var folder = new TempFolder("nb-live");
        var notebook = TestNotebook.CSharp(
            $"#r \"{TestAssembly}\"\nusing Fleetbook.Tests.Kernels.Formatting;",
            "var progress = display(new Badge(\"done\", 0));\nfor (var i = 1; i <= 3; i++) { await Task.Delay(5); progress.Update(new Badge(\"done\", i * 10)); }\nConsole.WriteLine(\"finished\");");

        // Act
        var (outcome, executed) = await NotebookRunnerProcess.RunNotebookAsync(folder, notebook);

        // Assert
        Assert.True(outcome.ExitCode == 0, outcome.All);
        var live = Assert.Single(executed!.Outputs(1, "display_data"));
        Assert.Equal("<span class=\"badge\">done: 30</span>", ExecutedNotebook.Text(live, "text/html"));
        Assert.False(string.IsNullOrEmpty((string?)live["metadata"]?["transient"]?["display_id"]));
        Assert.Equal("finished\n", executed.Stdout(1));
    }

    [Fact]
    public void Formatters_are_found_by_the_attribute_name_in_any_namespace()
    {
        // Arrange
        var badge = new Badge("done", 5);

        // Act
        var bundle = ValueFormatter.Format(badge, []);

        // Assert
        Assert.Equal(["text/html", "text/plain"], bundle.Entries.Select(e => e.Key));
        Assert.Equal("<span class=\"badge\">done: 5</span>", bundle["text/html"]);
    }

    [Fact]
    public void Preferred_mime_types_come_first_and_asking_for_one_type_gives_only_that()
    {
        // Arrange
        var chart = new Chart([1, 2]);

        // Act
        var all = ValueFormatter.Format(chart, []);
        var htmlOnly = ValueFormatter.Format(chart, ["text/html"]);

        // Assert
        Assert.Equal(["application/vnd.plotly.v1+json", "text/html", "text/plain"], all.Entries.Select(e => e.Key));
        Assert.Equal(["text/html"], htmlOnly.Entries.Select(e => e.Key));
    }

    [Fact]
    public void Values_without_formatters_and_declined_formats_fall_back_to_plain_text()
    {
        // Act
        var shy = ValueFormatter.Format(new Shy("x"), []);
        var list = ValueFormatter.Format(new List<int> { 1, 2, 3 }, []);
        var nothing = ValueFormatter.Format(null, []);

        // Assert
        Assert.Equal([new KeyValuePair<string, string>("text/plain", "Shy { Name = x }")], shy.Entries);
        Assert.Equal("[1, 2, 3]", list["text/plain"]);
        Assert.Equal("null", nothing["text/plain"]);
    }
}

using Fleetbook.Display;
using Fleetbook.Steps;
using Fleetbook.Tests.Display;
using Microsoft.DotNet.Interactive.Events;

namespace Fleetbook.Tests.Interactive;

/// <summary>What a cell's value looks like in the real kernel once the extension registered Fleetbook's formatters.</summary>
public sealed class KernelFormatterTests
{
    [Fact]
    public async Task In_vs_code_a_figure_carries_plotly_json_first_then_html_and_text()
    {
        // Arrange
        using var kernel = await InProcessKernel.StartAsync(Hosts.VsCode);

        // Act
        var cell = await kernel.SubmitAsync("""Figure.Of(Trace.Bar("wells", Values.Labels(new[] { "A01", "A02" }), Values.Numbers(new[] { 3.0, 5.0 }))).WithTitle("Objects")""");

        // Assert
        var value = Assert.IsType<ReturnValueProduced>(Assert.Single(cell.Outputs), exactMatch: false);
        Assert.Equal([MimeTypes.Plotly, MimeTypes.Html, MimeTypes.PlainText], value.MimeTypes());
        var json = System.Text.Json.JsonDocument.Parse(value.Formatted(MimeTypes.Plotly)).RootElement;
        Assert.Equal("bar", json.GetProperty("data")[0].GetProperty("type").GetString());
        Assert.Equal("Objects", json.GetProperty("layout").GetProperty("title").GetProperty("text").GetString());
        Assert.Contains("class=\"fleetbook-plot\"", value.Formatted(MimeTypes.Html));
        Assert.StartsWith("Chart: Objects", value.Formatted(MimeTypes.PlainText));
    }

    [Fact]
    public async Task Through_jupyter_which_would_send_plotly_json_as_a_string_a_figure_carries_html_and_text()
    {
        // Arrange
        using var kernel = await InProcessKernel.StartAsync(Hosts.Jupyter);

        // Act
        var cell = await kernel.SubmitAsync("""Figure.Of(Trace.Bar("wells", Values.Labels(new[] { "A01" }), Values.Numbers(new[] { 3.0 })))""");

        // Assert
        Assert.Equal([MimeTypes.Html, MimeTypes.PlainText], Assert.Single(cell.Outputs).MimeTypes());
    }

    [Fact]
    public async Task A_step_result_shows_fleetbooks_own_html_and_text()
    {
        // Arrange
        using var kernel = await InProcessKernel.StartAsync();

        // Act
        var cell = await kernel.SubmitAsync("new RedriveResult(\"PlateDemoDeadMessages\", \"PlateDemoQueue\", 2)");

        // Assert
        var value = Assert.Single(cell.Outputs);
        Assert.Equal([MimeTypes.Html, MimeTypes.PlainText], value.MimeTypes());
        Assert.Equal(FleetbookDisplay.ToText(DisplayFixtures.Redrive), value.Formatted(MimeTypes.PlainText));
        Assert.Contains("class=\"fleetbook-display\"", value.Formatted(MimeTypes.Html));
    }

    [Fact]
    public async Task Attempts_a_user_picks_out_with_linq_get_fleetbooks_table_not_the_kernels()
    {
        // Arrange
        using var kernel = await InProcessKernel.StartAsync();
        await kernel.SubmitAsync(Attempts(count: 3, failing: 1));

        // Act
        var cell = await kernel.SubmitAsync("attempts.Where(a => a.Outcome == AttemptOutcome.Failed).ToList()");

        // Assert
        var text = Assert.Single(cell.Outputs).Formatted(MimeTypes.PlainText);
        Assert.StartsWith("Attempts  [x] 1 failed attempt\n1 attempt at 1 job: 1 failed.", text);
        Assert.Contains("job-3  1        worker-0", text);
        Assert.DoesNotContain("job-1", text);
    }

    [Fact]
    public async Task A_long_list_of_attempts_shows_its_first_rows_and_says_how_many_more_there_are()
    {
        // Arrange
        using var kernel = await InProcessKernel.StartAsync();
        await kernel.SubmitAsync(Attempts(count: 120, failing: 0));

        // Act
        var cell = await kernel.SubmitAsync("attempts");

        // Assert
        var output = Assert.Single(cell.Outputs);
        Assert.Contains("… and 70 more not shown", output.Formatted(MimeTypes.PlainText));
        Assert.Contains("<p class=\"fb-omitted\">… and 70 more not shown.</p>", output.Formatted(MimeTypes.Html));
        Assert.Equal(DisplayOptions.Default.MaxRows, output.Formatted(MimeTypes.PlainText).Split('\n').Count(l => l.Contains("worker-0", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Dead_jobs_and_found_runs_picked_out_of_their_reports_get_fleetbooks_tables()
    {
        // Arrange
        using var kernel = await InProcessKernel.StartAsync();

        // Act
        var deadJobs = await kernel.SubmitAsync("""
            new[] { new DeadJob("m-1", "Plate1-B07-1", "{}", new[] { new JobAttempt("m-1", "Plate1-B07-1", 1, "worker-0", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddSeconds(2), AttemptOutcome.Failed, 3, "exit code 3") }) }
                .Where(j => j.JobId.StartsWith("Plate1"))
            """);
        var runs = await kernel.SubmitAsync("""new List<FoundRun> { new("PlateDemo", new[] { "ECS service PlateDemoService" }) }""");

        // Assert
        var deadText = Assert.Single(deadJobs.Outputs).Formatted(MimeTypes.PlainText);
        Assert.StartsWith("Dead jobs  [x] 1 dead job", deadText);
        Assert.Contains("Plate1-B07-1  1        failed  3          2.00 s   exit code 3", deadText);
        var runsText = Assert.Single(runs.Outputs).Formatted(MimeTypes.PlainText);
        Assert.StartsWith("Runs  [!] 1 run", runsText);
        Assert.Contains("PlateDemo  ECS service PlateDemoService", runsText);
    }

    /// <summary>A cell that defines <c>attempts</c>: one per job, the last <paramref name="failing"/> of them failed.</summary>
    private static string Attempts(int count, int failing) => $$"""
        var attempts = Enumerable.Range(1, {{count}})
            .Select(i => new JobAttempt($"m-{i}", $"job-{i}", 1, "worker-0", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddSeconds(1),
                i > {{count - failing}} ? AttemptOutcome.Failed : AttemptOutcome.Succeeded, i > {{count - failing}} ? 1 : 0))
            .ToList();
        """;
}

using Fleetbook.Charts;
using Fleetbook.Configuration;
using Fleetbook.Display;
using Fleetbook.Journal;
using Fleetbook.Reports;
using Fleetbook.Steps;
using Fleetbook.Tests.Display;
using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Reports;

public class RunReportTests
{
    private const string StandIn = "/* plotly.js stand-in */ window.Plotly = window.Plotly || {newPlot: function () {}};";

    [Fact]
    public void The_report_page_matches_its_snapshot()
    {
        // Arrange
        var report = ReportFixtures.DemoLike();

        // Act
        var page = report.ToHtmlPage(PlotlyScript.Inline(StandIn));

        // Assert
        Snapshot.Match("report.html", page);
    }

    [Fact]
    public void The_report_text_matches_its_snapshot()
    {
        // Act
        var text = FleetbookDisplay.ToText(ReportFixtures.DemoLike());

        // Assert
        Snapshot.Match("report.txt", text);
    }

    [Fact]
    public void An_inlined_report_loads_nothing_from_the_network()
    {
        // Act
        var page = ReportFixtures.DemoLike().ToHtmlPage(PlotlyScript.Inline(StandIn));

        // Assert
        Assert.DoesNotContain("cdn.plot.ly", page);
        Assert.DoesNotContain("http://", page);
        Assert.DoesNotContain("https://", page);
        Assert.Contains(StandIn, page);
        Assert.Equal(3, page.Split("<div id=\"fleetbook-plot-").Length - 1);
    }

    [Fact]
    public void Without_a_local_plotly_the_report_uses_the_pinned_cdn_and_says_so()
    {
        // Act
        var page = ReportFixtures.DemoLike().ToHtmlPage(PlotlyScript.Cdn);

        // Assert
        Assert.Contains("<script src=\"https://cdn.plot.ly/plotly-4.1.2.min.js\"></script>", page);
        Assert.Contains("Charts are static pictures until plotly.js 4.1.2 loads from cdn.plot.ly", page);
        Assert.Contains("FLEETBOOK_PLOTLY_JS", page);
    }

    [Fact]
    public void The_report_shows_failures_with_their_log_excerpts_encoded()
    {
        // Act
        var page = ReportFixtures.DemoLike().ToHtmlPage(PlotlyScript.Preloaded);

        // Assert
        Assert.Contains("<details class=\"fb-section\"><summary>Log of Plate1-B07-1 (last 3 lines)</summary>", page);
        Assert.Contains("error: &lt;truncated PGM header&gt; in B07.pgm", page);
        Assert.Contains("<td>succeeded on retry</td>", page);
        Assert.Contains("<td>timed out</td>", page);
        Assert.Contains("<span class=\"fb-badge fb-bad\">1 job in the dead-letter queue</span>", page);
        Assert.Contains("<td>—</td>", page);
    }

    [Fact]
    public async Task Writing_the_report_creates_its_folder_and_one_html_file()
    {
        // Arrange
        using var folder = new TempFolder("report");
        var path = folder.File("out/run/report.html");

        // Act
        await ReportFixtures.DemoLike().WriteAsync(path, PlotlyScript.Inline(StandIn));

        // Assert
        var page = await File.ReadAllTextAsync(path);
        Assert.StartsWith("<!DOCTYPE html>", page);
        Assert.EndsWith("</html>\n", page);
        Assert.Contains("H12", page);
    }

    [Fact]
    public async Task A_report_made_from_a_run_reads_the_journal_and_the_failed_jobs_logs()
    {
        // Arrange
        using var folder = new TempFolder("report-run");
        var config = new RunConfig { AppName = "ReportRun", Command = ["true"] };
        await using var run = FleetRun.Create(config, folder.Path, TimeProvider.System);
        await run.SetupAsync();
        var t0 = DisplayFixtures.T0;
        await run.Backend.Journal.RecordAsync(new JobAttempt("m-1", "job-ok", 1, "w", t0, t0.AddSeconds(1), AttemptOutcome.Succeeded, 0), CancellationToken.None);
        await run.Backend.Journal.RecordAsync(new JobAttempt("m-2", "job-bad", 1, "w", t0, t0.AddSeconds(2), AttemptOutcome.Failed, 2, "exit code 2"), CancellationToken.None);
        await using (var log = await run.Backend.Logs.OpenJobStreamAsync("job-bad", CancellationToken.None))
        {
            for (var i = 1; i <= 30; i++)
            {
                await log.WriteLineAsync($"line {i}", CancellationToken.None);
            }
        }

        // Act
        var report = await RunReport.CreateAsync(run, logLines: 5);

        // Assert
        Assert.Equal("local", report.Backend);
        Assert.Equal(2, report.Attempts.Count);
        var failure = Assert.Single(report.Failures);
        Assert.Equal("job-bad", failure.JobId);
        Assert.False(failure.Recovered);
        Assert.Equal(5, failure.LogTail.Count);
        Assert.EndsWith("line 30", failure.LogTail[^1]);
        Assert.Null(report.CostUsd);
        var text = FleetbookDisplay.ToText(report);
        Assert.Contains("[x] 1 job never succeeded", text);
        Assert.Contains("cost:", text);
        Assert.DoesNotContain(folder.Path, text);
    }

    [Fact]
    public async Task The_report_of_a_monitored_AWS_run_carries_the_last_cost_monitor_saw()
    {
        // Arrange: the final status comes after cleanup, when nothing runs and no estimate is made.
        using var folder = new TempFolder("report-cost");
        await using var run = FleetRun.Create(new RunConfig { AppName = "ReportCost", Command = ["true"] }, folder.Path, TimeProvider.System);
        var t0 = DisplayFixtures.T0;
        var fleet = new Fleetbook.Fleet.FleetStatus(2, 2, "2 tasks");
        RunStatus[] timeline =
        [
            new(t0, true, 10, 2, 0, 0, 0, fleet, "") { Cost = new RunCost(0.10m, 1.00m, "m5.xlarge spot") },
            new(t0.AddMinutes(5), true, 0, 2, 0, 10, 0, fleet, "") { Cost = new RunCost(0.42m, 0.05m, "m5.xlarge spot") },
            new(t0.AddMinutes(6), false, 0, 0, 0, 12, 0, Fleetbook.Fleet.FleetStatus.None, ""),
        ];
        var monitor = new MonitorResult(timeline[^1], timeline, new CleanupResult([], []), TimeSpan.FromMinutes(6), Completed: true);

        // Act
        var report = await RunReport.CreateAsync(run, monitor);

        // Assert
        Assert.Equal(0.42m, report.CostUsd);
        Assert.Contains("$0.42", FleetbookDisplay.ToText(report));
    }

    [Fact]
    public async Task Failed_jobs_come_first_failure_first_and_are_capped()
    {
        // Arrange
        var t0 = DisplayFixtures.T0;
        JobAttempt Failed(string job, int second) => new($"m-{job}", job, 1, "w", t0.AddSeconds(second), t0.AddSeconds(second + 1), AttemptOutcome.Failed, 1);
        var attempts = new[] { Failed("c", 3), Failed("a", 1), Failed("b", 2), new JobAttempt("m-ok", "ok", 1, "w", t0, t0.AddSeconds(1), AttemptOutcome.Succeeded, 0) };

        // Act
        var failures = await FailedJob.FindAsync(attempts, logs: null, maxJobs: 2);

        // Assert
        Assert.Equal(["a", "b"], failures.Select(f => f.JobId));
        Assert.All(failures, f => Assert.Empty(f.LogTail));
    }
}

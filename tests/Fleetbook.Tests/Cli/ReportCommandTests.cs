using Fleetbook.Configuration;
using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Cli;

/// <summary><c>fleetbook report</c> and <c>monitor --report</c>: the run report from the terminal, for any run.</summary>
public sealed class ReportCommandTests
{
    [Fact]
    public async Task Monitor_writes_the_report_when_the_run_ends_and_report_writes_it_again_from_the_run_s_state()
    {
        // Arrange: three jobs, one of which fails for good on its first attempt.
        using var folder = new TempFolder("report-cli");
        var config = folder.File(RunConfig.DefaultFileName);
        ConfigFile.Save(new RunConfig
        {
            AppName = "Reported",
            Command = ["/bin/sh", "-c", "if [ \"$1\" = bad ]; then echo \"boom from $1\" >&2; exit 3; fi; echo ok > \"$2/out.txt\"", "job", "{group.n}", "{output_dir}"],
            Machines = 1,
            DockerCores = 2,
            MaxReceives = 1,
            RetryDelaySeconds = 0,
            IdleExitSeconds = 2,
        }, config);
        var jobs = folder.Write("job.json", """{"groups": [{"n": "a"}, {"n": "b"}, {"n": "bad"}]}""");
        Assert.Equal(0, (await CliRunner.RunAsync("setup", "-c", config)).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync("submit", jobs, "-c", config)).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync("start", "-c", config)).ExitCode);

        // Act
        var monitor = await CliRunner.RunAsync("monitor", "--interval", "0.1", "--report", folder.File("monitored.html"), "-c", config);
        var report = await CliRunner.RunAsync("report", "-o", folder.File("later.html"), "-c", config);
        var byDefault = await CliRunner.RunAsync("report", "-c", config);

        // Assert
        Assert.True(monitor.ExitCode == 1, monitor.All);
        Assert.True(report.ExitCode == 0, report.All);
        Assert.Contains($"report: {folder.File("later.html")} (1 job in the dead-letter queue)", report.Output);
        Assert.Equal(0, byDefault.ExitCode);
        Assert.True(File.Exists(folder.File("report.html")), "report without -o wrote no report.html beside the config");
        foreach (var (name, html) in new[] { ("monitored", File.ReadAllText(folder.File("monitored.html"))), ("later", File.ReadAllText(folder.File("later.html"))) })
        {
            ReportHtml.AssertSelfContained(html);
            Assert.Contains("Run report: Reported", html);
            Assert.Contains("1 job in the dead-letter queue", html);
            Assert.Contains("Jobs over time", html);
            Assert.Contains("How long attempts ran", html);
            Assert.Contains("boom from bad", html);
            Assert.True(html.Contains("Cleanup", StringComparison.Ordinal) == (name == "monitored"), $"{name}: the cleanup section belongs to monitor's report only");
        }

        Assert.Contains("Told by the attempt journal", File.ReadAllText(folder.File("later.html")));
    }

    [Fact]
    public async Task Report_of_a_run_still_going_says_how_many_jobs_are_left()
    {
        // Arrange: jobs submitted, no worker started.
        using var folder = new TempFolder("report-early");
        await CliRunner.RunAsync("init", "--dir", folder.Path, "--app-name", "Early");
        var config = folder.File(RunConfig.DefaultFileName);
        await CliRunner.RunAsync("setup", "-c", config);
        await CliRunner.RunAsync("submit", folder.File("job.json"), "-c", config);

        // Act
        var report = await CliRunner.RunAsync("report", "-c", config);

        // Assert
        Assert.True(report.ExitCode == 0, report.All);
        Assert.Contains("(4 jobs still to run)", report.Output);
        Assert.Contains("jobs waiting / running", File.ReadAllText(folder.File("report.html")));
    }

    [Fact]
    public async Task Report_of_a_project_without_a_config_exits_2_and_writes_nothing()
    {
        using var folder = new TempFolder("report-none");

        var report = await CliRunner.RunAsync("report", "-c", folder.File(RunConfig.DefaultFileName));

        Assert.Equal(2, report.ExitCode);
        Assert.Contains("fleetbook init", report.Error);
        Assert.False(File.Exists(folder.File("report.html")));
    }
}

using System.Text.Json;
using Fleetbook.Configuration;
using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Cli;

public class CliTests
{
    [Theory]
    [InlineData("frobnicate")]
    [InlineData("status", "--jsn")]
    [InlineData("submit")]
    [InlineData("monitor", "--interval", "soon")]
    [InlineData("demo", "--workers", "many")]
    public async Task A_wrong_verb_or_flag_exits_2_with_usage_help(params string[] args)
    {
        var outcome = await CliRunner.RunAsync(args);

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("--help", outcome.Error);
        Assert.DoesNotContain("   at ", outcome.All);
    }

    [Fact]
    public async Task A_missing_config_exits_2_and_says_how_to_make_one()
    {
        using var folder = new TempFolder();

        var outcome = await CliRunner.RunAsync("status", "-c", folder.File("fleetbook.json"));

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("fleetbook init", outcome.Error);
    }

    [Fact]
    public async Task A_broken_config_exits_2_naming_file_line_and_key()
    {
        using var folder = new TempFolder();
        var config = folder.Write("fleetbook.json", "{\n  \"appName\": \"X\",\n  \"command\": [\"p\"],\n  \"dockerCore\": 4\n}\n");

        var outcome = await CliRunner.RunAsync("setup", "-c", config);

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains($"{config}:4:3: dockerCore:", outcome.Error);
        Assert.Contains("dockerCores", outcome.Error);
        Assert.False(Directory.Exists(folder.File(".fleetbook")), "setup created state despite the broken config");
    }

    [Fact]
    public async Task Submitting_before_setup_exits_2_and_sends_nothing()
    {
        using var folder = new TempFolder();
        await CliRunner.RunAsync("init", "--dir", folder.Path);

        var outcome = await CliRunner.RunAsync("submit", folder.File("job.json"), "-c", folder.File("fleetbook.json"));

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("fleetbook setup", outcome.Error);
    }

    [Fact]
    public async Task A_command_template_naming_a_key_no_job_has_exits_2_before_sending()
    {
        // Arrange
        using var folder = new TempFolder();
        await CliRunner.RunAsync("init", "--dir", folder.Path);
        var configPath = folder.File("fleetbook.json");
        var config = ConfigFile.Load(configPath) with { Command = ["echo", "{group.Wel}"] };
        ConfigFile.Save(config, configPath);
        folder.Write("wells.json", """{"groups": [{"Well": "A01"}, {"Well": "A02"}]}""");
        Assert.Equal(0, (await CliRunner.RunAsync("setup", "-c", configPath)).ExitCode);

        // Act
        var outcome = await CliRunner.RunAsync("submit", folder.File("wells.json"), "-c", configPath);
        var status = await CliRunner.RunAsync("status", "--json", "-c", configPath);

        // Assert
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("group.Wel", outcome.Error);
        Assert.Contains("group.Well", outcome.Error);
        Assert.Equal(0, JsonDocument.Parse(status.Output).RootElement.GetProperty("visible").GetInt64());
    }

    [Fact]
    public async Task Init_refuses_to_overwrite_a_project()
    {
        using var folder = new TempFolder();
        Assert.Equal(0, (await CliRunner.RunAsync("init", "--dir", folder.Path)).ExitCode);

        var again = await CliRunner.RunAsync("init", "--dir", folder.Path);

        Assert.Equal(2, again.ExitCode);
        Assert.Contains("--force", again.Error);
    }

    [Fact]
    public async Task The_starter_project_runs_from_setup_to_cleanup_with_the_Distributed_Something_verbs()
    {
        // Arrange
        using var folder = new TempFolder();
        await CliRunner.RunAsync("init", "--dir", folder.Path, "--app-name", "Starter");
        var config = folder.File("fleetbook.json");

        // Act
        var setup = await CliRunner.RunAsync("setup", "-c", config);
        var submit = await CliRunner.RunAsync("submitJob", folder.File("job.json"), "-c", config);
        var start = await CliRunner.RunAsync("startCluster", folder.File("fleet.json"), "-c", config);
        var monitor = await CliRunner.RunAsync("monitor", "--interval", "0.1", "-c", config);
        var status = await CliRunner.RunAsync("status", "--json", "-c", config);

        // Assert
        Assert.Equal([0, 0, 0, 0], new[] { setup.ExitCode, submit.ExitCode, start.ExitCode, monitor.ExitCode });
        Assert.Contains("4 jobs queued", submit.Output);
        Assert.Contains("fleetbook report -o report.html", monitor.Output);
        var json = JsonDocument.Parse(status.Output).RootElement;
        Assert.Equal(4, json.GetProperty("succeeded").GetInt64());
        Assert.Equal(0, json.GetProperty("visible").GetInt64());
        Assert.Equal(0, json.GetProperty("inFlight").GetInt64());
        Assert.Equal(0, json.GetProperty("deadLetter").GetInt64());
        Assert.Equal(0, json.GetProperty("failed").GetInt64());
        Assert.Equal("A foo", File.ReadAllText(folder.File("bucket/results/A-foo/result.txt")).Trim());
    }

    [Fact]
    public async Task Plan_and_status_of_a_new_project_create_nothing()
    {
        using var folder = new TempFolder();
        await CliRunner.RunAsync("init", "--dir", folder.Path);
        var config = folder.File("fleetbook.json");

        var plan = await CliRunner.RunAsync("plan", "-c", config);
        var status = await CliRunner.RunAsync("status", "-c", config);

        Assert.Equal((0, 0), (plan.ExitCode, status.ExitCode));
        Assert.Contains("Nothing was changed", plan.Output);
        Assert.Contains("Not set up yet", status.Output);
        Assert.False(Directory.Exists(folder.File(".fleetbook")), "plan or status created run state");
    }

    [Fact]
    public async Task Preflight_before_setup_says_setup_comes_first_and_never_that_start_can_go_ahead()
    {
        // Arrange
        using var folder = new TempFolder("preflight-first");
        await CliRunner.RunAsync("init", "--dir", folder.Path, "--app-name", "Early");
        var config = folder.File("fleetbook.json");

        // Act
        var before = await CliRunner.RunAsync("preflight", "-c", config);
        await CliRunner.RunAsync("setup", "-c", config);
        var after = await CliRunner.RunAsync("preflight", "-c", config);

        // Assert
        Assert.Equal(0, before.ExitCode);
        Assert.Contains("setup comes first", before.Output);
        Assert.Contains("the queue EarlyQueue does not exist yet", before.Output);
        Assert.Contains("Next: set up the run (then submit a job file and start the workers) — fleetbook setup", before.Output);
        Assert.DoesNotContain("ready to start", before.Output);
        Assert.DoesNotContain("fleetbook start", before.Output);
        Assert.Equal(0, after.ExitCode);
        Assert.Contains("ready to start", after.Output);
    }

    [Fact]
    public async Task Cleanup_of_a_run_that_was_never_set_up_keeps_nothing_it_never_had_and_creates_nothing()
    {
        // Arrange
        using var folder = new TempFolder("cleanup-unset");
        await CliRunner.RunAsync("init", "--dir", folder.Path, "--app-name", "Run2");

        // Act
        var cleanup = await CliRunner.RunAsync("cleanup", "-c", folder.File("fleetbook.json"));

        // Assert
        Assert.Equal(0, cleanup.ExitCode);
        Assert.Contains("Run2 was never set up here", cleanup.Output);
        Assert.DoesNotContain("Run2DeadMessages", cleanup.Output);
        Assert.DoesNotContain("Kept", cleanup.Output);
        Assert.False(Directory.Exists(folder.File(".fleetbook")), "cleanup created run state");
    }

    [Fact]
    public async Task Cleanup_after_setup_names_the_dead_letter_queue_it_keeps()
    {
        // Arrange
        using var folder = new TempFolder("cleanup-set");
        await CliRunner.RunAsync("init", "--dir", folder.Path, "--app-name", "Run3");
        var config = folder.File("fleetbook.json");
        await CliRunner.RunAsync("setup", "-c", config);

        // Act
        var cleanup = await CliRunner.RunAsync("cleanup", "-c", config);

        // Assert
        Assert.Equal(0, cleanup.ExitCode);
        Assert.Contains("deleted queue Run3Queue", cleanup.Output);
        Assert.Contains("dead-letter queue Run3DeadMessages (see 'fleetbook dlq list')", cleanup.Output);
    }

    [Fact]
    public async Task A_broken_fleet_file_exits_2_before_any_worker_starts()
    {
        // Arrange
        using var folder = new TempFolder();
        await CliRunner.RunAsync("init", "--dir", folder.Path);
        var config = folder.File("fleetbook.json");
        await CliRunner.RunAsync("setup", "-c", config);
        var fleet = folder.Write("broken-fleet.json", """{"IamFleetRole": "arn", "LaunchSpecifications": [{"ImageId": "ami-1", "KeyName": 12}]}""");

        // Act
        var start = await CliRunner.RunAsync("start", fleet, "-c", config);
        var status = await CliRunner.RunAsync("status", "--json", "-c", config);

        // Assert
        Assert.Equal(2, start.ExitCode);
        Assert.Contains("broken-fleet.json:1:", start.Error);
        Assert.Contains("LaunchSpecifications[0].KeyName", start.Error);
        Assert.Equal(0, JsonDocument.Parse(status.Output).RootElement.GetProperty("workersDesired").GetInt32());
    }
}

public class CliTerminalRenderingTests
{
    [Fact]
    public async Task On_a_terminal_results_are_drawn_as_tables_with_the_same_words_as_the_plain_text()
    {
        using var folder = new TempFolder();
        await CliRunner.RunAsync("init", "--dir", folder.Path);
        var plain = await CliRunner.RunAsync("plan", "-c", folder.File("fleetbook.json"));
        var output = new StringWriter();

        var code = await Fleetbook.Cli.CliApp.RunAsync(["plan", "-c", folder.File("fleetbook.json")], output, new StringWriter(), interactive: true);

        Assert.Equal(0, code);
        var drawn = output.ToString();
        Assert.Contains("Plan for MyRun", drawn, StringComparison.Ordinal);
        Assert.Contains("fleetbook setup", drawn, StringComparison.Ordinal);
        Assert.DoesNotContain("await run.SetupAsync()", drawn + plain.Output, StringComparison.Ordinal);
        Assert.Contains("MyRunDeadMessages", drawn, StringComparison.Ordinal);
        Assert.Contains("\u001b[", drawn, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", plain.Output, StringComparison.Ordinal);
    }
}

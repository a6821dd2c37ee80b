using Fleetbook.Configuration;
using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Local;

/// <summary>A <c>"shell": true</c> command run by real workers: job values are data wherever the template quotes them.</summary>
public class ShellCommandRunTests
{
    [Fact]
    public async Task Values_inside_quotes_of_a_shell_command_reach_the_program_and_run_nothing()
    {
        // Arrange (the templates: "{group.v}" ran $(…), backquotes and "; cmd; ", '{group.v}' ran $(…))
        var config = new RunConfig
        {
            AppName = "ShellRun",
            Shell = true,
            Command = ["echo \"{group.v}\" > {output_dir}/out.txt;", "printf '%s' '{group.v}' > {output_dir}/quoted.txt"],
            Outputs = "results/{group.n}",
            Machines = 1,
            DockerCores = 2,
            IdleExitSeconds = 2,
            RetryDelaySeconds = 0,
            MaxReceives = 1,
        };
        await using var harness = new LocalRunHarness(config);
        var canary = Path.Combine(harness.Shared, "canary");
        string[] values = [$"$(touch {canary})", $"`touch {canary}`", $"\"; touch {canary}; \"", $"'; touch {canary}; '", $"'$(touch {canary})'"];
        var jobs = harness.WriteJobFile(values.Select((v, i) => (IReadOnlyDictionary<string, string>)new Dictionary<string, string> { ["n"] = $"{i}", ["v"] = Json(v) }));

        // Act
        var result = await harness.RunToEndAsync(jobs);

        // Assert
        Assert.Equal(values.Length, result.Final.Succeeded);
        Assert.False(File.Exists(canary), "a job value ran a command");
        for (var i = 0; i < values.Length; i++)
        {
            Assert.Equal(values[i] + "\n", File.ReadAllText(Path.Combine(harness.Backend.BucketDirectory, "results", $"{i}", "out.txt")));
            Assert.Equal(values[i], File.ReadAllText(Path.Combine(harness.Backend.BucketDirectory, "results", $"{i}", "quoted.txt")));
        }
    }

    [Fact]
    public async Task Plan_refuses_a_placeholder_where_no_value_can_go_with_exit_2_and_the_fix()
    {
        // Arrange
        using var folder = new Support.TempFolder("shell-plan");
        var path = folder.Write(RunConfig.DefaultFileName, """
            {
              "appName": "ShellPlan",
              "shell": true,
              "command": ["x=`echo {group.v}`; echo \"$x\""]
            }
            """);

        // Act
        var outcome = await CliRunner.RunAsync("plan", "-c", path);

        // Assert
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains($"{path}:4:15: command[0]:", outcome.Error);
        Assert.Contains("backquotes", outcome.Error);
        Assert.Contains("write $(…) instead", outcome.Error);
    }

    [Theory]
    [InlineData("printf '%s' {group.v} > {output_dir}/out.txt", true, "builtin")]
    [InlineData("cat {input_dir}/a.txt > {output_dir}/out.txt", true, "'cat', which can be started")]
    [InlineData("x={group.v} ./run.sh", true, "not checked")]
    [InlineData("no-such-program-fleetbook {group.v}", false, "neither a file nor on PATH")]
    public async Task Preflight_checks_the_shell_and_the_command_a_shell_script_starts_with(string script, bool passes, string says)
    {
        // Arrange
        using var folder = new Support.TempFolder("shell-preflight");
        var config = new RunConfig { AppName = "ShellCheck", Shell = true, Command = [script] };
        await using var run = Steps.FleetRun.Create(config, folder.Path);

        // Act
        var checks = (await run.PreflightAsync()).Checks;

        // Assert
        Assert.True(checks.Single(c => c.Name == "shell").Passed);
        var program = checks.Single(c => c.Name == "program");
        Assert.Equal(passes, program.Passed);
        Assert.Contains(says, program.Message);
    }

    /// <summary>LocalRunHarness writes values into JSON as they are; these hold quotes and backslashes.</summary>
    private static string Json(string value) => System.Text.Json.JsonSerializer.Serialize(value)[1..^1];
}

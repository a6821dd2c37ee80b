using System.CommandLine;
using Fleetbook.Cli.Commands;
using Fleetbook.Cli.Rendering;
using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Cli;

/// <summary>Help, usage errors and the words around the steps, as a user reads them in the terminal.</summary>
public sealed class CliHelpTests
{
    /// <summary>Every command of the tree, as typed after the program's name ("", "submit", "dlq list" …).</summary>
    public static TheoryData<string> Commands()
    {
        var data = new TheoryData<string>();
        void Walk(Command command, string path)
        {
            data.Add(path);
            foreach (var sub in command.Subcommands)
            {
                Walk(sub, (path + " " + sub.Name).Trim());
            }
        }

        Walk(CommandTree.Build(new Terminal(TextWriter.Null, TextWriter.Null, interactive: false)), "");
        return data;
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Every_command_s_help_names_the_program_fleetbook(string command)
    {
        // Arrange
        string[] args = [.. command.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--help"];

        // Act
        var help = await CliRunner.RunAsync(args);

        // Assert
        Assert.Equal(0, help.ExitCode);
        Assert.Contains($"Usage:\n  {("fleetbook " + command).Trim()}", help.Output.ReplaceLineEndings("\n"));
        Assert.DoesNotContain("Fleetbook.Cli", help.All);
        Assert.DoesNotContain("testhost", help.All);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task No_option_states_its_default_twice(string command)
    {
        // Act
        var help = await CliRunner.RunAsync([.. command.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--help"]);

        // Assert
        var twice = help.Output.Split('\n').Where(line => line.Split("default", StringSplitOptions.None).Length > 2).ToList();
        Assert.True(twice.Count == 0, "options whose help states the default twice:\n" + string.Join('\n', twice));
    }

    [Fact]
    public async Task A_wrong_flag_before_the_job_file_is_blamed_and_not_the_job_file()
    {
        // Act
        var outcome = await CliRunner.RunAsync("submit", "--bogus", "job.json");

        // Assert
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("'--bogus' is not an option of 'fleetbook submit'", outcome.Error);
        Assert.DoesNotContain("job.json", outcome.Error);
        Assert.Contains("Run 'fleetbook submit --help' for usage.", outcome.Error);
    }

    [Fact]
    public async Task A_wrong_flag_alone_is_not_read_as_the_job_file()
    {
        // Act
        var outcome = await CliRunner.RunAsync("submit", "--bogus");

        // Assert
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("'--bogus' is not an option of 'fleetbook submit'", outcome.Error);
        Assert.DoesNotContain("config file", outcome.Error);
    }

    [Fact]
    public async Task A_misspelt_flag_of_a_nested_command_is_named_with_the_nearest_flag_and_the_whole_command()
    {
        // Act
        var outcome = await CliRunner.RunAsync("dlq", "list", "--jsn");

        // Assert
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("'--jsn' is not an option of 'fleetbook dlq list': did you mean '--json'?", outcome.Error);
        Assert.Contains("Run 'fleetbook dlq list --help' for usage.", outcome.Error);
    }

    [Fact]
    public async Task The_runs_command_says_what_it_is_for()
    {
        // Act
        var help = await CliRunner.RunAsync("--help");

        // Assert
        var line = help.Output.Split('\n').Single(l => l.TrimStart().StartsWith("runs ", StringComparison.Ordinal));
        Assert.Contains("left behind", line);
        Assert.DoesNotContain("Forgotten runs.", help.Output);
    }

    [Theory]
    [InlineData("local")]
    [InlineData("aws")]
    [InlineData("slurm")]
    public async Task Init_names_every_step_in_order_from_plan_and_preflight(string backend)
    {
        // Arrange
        using var folder = new TempFolder("init-next");

        // Act
        var init = await CliRunner.RunAsync("init", "--dir", folder.Path, "--backend", backend);

        // Assert
        Assert.Equal(0, init.ExitCode);
        Assert.Contains("fleetbook plan, fleetbook preflight, fleetbook setup, fleetbook submit job.json, fleetbook start, fleetbook monitor", init.Output);
        Assert.Contains(folder.Path, init.Output.Split('\n').Single(l => l.StartsWith("Next", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Init_for_slurm_writes_a_config_whose_backend_is_slurm()
    {
        // Arrange
        using var folder = new TempFolder("init-slurm");

        // Act
        var init = await CliRunner.RunAsync("init", "--dir", folder.Path, "--backend", "slurm");
        var config = Fleetbook.Configuration.ConfigFile.Load(folder.File("fleetbook.json"));

        // Assert
        Assert.Equal(0, init.ExitCode);
        Assert.Equal(Fleetbook.Configuration.BackendKind.Slurm, config.Backend);
        Assert.Contains("slurm.partition", init.Output);
    }
}

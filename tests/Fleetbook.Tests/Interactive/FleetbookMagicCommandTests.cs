using Fleetbook.Display;
using Fleetbook.Tests.Support;
using Microsoft.DotNet.Interactive.Events;

namespace Fleetbook.Tests.Interactive;

/// <summary><c>#!fleetbook</c> in the real kernel: a run started elsewhere, watched from a notebook.</summary>
public sealed class FleetbookMagicCommandTests(FinishedRunFixture finished) : IClassFixture<FinishedRunFixture>
{
    [Theory]
    [InlineData("#!fleetbook")]
    [InlineData("#!fleetbook --help")]
    [InlineData("#!fleetbook status --help")]
    public async Task Alone_or_with_help_it_shows_its_usage(string line)
    {
        // Arrange
        using var kernel = await InProcessKernel.StartAsync(workingFolder: "/srv/plates");

        // Act
        var cell = await kernel.SubmitAsync(line);

        // Assert
        Assert.True(cell.Succeeded, cell.Describe());
        var text = Assert.Single(cell.Outputs).Formatted(MimeTypes.PlainText);
        Assert.StartsWith("#!fleetbook\nWatch a run from this notebook", text);
        Assert.All(["status", "monitor", "dlq", "runs", "--config PATH"], word => Assert.Contains(word, text));
        Assert.Contains("relative to the kernel's folder, /srv/plates", text);
    }

    [Fact]
    public async Task Status_shows_what_the_library_returns_for_the_run_the_config_names()
    {
        // Arrange
        using var kernel = await InProcessKernel.StartAsync();

        // Act
        var cell = await kernel.SubmitAsync($"#!fleetbook status --config \"{finished.Harness.ConfigPath}\"");

        // Assert
        Assert.True(cell.Succeeded, cell.Describe());
        var output = Assert.IsType<DisplayedValueProduced>(Assert.Single(cell.Outputs));
        var expected = FleetbookDisplay.ToText(await finished.Harness.Run.StatusAsync());
        Assert.Equal(WithoutTime(expected), WithoutTime(output.Formatted(MimeTypes.PlainText)));
        Assert.StartsWith("Run status  [x] drained with dead letters", output.Formatted(MimeTypes.PlainText));
        Assert.Contains("class=\"fleetbook-display\"", output.Formatted(MimeTypes.Html));
    }

    [Fact]
    public async Task Without_a_config_option_it_opens_fleetbook_json_in_the_kernels_folder()
    {
        // Arrange
        using var kernel = await InProcessKernel.StartAsync(workingFolder: finished.Harness.Folder);

        // Act
        var cell = await kernel.SubmitAsync("#!fleetbook status");

        // Assert
        Assert.True(cell.Succeeded, cell.Describe());
        Assert.Contains("succeeded:         3", Assert.Single(cell.Outputs).Formatted(MimeTypes.PlainText));
    }

    [Fact]
    public async Task Dlq_shows_each_dead_job_with_every_attempt_and_why_it_ended()
    {
        // Arrange
        using var kernel = await InProcessKernel.StartAsync(workingFolder: finished.Harness.Folder);

        // Act
        var cell = await kernel.SubmitAsync("#!fleetbook dlq --config fleetbook.json");

        // Assert
        Assert.True(cell.Succeeded, cell.Describe());
        var text = Assert.Single(cell.Outputs).Formatted(MimeTypes.PlainText);
        Assert.StartsWith("Dead letters  [x] 1 dead job", text);
        Assert.Equal(2, text.Split('\n').Count(l => l.StartsWith("  0003  ", StringComparison.Ordinal) && l.Contains("failed  3", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Runs_shows_the_runs_the_backend_can_see()
    {
        // Arrange
        using var kernel = await InProcessKernel.StartAsync();

        // Act
        var cell = await kernel.SubmitAsync($"#!fleetbook runs --config {finished.Harness.Folder}");

        // Assert
        Assert.True(cell.Succeeded, cell.Describe());
        var text = Assert.Single(cell.Outputs).Formatted(MimeTypes.PlainText);
        Assert.Equal(FleetbookDisplay.ToText(await finished.Harness.Run.FindRunsAsync()), text);
        Assert.StartsWith("Runs in ", text);
    }

    [Fact]
    public async Task A_config_that_is_not_there_fails_the_cell_with_the_librarys_message_and_no_stack_trace()
    {
        // Arrange
        using var folder = new TempFolder("magic-missing");
        using var kernel = await InProcessKernel.StartAsync(workingFolder: folder.Path);

        // Act
        var cell = await kernel.SubmitAsync("#!fleetbook status");

        // Assert
        var failure = Assert.IsType<CommandFailed>(cell.Failure);
        Assert.Empty(cell.Outputs);
        Assert.Null(failure.Exception);
        Assert.StartsWith($"{folder.File("fleetbook.json")}: the config file does not exist. Fix: run 'fleetbook init' to write one", failure.Message);
        Assert.Contains($"(#!fleetbook looks for ./fleetbook.json in the kernel's folder, {folder.Path}; --config PATH opens another.)", failure.Message);
        Assert.DoesNotContain("   at ", failure.Message);
    }

    [Fact]
    public async Task A_broken_config_fails_the_cell_naming_the_file_the_key_and_the_fix()
    {
        // Arrange
        using var folder = new TempFolder("magic-broken");
        var config = folder.Write("run/fleetbook.json", "{\n  \"appName\": \"Plates\",\n  \"command\": [\"true\"],\n  \"machnes\": 2\n}\n");
        using var kernel = await InProcessKernel.StartAsync(workingFolder: folder.Path);

        // Act
        var cell = await kernel.SubmitAsync("#!fleetbook status --config run/fleetbook.json");

        // Assert
        var failure = Assert.IsType<CommandFailed>(cell.Failure);
        Assert.Null(failure.Exception);
        Assert.StartsWith(config + ":4:", failure.Message);
        Assert.Contains("machnes", failure.Message);
        Assert.Contains("machines", failure.Message);
        Assert.DoesNotContain("   at ", failure.Message);
    }

    [Fact]
    public async Task A_misspelt_subcommand_fails_the_cell_with_the_nearest_one()
    {
        // Arrange
        using var kernel = await InProcessKernel.StartAsync();

        // Act
        var cell = await kernel.SubmitAsync("#!fleetbook staus");

        // Assert
        Assert.Equal("#!fleetbook: there is no subcommand 'staus'; did you mean 'status'? (#!fleetbook --help shows them.)", cell.Failure?.Message);
    }

    [Fact]
    public async Task Monitor_shows_the_run_live_in_one_output_until_it_drains_and_only_watches()
    {
        // Arrange: a run the terminal started (this process), watched from the notebook.
        await using var harness = await KernelLiveMonitorTests.StartedRunAsync("magic-monitor", jobs: 6);
        using var kernel = await InProcessKernel.StartAsync(workingFolder: harness.Folder);

        // Act
        var cell = await kernel.SubmitAsync("#!fleetbook monitor");

        // Assert
        Assert.True(cell.Succeeded, cell.Describe());
        var shown = Assert.Single(cell.Outputs.OfType<DisplayedValueProduced>());
        Assert.All(cell.Outputs.Skip(1), o => Assert.Equal(shown.ValueId, Assert.IsType<DisplayedValueUpdated>(o).ValueId));
        var final = cell.Outputs[^1];
        Assert.NotNull(Assert.IsType<LiveMonitorView>(final.Value).Result);
        Assert.StartsWith("Monitor  [ok] all jobs succeeded", final.Formatted(MimeTypes.PlainText));
        Assert.Contains("Next: clean up", final.Formatted(MimeTypes.PlainText));
        Assert.True((await harness.Run.StatusAsync()).QueueExists, "the notebook's monitor cleaned up a run it only watches");
    }

    [Fact]
    public async Task Monitor_stops_when_the_cell_is_interrupted()
    {
        // Arrange: jobs queued but no worker started, so the queue never drains.
        await using var harness = new LocalRunHarness(LocalRunHarness.ShellJobConfig("MagicStuck", "true"), "magic-stuck");
        await harness.SetUpWithNumberedJobsAsync(3);
        using var kernel = await InProcessKernel.StartAsync();
        var firstView = kernel.NextAsync<DisplayedValueProduced>();

        // Act
        var cell = kernel.SubmitAsync($"#!fleetbook monitor --config \"{harness.ConfigPath}\"");
        await firstView.WaitAsync(TimeSpan.FromMinutes(1));
        await kernel.CancelAsync();
        var stopped = await cell.WaitAsync(TimeSpan.FromMinutes(1));

        // Assert
        Assert.False(stopped.Succeeded, stopped.Describe());
        Assert.Equal(0, (await harness.Run.StatusAsync()).Fleet.Running);
    }

    private static string WithoutTime(string text) =>
        string.Join('\n', text.Split('\n').Where(l => !l.TrimStart().StartsWith("as of:", StringComparison.Ordinal)));
}

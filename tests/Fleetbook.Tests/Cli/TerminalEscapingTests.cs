using System.Text.RegularExpressions;
using Fleetbook.Cli;
using Fleetbook.Configuration;
using Fleetbook.Display;
using Fleetbook.Steps;
using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Cli;

/// <summary>Nothing the CLI prints can steer the terminal: control characters in job values and logs show as \x1b, \u202e….</summary>
public partial class TerminalEscapingTests
{
    // Clear the screen, set the window title, ring the bell, then reverse the rest of the line.
    private const string Hostile = "\u001b[2J\u001b]0;pwned\u0007A01\u202eevil\rX";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Dlq_list_shows_control_characters_in_job_values_visibly(bool interactive)
    {
        // Arrange (a dead letter as Distributed-Something's submitJob could have sent it: no check on its values)
        using var folder = new TempFolder("escape");
        var configPath = folder.File(RunConfig.DefaultFileName);
        var config = new RunConfig { AppName = "Escape", Command = ["prog"] };
        ConfigFile.Save(config, configPath);
        await using (var run = FleetRun.Open(configPath))
        {
            await run.SetupAsync();
            var deadLetters = (await run.Backend.Queues.OpenAsync(config.EffectiveDeadLetterQueue, CancellationToken.None))!;
            await deadLetters.SendBatchAsync([$"{{\"group\": {{\"Well\": {System.Text.Json.JsonSerializer.Serialize(Hostile)}}}}}"], CancellationToken.None);
        }

        var output = new StringWriter();
        var error = new StringWriter();

        // Act
        var code = await CliApp.RunAsync(["dlq", "list", "-c", configPath], output, error, interactive);

        // Assert
        Assert.Equal(1, code);
        var printed = ColourCodes().Replace(output.ToString() + error, "");
        Assert.DoesNotContain(printed, c => c is not ('\n' or '\r') && (char.IsControl(c) || c is '\u202e'));
        Assert.Contains("\\x1b[", printed); // a terminal's table may wrap the rest of the value onto the next line
        Assert.Contains("\\u202e", printed);
    }

    [Fact]
    public void The_text_renderer_shows_every_control_character_but_keeps_line_breaks_and_tabs()
    {
        // Arrange
        var document = new DisplayDocument("Title\u001b[31m", [new Paragraph("a\tb\nc" + Hostile), new Preformatted("log", "line 1\r\nline 2\u009b31m")]);

        // Act
        var text = TextRenderer.Render(document);

        // Assert
        Assert.Contains("Title\\x1b[31m", text);
        Assert.Contains("a\tb\nc\\x1b[2J\\x1b]0;pwned\\x07A01\\u202eevil\\x0dX", text);
        Assert.Contains("line 2\\x9b31m", text);
        Assert.DoesNotContain("\u001b", text);
    }

    [Fact]
    public async Task An_error_quoting_a_hostile_value_is_escaped_too()
    {
        // Arrange
        using var folder = new TempFolder("escape-error");
        var configPath = folder.Write(RunConfig.DefaultFileName, "{\"appName\": \"EscapeError\", \"command\": [\"prog\"], \"machines\": \"\\u001b[2J\"}");

        // Act
        var outcome = await CliRunner.RunAsync("plan", "-c", configPath);

        // Assert
        Assert.Equal(2, outcome.ExitCode);
        Assert.DoesNotContain('\u001b', outcome.All);
        Assert.Contains("\\x1b[2J", outcome.All);
    }

    [GeneratedRegex("\u001b\\[[0-9;]*m")]
    private static partial Regex ColourCodes();
}

using System.Text.Json.Nodes;
using Fleetbook.Notebooks.Execution;
using Fleetbook.Notebooks.Ipynb;
using Fleetbook.Notebooks.Protocol;

namespace Fleetbook.Tests.Kernels;

/// <summary>How fleetbook-notebook turns the kernel's stdio events into a cell's nbformat outputs, as VS Code does.</summary>
public sealed class KernelEventMappingTests
{
    [Fact]
    public void An_update_replaces_the_output_shown_with_its_value_id_in_place()
    {
        // Arrange
        var outputs = new CellOutputs();
        outputs.Begin(cellIndex: 4, "cell-5", executionCount: 2);

        // Act
        outputs.Apply(Display("DisplayedValueProduced", "cell-5", "view", "running"));
        outputs.Apply(Stdout("cell-5", "polling\n"));
        outputs.Apply(Display("DisplayedValueUpdated", "cell-5", "view", "finished"));

        // Assert
        var shown = outputs.Of(4);
        Assert.Equal(2, shown.Count);
        var view = Assert.IsType<DisplayOutput>(shown[0]);
        Assert.Equal(("view", "finished", true), (view.DisplayId, view.Data["text/plain"], view.Updated));
        Assert.IsType<StreamOutput>(shown[1]);
    }

    [Fact]
    public void An_update_with_an_id_the_cell_never_showed_is_a_new_output()
    {
        // Arrange
        var outputs = new CellOutputs();
        outputs.Begin(0, "cell-1", 1);

        // Act
        outputs.Apply(Display("DisplayedValueProduced", "cell-1", "shown", "first"));
        outputs.Apply(Display("DisplayedValueUpdated", "cell-1", "other", "second"));
        outputs.Apply(Display("DisplayedValueUpdated", "cell-1", "other", "third"));

        // Assert
        Assert.Equal(["first", "third"], outputs.Of(0).Cast<DisplayOutput>().Select(d => d.Data["text/plain"]));
    }

    [Fact]
    public void Events_of_a_child_command_belong_to_the_cell_and_other_commands_events_to_none()
    {
        // Arrange
        var outputs = new CellOutputs();
        outputs.Begin(0, "cell-1", 1);
        outputs.Begin(1, "cell-12", 2);

        // Act: a cell split by #!fsharp reports as cell-1.2; cell-12 is another cell, nuget-source no cell at all.
        outputs.Apply(Stdout("cell-1.2", "from fsharp\n"));
        outputs.Apply(Stdout("cell-12", "twelve\n"));
        outputs.Apply(Stdout("nuget-source-1-csharp", "restoring\n"));

        // Assert
        Assert.Equal("from fsharp\n", Assert.IsType<StreamOutput>(Assert.Single(outputs.Of(0))).Text);
        Assert.Equal("twelve\n", Assert.IsType<StreamOutput>(Assert.Single(outputs.Of(1))).Text);
    }

    [Fact]
    public void Console_text_joins_the_stream_before_it_and_a_return_value_is_the_result()
    {
        // Arrange
        var outputs = new CellOutputs();
        outputs.Begin(0, "cell-1", 7);

        // Act
        outputs.Apply(Stdout("cell-1", "a"));
        outputs.Apply(Stdout("cell-1", "b\n"));
        outputs.Apply(Display("ReturnValueProduced", "cell-1", null, "42"));

        // Assert
        var shown = outputs.Of(0);
        Assert.Equal("ab\n", Assert.IsType<StreamOutput>(shown[0]).Text);
        var result = Assert.IsType<DisplayOutput>(shown[1]);
        Assert.Equal((true, 7, "42"), (result.IsResult, result.ExecutionCount, result.Data["text/plain"]));
    }

    [Fact]
    public void Values_marked_suppress_display_are_left_out()
    {
        // Arrange
        var outputs = new CellOutputs();
        outputs.Begin(0, "cell-1", 1);
        var hidden = Envelope("DisplayedValueProduced", "cell-1", new JsonObject
        {
            ["valueId"] = "x",
            ["formattedValues"] = new JsonArray(new JsonObject { ["mimeType"] = "text/plain", ["value"] = "hidden", ["suppressDisplay"] = true }),
        });

        // Act
        outputs.Apply(hidden);

        // Assert
        Assert.Empty(outputs.Of(0));
    }

    [Theory]
    [InlineData("System.InvalidOperationException: 3 jobs lost\n   at Submission#2.<<Initialize>>d__0.MoveNext()", "System.InvalidOperationException", "3 jobs lost")]
    [InlineData("(1,9): error CS0029: Cannot implicitly convert type 'string' to 'int'", "Error", "(1,9): error CS0029: Cannot implicitly convert type 'string' to 'int'")]
    [InlineData("input.fsx (1,14)-(1,21) typecheck error This expression was expected to have type\r\n    'int'", "Error", "input.fsx (1,14)-(1,21) typecheck error This expression was expected to have type\n    'int'")]
    public void A_kernel_failure_keeps_an_exceptions_type_as_its_name_and_compiler_messages_whole(string message, string name, string value)
    {
        // Act
        var error = CellErrors.FromKernelMessage(message);

        // Assert
        Assert.Equal((name, value), (error.Name, error.Message));
        Assert.Equal(message.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'), error.Traceback);
    }

    [Fact]
    public void Commands_are_one_json_line_of_the_stdio_protocol()
    {
        // Act
        var line = KernelCommand.SubmitCode("1 + 1", "csharp", "cell-2").ToJsonLine();

        // Assert
        Assert.Equal("""{"commandType":"SubmitCode","command":{"code":"1 + 1","targetKernelName":"csharp"},"token":"cell-2"}""", line);
    }

    private static KernelEvent Stdout(string token, string text) => Envelope("StandardOutputValueProduced", token, new JsonObject
    {
        ["valueId"] = null,
        ["formattedValues"] = new JsonArray(new JsonObject { ["mimeType"] = "text/plain", ["value"] = text, ["suppressDisplay"] = false }),
    });

    private static KernelEvent Display(string type, string token, string? valueId, string text) => Envelope(type, token, new JsonObject
    {
        ["valueId"] = valueId,
        ["formattedValues"] = new JsonArray(
            new JsonObject { ["mimeType"] = "text/html", ["value"] = $"<b>{text}</b>", ["suppressDisplay"] = false },
            new JsonObject { ["mimeType"] = "text/plain", ["value"] = text, ["suppressDisplay"] = false }),
    });

    private static KernelEvent Envelope(string type, string token, JsonObject body) =>
        KernelEvent.Parse(new JsonObject
        {
            ["event"] = body,
            ["eventType"] = type,
            ["command"] = new JsonObject { ["token"] = token, ["commandType"] = "SubmitCode", ["command"] = new JsonObject { ["code"] = "…" } },
        }.ToJsonString())!;
}

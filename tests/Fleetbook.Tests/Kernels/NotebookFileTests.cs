using System.Text.Json.Nodes;
using Fleetbook.Notebooks.Ipynb;
using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Kernels;

public sealed class NotebookFileTests
{
    [Fact]
    public async Task A_malformed_notebook_exits_2_naming_the_file_and_where_the_json_breaks()
    {
        // Arrange
        using var folder = new TempFolder("nb-malformed");
        var path = folder.Write("broken.ipynb", "{\n \"cells\": [\n  {\"cell_type\": \"code\",, }\n ]\n}");

        // Act
        var outcome = await NotebookRunnerProcess.RunAsync("run", path);

        // Assert
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains($"cannot read {path}: not valid JSON at line 3, column 24", outcome.Error);
        Assert.False(File.Exists(folder.File("broken.executed.ipynb")));
    }

    [Theory]
    [InlineData("[1, 2]", "this file holds an array")]
    [InlineData("{\"cells\": []}", "it has no \"nbformat\" number")]
    [InlineData("{\"nbformat\": 3, \"worksheets\": []}", "nbformat 3 is not supported")]
    [InlineData("{\"nbformat\": 4, \"metadata\": {}}", "no \"cells\" array")]
    [InlineData("{\"nbformat\": 4, \"cells\": [{\"cell_type\": \"code\"}]}", "cells[0] has no \"source\"")]
    public void Json_that_is_not_an_nbformat_4_notebook_is_refused_with_the_reason(string json, string reason)
    {
        // Act
        var error = Assert.Throws<NotebookFormatException>(() => NotebookDocument.Parse(json, "x.ipynb"));

        // Assert
        Assert.Contains(reason, error.Problem);
        Assert.Equal("x.ipynb", error.Path);
    }

    [Fact]
    public async Task Bad_usage_exits_2_with_the_usage()
    {
        // Act
        var outcome = await NotebookRunnerProcess.RunAsync("run", "a.ipynb", "--timeout", "soon");

        // Assert
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("--timeout wants a number of seconds", outcome.Error);
        Assert.Contains("Usage: fleetbook-notebook run NOTEBOOK.ipynb", outcome.Error);
    }

    [Fact]
    public async Task A_missing_notebook_exits_2_naming_it()
    {
        // Act
        var outcome = await NotebookRunnerProcess.RunAsync("run", "/nowhere/walkthrough.ipynb");

        // Assert
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("cannot read /nowhere/walkthrough.ipynb: the file does not exist.", outcome.Error);
    }

    [Fact]
    public void The_cell_language_comes_from_the_magic_then_the_cell_metadata_then_the_notebook()
    {
        // Arrange
        var notebook = new JsonObject
        {
            ["nbformat"] = 4,
            ["metadata"] = new JsonObject { ["kernelspec"] = new JsonObject { ["name"] = ".net-fsharp", ["language"] = "F#" } },
            ["cells"] = new JsonArray(
                Code("let a = 1", null),
                Code("var b = 2;", new JsonObject { ["polyglot_notebook"] = new JsonObject { ["kernelName"] = "csharp" } }),
                Code("var c = 3;", new JsonObject { ["dotnet_interactive"] = new JsonObject { ["language"] = "csharp" } }),
                Code("#!fsharp\nlet d = 4", new JsonObject { ["polyglot_notebook"] = new JsonObject { ["kernelName"] = "csharp" } }),
                Code("#!time\n#!c#\nvar e = 5;", null),
                Code("#!pwsh\nGet-Date", null),
                Code("#!markdown\n# prose", null)),
        };

        // Act
        var document = NotebookDocument.Parse(notebook.ToJsonString(), "languages.ipynb");

        // Assert
        Assert.Equal(
            [CellLanguage.FSharp, CellLanguage.CSharp, CellLanguage.CSharp, CellLanguage.FSharp, CellLanguage.CSharp, CellLanguage.Unsupported, CellLanguage.Markdown],
            document.Cells.Select(c => c.Kernel!.Language));
        Assert.Equal("pwsh", document.Cells[5].Kernel!.Name);
    }

    [Theory]
    [InlineData("{\"polyglot_notebook\": {\"kernelInfo\": {\"defaultKernelName\": \"fsharp\"}}, \"kernelspec\": {\"name\": \".net-csharp\"}}", "fsharp")]
    [InlineData("{\"kernelspec\": {\"name\": \".net-csharp\"}}", "csharp")]
    [InlineData("{\"language_info\": {\"name\": \"F#\"}}", "fsharp")]
    [InlineData("{}", "csharp")]
    public void The_notebook_default_language_is_read_from_polyglot_then_jupyter_metadata(string metadata, string expected)
    {
        // Act
        var document = NotebookDocument.Parse($"{{\"nbformat\": 4, \"metadata\": {metadata}, \"cells\": []}}", "x.ipynb");

        // Assert
        Assert.Equal(expected, document.DefaultKernel.Name);
    }

    [Fact]
    public async Task The_input_is_left_alone_and_the_executed_copy_keeps_its_metadata_and_markdown()
    {
        // Arrange
        using var folder = new TempFolder("nb-copy");
        var json = TestNotebook.Build(".net-csharp", "C#", ["Console.Write(\"hi\");"], [TestNotebook.Markdown("# Walkthrough")]);
        var input = folder.Write("walkthrough.ipynb", json);

        // Act
        var outcome = await NotebookRunnerProcess.RunAsync("run", input);

        // Assert
        Assert.True(outcome.ExitCode == 0, outcome.All);
        Assert.Equal(json, File.ReadAllText(input));
        var executed = ExecutedNotebook.Load(folder.File("walkthrough.executed.ipynb"));
        Assert.Equal("hi", executed.Stdout(0));
        Assert.Equal("# Walkthrough", (string?)executed.Cell(1)["source"]);
        Assert.Equal(".net-csharp", (string?)JsonNode.Parse(File.ReadAllText(folder.File("walkthrough.executed.ipynb")))!["metadata"]!["kernelspec"]!["name"]);
        Assert.Contains("1 code cell(s) ran", outcome.Output);
    }

    [Fact]
    public async Task Output_may_overwrite_the_input_when_asked()
    {
        // Arrange
        using var folder = new TempFolder("nb-in-place");
        var input = folder.Write("in-place.ipynb", TestNotebook.CSharp("1 + 1"));

        // Act
        var outcome = await NotebookRunnerProcess.RunAsync("run", input, "--output", input);

        // Assert
        Assert.True(outcome.ExitCode == 0, outcome.All);
        Assert.Equal("2", ExecutedNotebook.Text(Assert.Single(ExecutedNotebook.Load(input).Outputs(0)), "text/plain"));
    }

    private static JsonObject Code(string source, JsonObject? metadata) => new()
    {
        ["cell_type"] = "code",
        ["metadata"] = metadata ?? [],
        ["source"] = source,
        ["outputs"] = new JsonArray(),
        ["execution_count"] = null,
    };
}

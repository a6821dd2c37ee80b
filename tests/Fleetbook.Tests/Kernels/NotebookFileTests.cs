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
        var outcome = await RunnerAsync("run", path);

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
        var outcome = await RunnerAsync("run", "a.ipynb", "--timeout", "soon");

        // Assert
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("--timeout wants a number of seconds", outcome.Error);
        Assert.Contains("Usage: fleetbook-notebook run NOTEBOOK.ipynb", outcome.Error);
    }

    [Fact]
    public async Task A_missing_notebook_exits_2_naming_it()
    {
        // Act
        var outcome = await RunnerAsync("run", "/nowhere/walkthrough.ipynb");

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
            [CellLanguage.FSharp, CellLanguage.CSharp, CellLanguage.CSharp, CellLanguage.FSharp, CellLanguage.CSharp, CellLanguage.Other, CellLanguage.Markdown],
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
    public async Task Without_a_kernel_it_exits_2_with_the_command_that_installs_one()
    {
        // Arrange: no dotnet-interactive on the PATH nor in the (empty) home's global tools folder.
        using var folder = new TempFolder("nb-no-kernel");
        var notebook = folder.Write("walkthrough.ipynb", TestNotebook.CSharp("1 + 1"));
        var environment = new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin", ["HOME"] = folder.Path, ["DOTNET_CLI_HOME"] = folder.Path };

        // Act
        var outcome = await ChildProcess.RunDotnetAsync([RealKernel.RunnerDll, "run", notebook], environment);

        // Assert
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("the .NET Interactive kernel (dotnet-interactive) is neither on the PATH nor in", outcome.Error);
        Assert.Contains("dotnet tool install -g Microsoft.dotnet-interactive --version 1.0.712001", outcome.Error);
        Assert.False(File.Exists(folder.File("walkthrough.executed.ipynb")));
    }

    [Fact]
    public async Task A_kernel_path_that_does_not_exist_exits_2_naming_it()
    {
        // Arrange
        using var folder = new TempFolder("nb-kernel-path");
        var notebook = folder.Write("walkthrough.ipynb", TestNotebook.CSharp("1 + 1"));

        // Act
        var outcome = await RunnerAsync("run", notebook, "--kernel", "/nowhere/dotnet-interactive");

        // Assert
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("--kernel /nowhere/dotnet-interactive: no such file.", outcome.Error);
    }

    private static Task<CliOutcome> RunnerAsync(params string[] args) => ChildProcess.RunDotnetAsync([RealKernel.RunnerDll, .. args], limit: TimeSpan.FromMinutes(1));

    private static JsonObject Code(string source, JsonObject? metadata) => new()
    {
        ["cell_type"] = "code",
        ["metadata"] = metadata ?? [],
        ["source"] = source,
        ["outputs"] = new JsonArray(),
        ["execution_count"] = null,
    };
}

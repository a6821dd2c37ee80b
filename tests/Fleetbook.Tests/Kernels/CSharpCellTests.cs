using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Kernels;

public sealed class CSharpCellTests
{
    [Fact]
    public async Task Cells_share_variables_and_the_last_expression_becomes_the_result()
    {
        // Arrange
        using var folder = new TempFolder("nb-state");
        var notebook = TestNotebook.CSharp(
            "var jobs = new List<string> { \"a\", \"b\" };",
            "jobs.Add(\"c\");\nConsole.WriteLine($\"{jobs.Count} jobs\");",
            "string.Join(\",\", jobs.Select(j => j.ToUpperInvariant()))");

        // Act
        var (outcome, executed) = await NotebookRunnerProcess.RunNotebookAsync(folder, notebook);

        // Assert
        Assert.True(outcome.ExitCode == 0, outcome.All);
        Assert.Equal([1, 2, 3], [executed!.ExecutionCount(0), executed.ExecutionCount(1), executed.ExecutionCount(2)]);
        Assert.Empty(executed.Outputs(0));
        Assert.Equal("3 jobs\n", executed.Stdout(1));
        var result = Assert.Single(executed.Outputs(2, "execute_result"));
        Assert.Equal("A,B,C", ExecutedNotebook.Text(result, "text/plain"));
    }

    [Fact]
    public async Task Top_level_await_runs_and_its_value_is_shown()
    {
        // Arrange
        using var folder = new TempFolder("nb-await");
        var notebook = TestNotebook.CSharp(
            "async Task<int> SlowAnswerAsync() { await Task.Delay(20); return 42; }",
            "var answer = await SlowAnswerAsync();\nawait Task.Yield();\nanswer");

        // Act
        var (outcome, executed) = await NotebookRunnerProcess.RunNotebookAsync(folder, notebook);

        // Assert
        Assert.True(outcome.ExitCode == 0, outcome.All);
        Assert.Equal("42", ExecutedNotebook.Text(Assert.Single(executed!.Outputs(1, "execute_result")), "text/plain"));
    }

    [Fact]
    public async Task A_failing_cell_exits_1_naming_the_cell_and_the_error_and_later_cells_do_not_run()
    {
        // Arrange
        using var folder = new TempFolder("nb-throw");
        var notebook = TestNotebook.CSharp(
            "var queue = \"JobsQueue\";",
            "var depth = 0;\nif (depth == 0) throw new InvalidOperationException($\"{queue} is empty\");",
            "Console.WriteLine(\"never\");");

        // Act
        var (outcome, executed) = await NotebookRunnerProcess.RunNotebookAsync(folder, notebook);

        // Assert
        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("cell 2 (C#) `var depth = 0;` failed", outcome.Error);
        Assert.Contains("System.InvalidOperationException: JobsQueue is empty (at line 2 of the cell)", outcome.Error);
        Assert.Contains("1 later code cell(s) did not run", outcome.Error);
        Assert.DoesNotContain("   at ", outcome.Error);
        var error = Assert.Single(executed!.Outputs(1, "error"));
        Assert.Equal("System.InvalidOperationException", (string?)error["ename"]);
        Assert.Null(executed.ExecutionCount(2));
        Assert.Empty(executed.Outputs(2));
    }

    [Fact]
    public async Task A_compile_error_exits_1_with_the_compiler_message_and_its_position_in_the_cell()
    {
        // Arrange
        using var folder = new TempFolder("nb-compile");
        var notebook = TestNotebook.CSharp("var total = 1;", "// add the rest\nvar sum = total + missingCount;");

        // Act
        var (outcome, executed) = await NotebookRunnerProcess.RunNotebookAsync(folder, notebook);

        // Assert
        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("cell 2 (C#) `// add the rest` failed", outcome.Error);
        Assert.Contains("(2,19): error CS0103: The name 'missingCount' does not exist in the current context", outcome.Error);
        Assert.Equal("CompilationError", (string?)Assert.Single(executed!.Outputs(1, "error"))["ename"]);
    }

    [Fact]
    public async Task Keep_going_runs_the_cells_after_a_failure_from_the_state_before_it()
    {
        // Arrange
        using var folder = new TempFolder("nb-keep-going");
        var notebook = TestNotebook.CSharp("var n = 1;", "n = 2;\nthrow new Exception(\"stop\");", "n");

        // Act
        var (outcome, executed) = await NotebookRunnerProcess.RunNotebookAsync(folder, notebook, "--keep-going");

        // Assert
        Assert.Equal(1, outcome.ExitCode);
        Assert.Equal("2", ExecutedNotebook.Text(Assert.Single(executed!.Outputs(2, "execute_result")), "text/plain"));
    }

    [Fact]
    public async Task A_cell_past_the_timeout_is_stopped_and_named()
    {
        // Arrange
        using var folder = new TempFolder("nb-timeout");
        var notebook = TestNotebook.CSharp("Console.WriteLine(\"spinning\");\nwhile (true) { Thread.Sleep(50); }", "Console.WriteLine(\"never\");");

        // Act
        var (outcome, executed) = await NotebookRunnerProcess.RunNotebookAsync(folder, notebook, "--timeout", "3", "--keep-going");

        // Assert
        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("cell 1 (C#)", outcome.Error);
        Assert.Contains("longer than 3 s", outcome.Error);
        Assert.Equal("spinning\n", executed!.Stdout(0));
        Assert.Null(executed.ExecutionCount(1));
        Assert.True(outcome.Elapsed < TimeSpan.FromSeconds(30), $"took {outcome.Elapsed}");
    }
}

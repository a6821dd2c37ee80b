using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Kernels;

public sealed class FSharpCellTests(FSharpNotebookFixture run) : IClassFixture<FSharpNotebookFixture>
{
    [Fact]
    public void Nuget_Fleetbook_in_fsharp_references_the_local_dll_and_its_api_runs()
    {
        // Assert
        Assert.Equal("parsed FromFSharp\n", run.Executed.Stdout(0));
        Assert.Equal(1, run.Executed.ExecutionCount(0));
    }

    [Fact]
    public void Fsharp_cells_share_state_and_the_last_expression_is_the_result()
    {
        // Assert
        var result = Assert.Single(run.Executed.Outputs(1, "execute_result"));
        Assert.Equal("FromFSharpQueue", ExecutedNotebook.Text(result, "text/plain"));
        Assert.Equal("[2; 4; 6]", ExecutedNotebook.Text(Assert.Single(run.Executed.Outputs(6, "execute_result")), "text/plain"));
        Assert.Equal("still FromFSharpQueue\n", run.Executed.Stdout(6));
    }

    [Fact]
    public void A_live_display_from_fsharp_keeps_its_last_value()
    {
        // Assert
        var live = Assert.Single(run.Executed.Outputs(2));
        Assert.Equal("display_data", (string?)live["output_type"]);
        Assert.Equal("30", ExecutedNotebook.Text(live, "text/plain"));
    }

    [Fact]
    public void A_csharp_cell_in_an_fsharp_notebook_runs_as_csharp()
    {
        // Assert
        Assert.Equal("42", ExecutedNotebook.Text(Assert.Single(run.Executed.Outputs(3, "execute_result")), "text/plain"));
    }

    [Fact]
    public void A_failing_fsharp_cell_is_named_with_its_exception_and_the_line()
    {
        // Assert
        Assert.Equal(1, run.Outcome.ExitCode);
        Assert.Contains("cell 5 (F#) `let check () = invalidOp \"the queue is empty\"` failed:", run.Outcome.Error);
        Assert.Contains("System.InvalidOperationException: the queue is empty (at line 2 of the cell)", run.Outcome.Error);
        var error = Assert.Single(run.Executed.Outputs(4, "error"));
        Assert.Equal("System.InvalidOperationException", (string?)error["ename"]);
    }

    [Fact]
    public void An_fsharp_compile_error_is_named_with_the_compiler_message_and_position()
    {
        // Assert
        Assert.Contains("cell 6 (F#) `let depth = queue.Length + undefinedDepth` failed:", run.Outcome.Error);
        Assert.Contains("CompilationError: (1,28): error FS0039: The value or constructor 'undefinedDepth' is not defined.", run.Outcome.Error);
        Assert.Contains("2 of 7 code cell(s) failed", run.Outcome.Error);
    }

    [Fact]
    public async Task An_fsharp_cell_past_the_timeout_stops_fsi_and_the_run()
    {
        // Arrange
        using var folder = new TempFolder("nb-fsharp-timeout");
        var notebook = TestNotebook.FSharp("printfn \"spinning\"\nwhile true do System.Threading.Thread.Sleep 50", "printfn \"never\"");

        // Act
        var (outcome, executed) = await NotebookRunnerProcess.RunNotebookAsync(folder, notebook, "--timeout", "3", "--keep-going");

        // Assert
        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("cell 1 (F#)", outcome.Error);
        Assert.Contains("longer than 3 s", outcome.Error);
        Assert.Equal("spinning\n", executed!.Stdout(0));
        Assert.Null(executed.ExecutionCount(1));
    }
}

using System.Diagnostics;
using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Kernels;

/// <summary>fleetbook-notebook driving the real kernel over stdio: what it writes, how it fails, and that it stops its kernel.</summary>
public sealed class FleetbookNotebookTests
{
    [RealKernelFact]
    public async Task A_failing_cell_exits_1_naming_the_notebook_the_cell_and_the_error_and_the_cells_after_it_do_not_run()
    {
        // Arrange
        using var folder = new TempFolder("nb-fail");
        var notebook = folder.Write("walkthrough.ipynb", TestNotebook.CSharp(
            "Console.WriteLine(\"before\");",
            "var jobs = 3;\nthrow new InvalidOperationException($\"{jobs} jobs lost\");",
            "Console.WriteLine(\"after\");"));

        // Act
        using var run = await RealKernel.RunStdioAsync(notebook);

        // Assert
        Assert.Equal(1, run.Outcome.ExitCode);
        Assert.Contains($"fleetbook-notebook: {notebook}: cell 2 (C#) `var jobs = 3;` failed:\n  System.InvalidOperationException: 3 jobs lost\n", run.Outcome.Error);
        Assert.Contains("1 of 2 code cell(s) failed; 1 later code cell(s) did not run", run.Outcome.Error);
        var executed = run.Executed!;
        Assert.Equal("before\n", executed.Stdout(0));
        var error = Assert.Single(executed.Outputs(1, "error"));
        Assert.Equal("System.InvalidOperationException", (string?)error["ename"]);
        Assert.Equal("3 jobs lost", (string?)error["evalue"]);
        Assert.Empty(executed.Outputs(2));
        Assert.Null(executed.ExecutionCount(2));
        Assert.Empty(run.LeftBehind);
    }

    [RealKernelFact]
    public async Task Keep_going_runs_every_cell_and_names_each_failure_with_the_compilers_line_and_column()
    {
        // Arrange
        using var folder = new TempFolder("nb-keep-going");
        var notebook = folder.Write("mixed.ipynb", TestNotebook.CSharp(
            "var a = 1;",
            "int b = \"two\";",
            "#!fsharp\nlet c: int = \"three\"",
            "Console.WriteLine(a);"));

        // Act
        using var run = await RealKernel.RunStdioAsync(notebook, ["--keep-going"]);

        // Assert
        Assert.Equal(1, run.Outcome.ExitCode);
        Assert.Contains("cell 2 (C#) `int b = \"two\";` failed:\n  (1,9): error CS0029: Cannot implicitly convert type 'string' to 'int'", run.Outcome.Error);
        Assert.Contains("cell 3 (F#) `let c: int = \"three\"` failed:\n  input.fsx (1,14)", run.Outcome.Error);
        Assert.Contains("2 of 4 code cell(s) failed;", run.Outcome.Error);
        Assert.Equal("1\n", run.Executed!.Stdout(3));
        Assert.Equal(4, run.Executed.ExecutionCount(3));
    }

    [RealKernelFact]
    public async Task A_cell_past_its_timeout_is_cancelled_the_run_stops_and_no_process_is_left()
    {
        // Arrange
        using var folder = new TempFolder("nb-timeout");
        var notebook = folder.Write("stuck.ipynb", TestNotebook.CSharp(
            "Console.WriteLine(\"started\");",
            "Console.WriteLine(\"waiting\");\nwhile (true) { System.Threading.Thread.Sleep(100); }",
            "Console.WriteLine(\"never\");"));

        // Act: --keep-going does not go on past a timeout; the kernel is still busy with the cell.
        using var run = await RealKernel.RunStdioAsync(notebook, ["--timeout", "3", "--keep-going"]);

        // Assert
        Assert.Equal(1, run.Outcome.ExitCode);
        Assert.Contains("cell 2 (C#) `Console.WriteLine(\"waiting\");` failed:\n  TimeoutError: the cell ran longer than 3 s (--timeout)", run.Outcome.Error);
        var executed = run.Executed!;
        Assert.Equal("waiting\n", executed.Stdout(1));
        Assert.Equal("TimeoutError", (string?)Assert.Single(executed.Outputs(1, "error"))["ename"]);
        Assert.Null(executed.ExecutionCount(2));
        Assert.Empty(run.LeftBehind);
        Assert.True(run.Elapsed < TimeSpan.FromMinutes(1), $"took {run.Elapsed}");
    }

    [RealKernelFact]
    public async Task Interrupting_the_runner_stops_the_kernel_writes_what_ran_and_leaves_no_process()
    {
        // Arrange
        using var folder = new TempFolder("nb-interrupt");
        var notebook = folder.Write("long.ipynb", TestNotebook.CSharp(
            "Console.WriteLine(\"waiting\");\nawait Task.Delay(TimeSpan.FromMinutes(5));",
            "Console.WriteLine(\"never\");"));
        var events = folder.File("events.jsonl");
        var marks = new MarkedProcesses();
        var start = new ProcessStartInfo(ChildProcess.DotnetHost()) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { RealKernel.RunnerDll, "run", notebook, "--events", events, "--kernel", KernelTools.Interactive! })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment[marks.Environment.Key] = marks.Environment.Value;
        using var runner = Process.Start(start)!;
        var error = runner.StandardError.ReadToEndAsync();
        var output = runner.StandardOutput.ReadToEndAsync();
        try
        {
            // The cell printed (its code, with the same word, is in every event's command).
            await WaitForAsync(() => File.Exists(events) && File.ReadAllText(events).Contains("\"value\":\"waiting", StringComparison.Ordinal), TimeSpan.FromMinutes(2));

            // Act: Ctrl+C.
            using (var kill = Process.Start("kill", ["-INT", runner.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await runner.WaitForExitAsync(limit.Token);
        }
        finally
        {
            if (!runner.HasExited)
            {
                runner.Kill(entireProcessTree: true);
            }
        }

        var left = await marks.EndAsync(TimeSpan.FromSeconds(2));

        // Assert
        Assert.True(runner.ExitCode == 130, $"exit {runner.ExitCode}\n{await output}{await error}");
        Assert.Contains("cell 1 (C#) `Console.WriteLine(\"waiting\");` failed:\n  Interrupted: the run was interrupted", await error);
        var executed = ExecutedNotebook.Load(folder.File("long.executed.ipynb"));
        Assert.Equal("waiting\n", executed.Stdout(0));
        Assert.Empty(left);
    }

    [RealKernelFact]
    public async Task Cells_run_in_the_notebooks_folder_in_csharp_and_fsharp_when_it_is_given_by_a_relative_path()
    {
        // Arrange
        using var folder = new TempFolder("nb-relative");
        folder.Write("sub/marker.txt", "found");
        folder.Write("sub/nb.ipynb", TestNotebook.CSharp("System.IO.File.ReadAllText(\"marker.txt\")", "#!fsharp\nSystem.IO.File.ReadAllText \"marker.txt\""));

        // Act
        using var run = await RealKernel.RunStdioAsync(Path.Combine("sub", "nb.ipynb"), workingDirectory: folder.Path);

        // Assert
        Assert.True(run.Succeeded, run.Failure);
        var executed = ExecutedNotebook.Load(run.ExecutedPath);
        Assert.Equal("found", ExecutedNotebook.Text(Assert.Single(executed.Outputs(0, "execute_result")), "text/plain"));
        Assert.Equal("found", ExecutedNotebook.Text(Assert.Single(executed.Outputs(1, "execute_result")), "text/plain"));
    }

    [RealKernelFact]
    public async Task Displays_become_outputs_as_vs_code_shows_them_and_an_update_replaces_the_output_with_its_id()
    {
        // Arrange: a display updated under its own id (what a live view does), and the kernel's display(...).Update(...),
        // which publishes the update under another id, so a front end shows it as a second output.
        using var folder = new TempFolder("nb-displays");
        var notebook = folder.Write("displays.ipynb", TestNotebook.CSharp(
            """
            using Microsoft.DotNet.Interactive;
            using Microsoft.DotNet.Interactive.Events;
            using Microsoft.DotNet.Interactive.Formatting;
            var context = KernelInvocationContext.Current;
            context.Publish(new DisplayedValueProduced("start", context.Command, FormattedValue.CreateManyFromObject("start"), "live-view"));
            Console.WriteLine("working");
            Console.Error.WriteLine("careful");
            context.Publish(new DisplayedValueUpdated("end", "live-view", context.Command, FormattedValue.CreateManyFromObject("end")));
            "result"
            """,
            "var shown = display(\"first\");\nshown.Update(\"second\");"));

        // Act
        using var run = await RealKernel.RunStdioAsync(notebook);

        // Assert
        Assert.True(run.Succeeded, run.Failure);
        var live = run.Executed!.Outputs(0);
        Assert.Equal(["display_data", "stream", "stream", "execute_result"], live.Select(o => (string?)o["output_type"]));
        Assert.Equal("end", ExecutedNotebook.Text(live[0], "text/plain"));
        Assert.Equal("live-view", (string?)live[0]["metadata"]?["transient"]?["display_id"]);
        Assert.Equal(("stdout", "working\n"), ((string?)live[1]["name"], ExecutedNotebook.Join(live[1]["text"])));
        Assert.Equal(("stderr", "careful\n"), ((string?)live[2]["name"], ExecutedNotebook.Join(live[2]["text"])));
        Assert.Equal("result", ExecutedNotebook.Text(live[3], "text/plain"));
        Assert.Equal(1, (int?)live[3]["execution_count"]);
        Assert.Equal(["first", "second"], run.Executed.Outputs(1).Select(o => ExecutedNotebook.Text(o, "text/plain")));
    }

    [RealKernelFact]
    public async Task The_input_is_left_alone_and_the_executed_copy_keeps_its_metadata_and_markdown()
    {
        // Arrange
        using var folder = new TempFolder("nb-copy");
        var json = TestNotebook.Build(".net-csharp", "C#", ["Console.Write(\"hi\");"], [TestNotebook.Markdown("# Walkthrough")]);
        var input = folder.Write("walkthrough.ipynb", json);

        // Act: by default the executed notebook goes beside the input.
        var outcome = await ChildProcess.RunDotnetAsync([RealKernel.RunnerDll, "run", input, "--kernel", KernelTools.Interactive!], RealKernel.Quiet, limit: TimeSpan.FromMinutes(3));

        // Assert
        Assert.True(outcome.ExitCode == 0, outcome.All);
        Assert.Equal(json, File.ReadAllText(input));
        var executed = ExecutedNotebook.Load(folder.File("walkthrough.executed.ipynb"));
        Assert.Equal("hi", executed.Stdout(0));
        Assert.Equal("# Walkthrough", executed.Source(1));
        Assert.Equal(".net-csharp", (string?)executed.Root["metadata"]!["kernelspec"]!["name"]);
        Assert.Contains("1 code cell(s) ran", outcome.Output);
    }

    [RealKernelFact]
    public async Task Output_may_overwrite_the_input_when_asked()
    {
        // Arrange
        using var folder = new TempFolder("nb-in-place");
        var input = folder.Write("in-place.ipynb", TestNotebook.CSharp("1 + 1"));

        // Act
        var outcome = await ChildProcess.RunDotnetAsync([RealKernel.RunnerDll, "run", input, "--output", input], RealKernel.Quiet, limit: TimeSpan.FromMinutes(3));

        // Assert
        Assert.True(outcome.ExitCode == 0, outcome.All);
        var result = Assert.Single(ExecutedNotebook.Load(input).Outputs(0));
        Assert.Contains("2", ExecutedNotebook.Text(result, "text/html"));
    }

    private static async Task WaitForAsync(Func<bool> condition, TimeSpan limit)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(watch.Elapsed < limit, $"not seen within {limit}");
            await Task.Delay(100);
        }
    }
}

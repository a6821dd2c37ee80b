using System.Diagnostics;
using System.Globalization;
using System.Text;
using Fleetbook.Notebooks.Execution;
using Fleetbook.Notebooks.Html;
using Fleetbook.Notebooks.Ipynb;
using Fleetbook.Notebooks.Kernel;

namespace Fleetbook.Notebooks.Cli;

/// <summary>fleetbook-notebook: parses the command line, runs the notebook in the kernel, writes the results, picks the exit code.</summary>
internal static class RunnerApp
{
    public const int Success = 0;
    public const int CellFailed = 1;
    public const int BadInput = 2;
    public const int Interrupted = 130;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken interrupt)
    {
        if (args is ["--help" or "-h" or "help"] || args is ["run", "--help" or "-h"])
        {
            await stdout.WriteLineAsync(RunOptions.Usage);
            return Success;
        }

        var options = RunOptions.Parse(args, out var usageError);
        if (usageError is not null)
        {
            await stderr.WriteLineAsync($"fleetbook-notebook: {usageError}\n\n{RunOptions.Usage}");
            return BadInput;
        }

        NotebookDocument notebook;
        try
        {
            notebook = NotebookDocument.Load(options.Notebook);
            notebook = notebook with { Path = Path.GetFullPath(notebook.Path) };
        }
        catch (NotebookFormatException e)
        {
            await stderr.WriteLineAsync($"fleetbook-notebook: cannot read {e.Path}: {e.Problem}");
            return BadInput;
        }

        if (KernelLocator.Find(options.Kernel, out var kernelProblem) is not { } kernelCommand)
        {
            await stderr.WriteLineAsync($"fleetbook-notebook: {kernelProblem}");
            return BadInput;
        }

        var outcome = await ExecuteAsync(notebook, options, kernelCommand, stderr, interrupt);
        if (outcome.Problem is not null)
        {
            await stderr.WriteLineAsync($"fleetbook-notebook: {notebook.Path}: {outcome.Problem}");
            return BadInput;
        }

        var result = outcome.Result!;
        var outputPath = options.OutputPath;
        await File.WriteAllTextAsync(outputPath, NotebookWriter.ToJson(notebook, result.Runs));
        if (options.Html is { } htmlPath)
        {
            await File.WriteAllTextAsync(htmlPath, HtmlExporter.Export(notebook, result.Runs, PlotlyJs.From(options.PlotlyJs)));
        }

        await Report(notebook, result, outputPath, stdout, stderr);
        return result.Interrupted ? Interrupted : result.Succeeded ? Success : CellFailed;
    }

    /// <summary>The run's result, or the problem that kept the notebook from running at all.</summary>
    private sealed record Outcome(NotebookResult? Result, string? Problem);

    private static async Task<Outcome> ExecuteAsync(NotebookDocument notebook, RunOptions options, string kernelCommand, TextWriter stderr, CancellationToken interrupt)
    {
        Action<string>? progress = options.Verbose ? line => stderr.WriteLine("  " + line) : null;
        if (!notebook.Cells.Any(c => c.Runs))
        {
            return new Outcome(new NotebookResult(new Dictionary<int, CellRun>(), [], false, false, TimeSpan.Zero), null);
        }

        // Flushed line by line, so the stream can be followed while the notebook runs.
        await using var events = options.Events is { } eventsPath ? new StreamWriter(eventsPath, append: false, new UTF8Encoding(false)) { AutoFlush = true } : null;
        var folder = Path.GetDirectoryName(notebook.Path)!;
        var watch = Stopwatch.StartNew();
        StdioKernel kernel;
        try
        {
            kernel = await StdioKernel.StartAsync(kernelCommand, notebook.DefaultKernel.Name, folder, events, interrupt);
        }
        catch (KernelStartException e)
        {
            return new Outcome(null, $"the kernel ({kernelCommand}) did not start: {e.Message}");
        }
        catch (OperationCanceledException)
        {
            return new Outcome(null, "interrupted while the kernel started.");
        }

        await using (kernel)
        {
            progress?.Invoke(string.Create(CultureInfo.InvariantCulture, $"kernel ready in {watch.Elapsed.TotalSeconds:0.00} s ({kernelCommand})"));
            var executor = new NotebookExecutor(kernel, new RunSettings(options.CellTimeout, options.KeepGoing), progress);
            if (options.NuGetSources is { Count: > 0 } sources)
            {
                try
                {
                    if (await executor.AddPackageSourcesAsync(notebook, sources, interrupt) is { } problem)
                    {
                        return new Outcome(null, $"--nuget-source: {problem}");
                    }
                }
                catch (OperationCanceledException)
                {
                    return new Outcome(null, "--nuget-source: the kernel did not add the package source in time, or the run was interrupted.");
                }
            }

            return new Outcome(await executor.RunAsync(notebook, interrupt), null);
        }
    }

    private static async Task Report(NotebookDocument notebook, NotebookResult result, string outputPath, TextWriter stdout, TextWriter stderr)
    {
        var ran = result.Runs.Count;
        var time = result.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
        if (result.Succeeded)
        {
            await stdout.WriteLineAsync($"fleetbook-notebook: {notebook.Path}: {ran} code cell(s) ran in {time} s; executed notebook: {outputPath}");
            return;
        }

        foreach (var failure in result.Failures)
        {
            var cell = failure.Cell;
            var firstLine = cell.FirstLine.Length > 0 ? $" `{cell.FirstLine}`" : "";
            await stderr.WriteLineAsync($"fleetbook-notebook: {notebook.Path}: cell {cell.Number} ({cell.Kernel!.DisplayName}){firstLine} failed:");
            await stderr.WriteLineAsync(string.Join("\n", failure.Error.Summary.Split('\n').Select(l => "  " + l)));
        }

        var last = result.Failures[^1].Cell;
        var skipped = notebook.Cells.Count(c => c.Runs && c.Index > last.Index && !result.Runs.ContainsKey(c.Index));
        var rest = skipped > 0 ? $"; {skipped} later code cell(s) did not run" : "";
        await stderr.WriteLineAsync($"fleetbook-notebook: {result.Failures.Count} of {ran} code cell(s) failed{rest}; executed notebook: {outputPath}");
    }
}

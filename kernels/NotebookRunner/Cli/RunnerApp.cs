using System.Globalization;
using Fleetbook.Notebooks.Execution;
using Fleetbook.Notebooks.Html;
using Fleetbook.Notebooks.Ipynb;

namespace Fleetbook.Notebooks.Cli;

/// <summary>fleetbook-notebook: parses the command line, runs the notebook, writes the results, picks the exit code.</summary>
internal static class RunnerApp
{
    public const int Success = 0;
    public const int CellFailed = 1;
    public const int BadInput = 2;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
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
            // Cells run in the notebook's folder; a relative path would then point below it.
            notebook = notebook with { Path = Path.GetFullPath(notebook.Path) };
        }
        catch (NotebookFormatException e)
        {
            await stderr.WriteLineAsync($"fleetbook-notebook: cannot read {e.Path}: {e.Problem}");
            return BadInput;
        }

        var result = await ExecuteAsync(notebook, options, stderr);
        var outputPath = options.OutputPath;
        await File.WriteAllTextAsync(outputPath, NotebookWriter.ToJson(notebook, result.Runs));
        if (options.Html is { } htmlPath)
        {
            await File.WriteAllTextAsync(htmlPath, HtmlExporter.Export(notebook, result.Runs, PlotlyJs.From(options.PlotlyJs)));
        }

        await Report(notebook, result, outputPath, stdout, stderr);
        return result.Succeeded ? Success : CellFailed;
    }

    private static async Task<NotebookResult> ExecuteAsync(NotebookDocument notebook, RunOptions options, TextWriter stderr)
    {
        var log = new OutputLog();
        var settings = new RunSettings(new LocalPackages(FleetbookLibrary.Locate(options.Fleetbook)), options.CellTimeout, options.KeepGoing);
        var executor = new NotebookExecutor(settings, log, options.Verbose ? line => stderr.WriteLine("  " + line) : null);

        // C# cells run in this process: their console output and displays belong to the notebook while they run,
        // and relative paths in cells start from the notebook's folder, as under Jupyter.
        var (originalOut, originalError, originalDirectory, originalSink) = (Console.Out, Console.Error, Environment.CurrentDirectory, Displays.Sink);
        Console.SetOut(new OutputLogWriter(log, StreamOutput.Stdout));
        Console.SetError(new OutputLogWriter(log, StreamOutput.Stderr));
        Displays.Sink = log;
        Environment.CurrentDirectory = Path.GetDirectoryName(Path.GetFullPath(notebook.Path))!;
        try
        {
            return await executor.RunAsync(notebook);
        }
        finally
        {
            Console.SetOut(originalOut);
            Console.SetError(originalError);
            Displays.Sink = originalSink;
            Environment.CurrentDirectory = originalDirectory;
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
        var skipped = notebook.Cells.Count(c => c.IsCode && c.Kernel is not { Language: CellLanguage.Markdown } && c.Index > last.Index && !result.Runs.ContainsKey(c.Index));
        var rest = skipped > 0 ? $"; {skipped} later code cell(s) did not run" : "";
        await stderr.WriteLineAsync($"fleetbook-notebook: {result.Failures.Count} of {ran} code cell(s) failed{rest}; executed notebook: {outputPath}");
    }
}

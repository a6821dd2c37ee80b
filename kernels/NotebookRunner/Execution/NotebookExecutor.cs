using System.Diagnostics;
using System.Globalization;
using Fleetbook.Notebooks.CSharp;
using Fleetbook.Notebooks.Display;
using Fleetbook.Notebooks.FSharp;
using Fleetbook.Notebooks.Ipynb;

namespace Fleetbook.Notebooks.Execution;

internal sealed record RunSettings(LocalPackages Packages, TimeSpan? CellTimeout = null, bool KeepGoing = false);

internal sealed record CellFailure(NotebookCell Cell, CellError Error);

/// <summary>What a run did: each executed cell's outputs, the failures, and whether a timeout cut the run short.</summary>
internal sealed record NotebookResult(IReadOnlyDictionary<int, CellRun> Runs, IReadOnlyList<CellFailure> Failures, bool TimedOut, TimeSpan Elapsed)
{
    public bool Succeeded => Failures.Count == 0;
}

/// <summary>Runs a notebook's code cells in order: C# in this process, F# in one dotnet fsi, HTML cells shown as they are.</summary>
internal sealed class NotebookExecutor(RunSettings settings, OutputLog log, Action<string>? progress = null)
{
    public const string TimeoutError = "TimeoutError";

    /// <summary>How long a language may take to get ready (dotnet fsi's start), apart from any cell's timeout.</summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);

    private readonly Dictionary<CellLanguage, ICellKernel> _kernels = [];

    public async Task<NotebookResult> RunAsync(NotebookDocument notebook)
    {
        var workingDirectory = Path.GetDirectoryName(Path.GetFullPath(notebook.Path))!;
        var runs = new Dictionary<int, (int Count, CellError? Error, TimeSpan Elapsed)>();
        var failures = new List<CellFailure>();
        var timedOut = false;
        var total = Stopwatch.StartNew();
        try
        {
            var count = 0;
            foreach (var cell in notebook.Cells.Where(c => c.IsCode && c.Kernel is not { Language: CellLanguage.Markdown }))
            {
                log.BeginCell(cell.Index, ++count);
                var watch = Stopwatch.StartNew();
                var error = await RunCellAsync(cell, workingDirectory, watch);
                runs[cell.Index] = (count, error, watch.Elapsed);
                progress?.Invoke(string.Create(CultureInfo.InvariantCulture, $"cell {cell.Number} ({cell.Kernel!.DisplayName}) {(error is null ? "ok" : "FAILED")} in {watch.Elapsed.TotalSeconds:0.00} s"));
                if (error is null)
                {
                    continue;
                }

                log.Add(new ErrorOutput(error));
                failures.Add(new CellFailure(cell, error));
                timedOut = error.Name == TimeoutError;
                if (timedOut || !settings.KeepGoing)
                {
                    break;
                }
            }
        }
        finally
        {
            foreach (var kernel in _kernels.Values)
            {
                await kernel.DisposeAsync();
            }
        }

        // Outputs are read last: a live display may have been updated after its cell finished.
        var results = runs.ToDictionary(r => r.Key, r => new CellRun(r.Value.Count, log.OutputsOf(r.Key), r.Value.Error, r.Value.Elapsed));
        return new NotebookResult(results, failures, timedOut, total.Elapsed);
    }

    /// <param name="watch">The cell's clock; restarted once its language is ready, so a start-up is not charged to the cell.</param>
    private async Task<CellError?> RunCellAsync(NotebookCell cell, string workingDirectory, Stopwatch watch)
    {
        var kernel = cell.Kernel!;
        switch (kernel.Language)
        {
            case CellLanguage.Html:
                var html = string.Join("\n", cell.Source.Split('\n').Where(l => !l.TrimStart().StartsWith("#!", StringComparison.Ordinal)));
                log.Publish(new DisplayMessage(DisplayKind.Display, Guid.NewGuid().ToString("N"), new MimeBundle([new(MimeTypes.Html, html)])));
                return null;
            case CellLanguage.Unsupported:
                var unsupported = $"the '{kernel.Name}' kernel is not available: fleetbook-notebook runs C#, F#, HTML and markdown cells.";
                return new CellError("UnsupportedKernel", unsupported, [unsupported]);
        }

        var code = CellSource.Prepare(cell.Source, kernel.Language, settings.Packages);
        if (!code.CanRun)
        {
            return new CellError("UnsupportedDirective", string.Join("\n", code.Problems), code.Problems);
        }

        var (runner, startError) = await KernelFor(kernel, workingDirectory);
        if (runner is null)
        {
            return startError;
        }

        watch.Restart();
        using var timeout = settings.CellTimeout is { } limit ? new CancellationTokenSource(limit) : new CancellationTokenSource();
        try
        {
            return await runner.RunAsync(cell, code, timeout.Token).WaitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            var message = string.Create(CultureInfo.InvariantCulture, $"the cell ran longer than {settings.CellTimeout!.Value.TotalSeconds:0.#} s (--timeout), so the run stops here.");
            return new CellError(TimeoutError, message, [message]);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A fault of the runner's own while running a cell still ends as that cell's error, with the notebook written.
            return new CellError(e.GetType().FullName ?? e.GetType().Name, e.Message, e.ToString().Split('\n'));
        }
    }

    private async Task<(ICellKernel? Kernel, CellError? Error)> KernelFor(CellKernel kernel, string workingDirectory)
    {
        if (_kernels.TryGetValue(kernel.Language, out var existing))
        {
            return (existing, null);
        }

        ICellKernel created = kernel.Language == CellLanguage.FSharp ? new FSharpKernel(workingDirectory, log) : new CSharpKernel(workingDirectory);
        _kernels[kernel.Language] = created;
        using var limit = new CancellationTokenSource(StartTimeout);
        var watch = Stopwatch.StartNew();
        try
        {
            if (await created.StartAsync(limit.Token).WaitAsync(limit.Token) is { } error)
            {
                return (null, error);
            }
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested)
        {
            var message = $"the {kernel.DisplayName} session was not ready after {StartTimeout.TotalMinutes:0} minutes.";
            return (null, new CellError(TimeoutError, message, [message]));
        }

        progress?.Invoke(string.Create(CultureInfo.InvariantCulture, $"{kernel.DisplayName} ready in {watch.Elapsed.TotalSeconds:0.00} s"));
        return (created, null);
    }
}

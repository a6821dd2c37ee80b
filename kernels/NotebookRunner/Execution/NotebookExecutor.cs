using System.Diagnostics;
using System.Globalization;
using Fleetbook.Notebooks.Ipynb;
using Fleetbook.Notebooks.Kernel;
using Fleetbook.Notebooks.Protocol;

namespace Fleetbook.Notebooks.Execution;

/// <summary>Runs a notebook's code cells in order in one kernel, each as a SubmitCode command to the cell's own kernel.</summary>
internal sealed class NotebookExecutor(IKernelConnection kernel, RunSettings settings, Action<string>? progress = null)
{
    /// <summary>How long a timed-out cell may take to answer the Cancel command before the run moves on without it.</summary>
    private static readonly TimeSpan CancelGrace = TimeSpan.FromSeconds(10);

    /// <summary>How long a package source may take to be added.</summary>
    private static readonly TimeSpan SourceLimit = TimeSpan.FromMinutes(2);

    private readonly CellOutputs _outputs = new();

    /// <summary>
    /// Submits <c>#i "nuget:SOURCE"</c> to each kernel of the notebook that restores packages, before any cell, so a
    /// cell's <c>#r "nuget: …"</c> finds packages there; nothing of it enters the notebook. The problem, or null.
    /// </summary>
    public async Task<string?> AddPackageSourcesAsync(NotebookDocument notebook, IReadOnlyList<string> sources, CancellationToken cancellationToken)
    {
        var kernels = notebook.Cells.Where(c => c.Runs && c.Kernel!.RestoresPackages).Select(c => c.Kernel!.Name).Distinct().ToList();
        foreach (var (source, i) in sources.Select((s, i) => (s, i)))
        {
            foreach (var name in kernels)
            {
                var token = $"nuget-source-{i + 1}-{name}";
                await kernel.SendAsync(KernelCommand.SubmitCode($"#i \"nuget:{source}\"", name, token), cancellationToken);
                using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                limit.CancelAfter(SourceLimit);
                var end = await NextCompletionAsync(token, limit.Token);
                if (end is null)
                {
                    return await kernel.DescribeExitAsync();
                }

                if (end.Type == EventTypes.CommandFailed)
                {
                    return $"#i \"nuget:{source}\" failed in the {name} kernel: {CellErrors.FromKernelMessage(end.Message).Summary}";
                }
            }
        }

        return null;
    }

    public async Task<NotebookResult> RunAsync(NotebookDocument notebook, CancellationToken interrupt)
    {
        var runs = new Dictionary<int, (int Count, CellError? Error, TimeSpan Elapsed)>();
        var failures = new List<CellFailure>();
        var total = Stopwatch.StartNew();
        var count = 0;
        foreach (var cell in notebook.Cells.Where(c => c.Runs))
        {
            var token = $"cell-{cell.Number}";
            _outputs.Begin(cell.Index, token, ++count);
            var watch = Stopwatch.StartNew();
            var error = await RunCellAsync(cell, token, interrupt);
            runs[cell.Index] = (count, error, watch.Elapsed);
            progress?.Invoke(string.Create(CultureInfo.InvariantCulture, $"cell {cell.Number} ({cell.Kernel!.DisplayName}) {(error is null ? "ok" : "FAILED")} in {watch.Elapsed.TotalSeconds:0.00} s"));
            if (error is null)
            {
                continue;
            }

            _outputs.Add(cell.Index, new ErrorOutput(error));
            failures.Add(new CellFailure(cell, error));
            if (CellErrors.EndsTheRun(error) || !settings.KeepGoing)
            {
                break;
            }
        }

        // A display may still be updated after its cell ended; take what has arrived.
        while (kernel.Events.TryRead(out var late))
        {
            _outputs.Apply(late);
        }

        var results = runs.ToDictionary(r => r.Key, r => new CellRun(r.Value.Count, _outputs.Of(r.Key), r.Value.Error, r.Value.Elapsed));
        return new NotebookResult(results, failures, failures.Any(f => f.Error.Name == CellErrors.Timeout), failures.Any(f => f.Error.Name == CellErrors.Interrupted), total.Elapsed);
    }

    private async Task<CellError?> RunCellAsync(NotebookCell cell, string token, CancellationToken interrupt)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(interrupt);
        if (settings.CellTimeout is { } timeout)
        {
            limit.CancelAfter(timeout);
        }

        try
        {
            await kernel.SendAsync(KernelCommand.SubmitCode(cell.Source, cell.Kernel!.Name, token), limit.Token);
            var end = await NextCompletionAsync(token, limit.Token);
            return end switch
            {
                null => CellErrors.KernelGone(await kernel.DescribeExitAsync()),
                { Type: EventTypes.CommandFailed } => CellErrors.FromKernelMessage(end.Message),
                _ => null,
            };
        }
        catch (OperationCanceledException) when (interrupt.IsCancellationRequested)
        {
            return CellErrors.Stopped();
        }
        catch (OperationCanceledException)
        {
            await CancelAsync(cell, token);
            return CellErrors.TimedOut(settings.CellTimeout!.Value);
        }
    }

    /// <summary>Asks the kernel to cancel the cell, and keeps what the cell shows until it says it stopped.</summary>
    private async Task CancelAsync(NotebookCell cell, string token)
    {
        using var grace = new CancellationTokenSource(CancelGrace);
        try
        {
            await kernel.SendAsync(KernelCommand.Cancel(cell.Kernel!.Name, token + "-cancel"), grace.Token);
            await NextCompletionAsync(token, grace.Token);
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Applies events until the command with <paramref name="token"/> ends; null when the kernel exits first.</summary>
    private async Task<KernelEvent?> NextCompletionAsync(string token, CancellationToken cancellationToken)
    {
        while (await kernel.Events.WaitToReadAsync(cancellationToken))
        {
            while (kernel.Events.TryRead(out var kernelEvent))
            {
                _outputs.Apply(kernelEvent);
                if (kernelEvent.Completes(token))
                {
                    return kernelEvent;
                }
            }
        }

        return null;
    }
}

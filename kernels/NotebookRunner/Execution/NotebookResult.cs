using Fleetbook.Notebooks.Ipynb;

namespace Fleetbook.Notebooks.Execution;

internal sealed record RunSettings(TimeSpan? CellTimeout = null, bool KeepGoing = false);

internal sealed record CellFailure(NotebookCell Cell, CellError Error);

/// <summary>What a run did: each executed cell's outputs, the failures, and whether a timeout or an interrupt cut it short.</summary>
internal sealed record NotebookResult(IReadOnlyDictionary<int, CellRun> Runs, IReadOnlyList<CellFailure> Failures, bool TimedOut, bool Interrupted, TimeSpan Elapsed)
{
    public bool Succeeded => Failures.Count == 0;
}

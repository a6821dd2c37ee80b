using Fleetbook.Notebooks.Ipynb;

namespace Fleetbook.Notebooks.Execution;

/// <summary>Runs the cells of one language, keeping that language's state from cell to cell.</summary>
internal interface ICellKernel : IAsyncDisposable
{
    /// <summary>Gets ready to run cells (compiler warm-up, process start); not counted in the first cell's timeout. Null means ready.</summary>
    Task<CellError?> StartAsync(CancellationToken cancellationToken);

    /// <summary>Runs <paramref name="cell"/>; its output goes to the <see cref="OutputLog"/> the kernel was made with. Null means it succeeded.</summary>
    Task<CellError?> RunAsync(NotebookCell cell, PreparedCode code, CancellationToken cancellationToken);
}

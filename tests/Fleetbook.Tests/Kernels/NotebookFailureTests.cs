using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Kernels;

/// <summary>A notebook that fails in a host fails its test with the notebook, the cell and the error in the message.</summary>
public sealed class NotebookFailureTests
{
    private static readonly string[] Cells =
    [
        "var ok = 1;",
        "var jobs = 3;\nthrow new InvalidOperationException($\"{jobs} jobs lost\");",
        "ok",
    ];

    [RealKernelFact(KernelNeeds.Jupyter)]
    public async Task A_failing_cell_in_jupyter_is_named_with_its_notebook_and_its_error()
    {
        // Arrange
        using var folder = new TempFolder("nb-jupyter-fail");
        var notebook = folder.Write("broken.ipynb", TestNotebook.CSharp(Cells));

        // Act
        using var run = await RealKernel.RunJupyterAsync(notebook);

        // Assert
        Assert.False(run.Succeeded);
        Assert.StartsWith("broken.ipynb failed in Jupyter (nbconvert exit 1): cell 2 `var jobs = 3;`:", run.Failure);
        Assert.Contains("System.InvalidOperationException: 3 jobs lost", run.Failure);
        Assert.Empty(run.LeftBehind);
    }

    [RealKernelFact(KernelNeeds.Repl)]
    public async Task A_failing_cell_in_dotnet_repl_is_named_with_its_notebook_and_its_error()
    {
        // Arrange
        using var folder = new TempFolder("nb-repl-fail");
        var notebook = folder.Write("broken.ipynb", TestNotebook.CSharp(Cells));

        // Act
        using var run = await RealKernel.RunReplAsync(notebook);

        // Assert
        Assert.False(run.Succeeded);
        Assert.StartsWith("dotnet repl exited 2: broken.ipynb: cell 2 `var jobs = 3;`:", run.Failure);
        Assert.Contains("3 jobs lost", run.Failure);
        Assert.Empty(run.LeftBehind);
    }
}

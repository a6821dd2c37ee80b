using Fleetbook.Tests.Kernels;

namespace Fleetbook.Tests.Slurm;

/// <summary>notebooks/05-slurm-walkthrough.ipynb runs top to bottom in the real kernel through Jupyter, as on a login node, with its workers as Slurm jobs of CI's cluster.</summary>
[Collection(SlurmCollection.Name)]
public sealed class SlurmWalkthroughNotebookTests
{
    [SlurmNotebookFact]
    public async Task The_Slurm_walkthrough_runs_to_the_end_in_jupyter_and_leaves_no_Slurm_job()
    {
        // Arrange
        SlurmCluster.WaitUntilNodesTakeJobs();
        var notebook = Path.GetFileName(Walkthroughs.All().Single(n => Walkthroughs.CiMode(n) == "slurm"));

        // Act
        var run = await Walkthroughs.InJupyterAsync(notebook);

        // Assert
        Assert.True(run.Succeeded, run.Failure);
        Assert.All(run.Executed!.CodeCells, cell => Assert.Empty(run.Executed.Outputs(cell, "error")));
        Assert.Empty(SlurmCluster.ActiveJobs("fleetbook-SlurmWalkthrough"));
        Assert.Empty(Directory.GetDirectories(Path.GetDirectoryName(run.Notebook)!, "fleetbook-slurm-*"));
    }
}

/// <summary>A Slurm test in the real kernel through Jupyter: skipped, with the reason, without a cluster, Jupyter or the repository.</summary>
public sealed class SlurmNotebookFactAttribute : FactAttribute
{
    public SlurmNotebookFactAttribute() => Skip = SlurmCluster.Missing ?? RealKernelSkip.Reason(KernelNeeds.Jupyter | KernelNeeds.Repository);
}

namespace Fleetbook.Tests.Kernels;

/// <summary>
/// CI's notebook run: every walkthrough under notebooks/ runs to the end in the real .NET Interactive kernel, through
/// Jupyter and through fleetbook-notebook (the AWS walkthrough runs against the emulators in Aws/Run, the Slurm one on
/// CI's one-node cluster in Slurm/).
/// </summary>
public sealed class RepositoryNotebookTests
{
    public static TheoryData<string> LocalWalkthroughs => Walkthroughs.Local();

    [RealKernelTheory(KernelNeeds.Jupyter | KernelNeeds.Repository)]
    [MemberData(nameof(LocalWalkthroughs))]
    public async Task Each_local_walkthrough_runs_to_the_end_in_jupyter(string notebook)
    {
        // Act
        var run = await Walkthroughs.InJupyterAsync(notebook);

        // Assert
        Assert.True(run.Succeeded, run.Failure);
        Assert.All(run.Executed!.CodeCells, cell => Assert.Empty(run.Executed.Outputs(cell, "error")));
    }

    [RealKernelTheory(KernelNeeds.Repository)]
    [MemberData(nameof(LocalWalkthroughs))]
    public async Task Each_local_walkthrough_runs_to_the_end_through_fleetbook_notebook(string notebook)
    {
        // Act
        var run = await Walkthroughs.ThroughFleetbookNotebookAsync(notebook);

        // Assert: and the runner left nothing running, the workers the notebook started included.
        Assert.True(run.Succeeded, run.Failure);
        Assert.Empty(run.LeftBehind);
    }

    [Fact]
    public void Every_walkthrough_is_run_by_ci_locally_against_the_aws_emulators_or_on_the_slurm_cluster()
    {
        // Arrange
        var notebooks = Walkthroughs.All();

        // Act
        var unrun = notebooks.Where(n => Walkthroughs.CiMode(n) is not (null or "aws-emulators" or "slurm")).Select(Path.GetFileName).ToList();

        // Assert
        Assert.Empty(unrun);
        Assert.Single(notebooks, n => Walkthroughs.CiMode(n) == "aws-emulators");
        Assert.Single(notebooks, n => Walkthroughs.CiMode(n) == "slurm");
    }
}

using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Kernels;

/// <summary>A notebook given by a relative path runs in its own folder, F# cells too (fsi used to start one folder too deep).</summary>
public sealed class RelativePathTests
{
    [Fact]
    public async Task An_fsharp_notebook_given_by_a_relative_path_runs_in_its_folder()
    {
        using var folder = new TempFolder("nb-relative");
        Directory.CreateDirectory(folder.File("sub"));
        File.WriteAllText(folder.File("sub/marker.txt"), "found");
        folder.Write("sub/nb.ipynb", TestNotebook.FSharp("printfn \"%s\" (System.IO.File.ReadAllText \"marker.txt\")"));

        var outcome = await ChildProcess.RunDotnetAsync([NotebookRunnerProcess.RunnerDll, "run", Path.Combine("sub", "nb.ipynb")], workingDirectory: folder.Path, limit: TimeSpan.FromMinutes(3));

        Assert.True(outcome.ExitCode == 0, outcome.All);
        Assert.Equal("found\n", ExecutedNotebook.Load(folder.File("sub/nb.executed.ipynb")).Stdout(0));
    }
}

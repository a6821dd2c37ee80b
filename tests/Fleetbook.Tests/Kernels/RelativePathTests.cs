using System.Diagnostics;
using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Kernels;

/// <summary>A notebook given by a relative path runs in its own folder, in C# and in F# (fsi used to start one folder too deep).</summary>
public sealed class RelativePathTests
{
    [Fact]
    public async Task An_fsharp_notebook_given_by_a_relative_path_runs_in_its_folder()
    {
        using var folder = new TempFolder("nb-relative");
        Directory.CreateDirectory(folder.File("sub"));
        File.WriteAllText(folder.File("sub/marker.txt"), "found");
        folder.Write("sub/nb.ipynb", TestNotebook.FSharp("printfn \"%s\" (System.IO.File.ReadAllText \"marker.txt\")"));

        var start = new ProcessStartInfo(WalkthroughTwinFactAttribute.DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = folder.Path,
        };
        foreach (var arg in new[] { NotebookRunnerProcess.RunnerDll, "run", Path.Combine("sub", "nb.ipynb") })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(limit.Token);

        Assert.True(process.ExitCode == 0, await output + await error);
        Assert.Equal("found\n", ExecutedNotebook.Load(folder.File("sub/nb.executed.ipynb")).Stdout(0));
    }
}

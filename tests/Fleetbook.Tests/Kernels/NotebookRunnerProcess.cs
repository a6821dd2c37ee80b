using System.Diagnostics;
using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Kernels;

public sealed record RunnerOutcome(int ExitCode, string Output, string Error, TimeSpan Elapsed)
{
    public string All => Output + Error;
}

/// <summary>Runs fleetbook-notebook (copied beside the tests by the project reference) as its own process, as CI does.</summary>
public static class NotebookRunnerProcess
{
    public static string RunnerDll => Path.Combine(AppContext.BaseDirectory, "fleetbook-notebook.dll");

    public static async Task<RunnerOutcome> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(RunnerDll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("FLEETBOOK_LIB");
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new RunnerOutcome(process.ExitCode, await output, await error, watch.Elapsed);
    }

    /// <summary>Writes <paramref name="json"/> as a notebook in <paramref name="folder"/> and runs it; the executed notebook is read back.</summary>
    public static async Task<(RunnerOutcome Outcome, ExecutedNotebook? Executed)> RunNotebookAsync(TempFolder folder, string json, params string[] options)
    {
        var input = folder.Write("notebook.ipynb", json);
        var output = folder.File("notebook.executed.ipynb");
        var outcome = await RunAsync(["run", input, .. options]);
        return (outcome, File.Exists(output) ? ExecutedNotebook.Load(output) : null);
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
}

using System.Diagnostics;

namespace Fleetbook.Tests.Support;

/// <summary>A program the tests run as its own process, as a user would: its output captured, killed (with its children) past a time limit.</summary>
public static class ChildProcess
{
    /// <summary>
    /// Runs <c>dotnet</c> with <paramref name="args"/>. The child sees none of the test process's AWS_ variables (only
    /// <paramref name="environment"/>'s) nor its MSBuild ones, which would point a child's build at the test run's MSBuild.
    /// </summary>
    public static Task<CliOutcome> RunDotnetAsync(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null, TimeSpan? limit = null) =>
        RunAsync(DotnetHost(), args, environment, workingDirectory, limit);

    /// <summary>
    /// Runs <paramref name="program"/> with <paramref name="args"/>, with the same environment rules as
    /// <see cref="RunDotnetAsync"/>. Past <paramref name="limit"/> (default 4 minutes) the process and everything it
    /// started are killed and the wait ends in <see cref="TimeoutException"/>.
    /// </summary>
    public static async Task<CliOutcome> RunAsync(string program, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null, TimeSpan? limit = null)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal) || IsTestRunMSBuildVariable(k)).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        var allowed = limit ?? TimeSpan.FromMinutes(4);
        using var timeout = new CancellationTokenSource(allowed);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"{Path.GetFileName(program)} {string.Join(' ', args)} ran longer than {allowed.TotalSeconds:0} s and was killed with its children.\n{await output}{await error}");
        }

        return new CliOutcome(process.ExitCode, await output, await error);
    }

    /// <summary>
    /// The test run's MSBuild variables (MSBuildExtensionsPath, MSBUILD_EXE_PATH …) stay out of a child; the one that keeps
    /// a child's build from leaving MSBuild nodes running after it (<see cref="TestRunProcesses"/>) goes in.
    /// </summary>
    private static bool IsTestRunMSBuildVariable(string name) =>
        name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) && name != "MSBUILDDISABLENODEREUSE";

    public static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
}

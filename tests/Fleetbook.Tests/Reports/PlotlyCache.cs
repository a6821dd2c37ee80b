using System.Diagnostics;

namespace Fleetbook.Tests.Reports;

/// <summary>
/// plotly.min.js from npm (<c>plotly.js-dist-min</c> at the pinned version), installed once into a cache folder outside
/// the repository so the 4.8 MB file is never committed.
/// </summary>
public static class PlotlyCache
{
    public static string Folder { get; } = System.IO.Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "fleetbook-test-plotly");

    public static string File { get; } = System.IO.Path.Combine(Folder, "node_modules", "plotly.js-dist-min", "plotly.min.js");

    public static bool IsAvailable => System.IO.File.Exists(File) || Npm() is not null;

    public static async Task<string> EnsureAsync()
    {
        if (System.IO.File.Exists(File))
        {
            return File;
        }

        var npm = Npm() ?? throw new InvalidOperationException("npm is not on the PATH");
        Directory.CreateDirectory(Folder);
        var start = new ProcessStartInfo(npm) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "install", "--prefix", Folder, "--no-audit", "--no-fund", "--no-save", "plotly.js-dist-min@" + Fleetbook.Charts.PlotlyScript.PinnedVersion })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0 && System.IO.File.Exists(File), $"npm install plotly.js-dist-min failed ({process.ExitCode}):\n{await error}");
        return File;
    }

    private static string? Npm() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => System.IO.Path.Combine(folder, "npm"))
            .FirstOrDefault(System.IO.File.Exists);
}

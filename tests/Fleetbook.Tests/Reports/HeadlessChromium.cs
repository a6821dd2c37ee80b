using System.Diagnostics;

namespace Fleetbook.Tests.Reports;

/// <summary>Debian's chromium, run headless with the flags that keep it off the network and out of the user's profile.</summary>
public static class HeadlessChromium
{
    public const string Path = "/usr/bin/chromium";

    public static bool IsInstalled => File.Exists(Path);

    /// <summary>The DOM after the page's scripts ran (within a 5 s virtual time budget).</summary>
    public static async Task<string> DumpDomAsync(string htmlFile, string profile) =>
        (await RunAsync(profile, "--dump-dom", new Uri(htmlFile).AbsoluteUri)).Output;

    public static async Task ScreenshotAsync(string htmlFile, string pngFile, string profile, int width, int height)
    {
        var result = await RunAsync(profile, $"--window-size={width},{height}", $"--screenshot={pngFile}", new Uri(htmlFile).AbsoluteUri);
        Assert.True(File.Exists(pngFile), $"chromium wrote no screenshot (exit code {result.ExitCode}):\n{result.Error}");
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string profile, params string[] arguments)
    {
        var start = new ProcessStartInfo(Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var flag in new[]
                 {
                     "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--no-first-run", $"--user-data-dir={profile}", "--virtual-time-budget=5000",
                 }.Concat(arguments))
        {
            start.ArgumentList.Add(flag);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("chromium did not finish within 120 s");
        }

        return (process.ExitCode, await output, await error);
    }
}

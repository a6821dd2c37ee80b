using System.Runtime.InteropServices;

namespace Fleetbook.Tests.Support;

/// <summary>
/// The native fleetbook-worker for local runs, published the way src/Worker/Fleetbook.Worker.csproj says
/// (<c>-p:NativeWorker=true</c>), once per test run on first use, into a folder of the run's own: its own artifacts
/// path keeps the publish out of the repository's bin and obj, which other tests pack from at the same time.
/// </summary>
public static class NativeWorker
{
    private static readonly Lazy<Task<string>> Shared = new(PublishAsync);

    /// <summary>Why the native worker cannot be built here, or null when it can (Linux x64, where the repository is).</summary>
    public static string? Unavailable =>
        !OperatingSystem.IsLinux() || RuntimeInformation.OSArchitecture != Architecture.X64 ? "the native worker is published for linux-x64 in these tests."
        : Repository.Root is null ? "the tests run outside the repository, so src/Worker cannot be published."
        : null;

    /// <summary>The path of the native fleetbook-worker.</summary>
    public static Task<string> GetAsync() => Shared.Value;

    private static async Task<string> PublishAsync()
    {
        var root = Path.Combine(Path.GetTempPath(), "fleetbook-tests", "native-" + Guid.NewGuid().ToString("N")[..10]);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Remove(root);
        var output = Path.Combine(root, "out");
        var outcome = await ChildProcess.RunDotnetAsync(
            ["publish", Repository.Path("src", "Worker"), "-c", "Release", "-r", "linux-x64", "-p:NativeWorker=true",
             "--artifacts-path", Path.Combine(root, "artifacts"), "-o", output, "-nologo"],
            limit: TimeSpan.FromMinutes(6));
        var worker = Path.Combine(output, "fleetbook-worker");
        if (outcome.ExitCode != 0 || !File.Exists(worker))
        {
            throw new InvalidOperationException($"dotnet publish src/Worker -p:NativeWorker=true failed (exit {outcome.ExitCode}):\n{outcome.All}");
        }

        return worker;
    }

    private static void Remove(string root)
    {
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

namespace Fleetbook.Tests.Support;

/// <summary>
/// The fleetbook command as users install it: <c>dotnet pack src/Cli</c> (the bits this test run built, packed without
/// building again) into a feed of the test's own, then <c>dotnet tool install --tool-path</c> from that feed alone, with
/// a NuGet config that clears every source (no network). The tool path keeps the package it extracted, so nothing
/// lands in the NuGet packages folder; everything goes with the folder.
/// </summary>
public sealed class InstalledFleetbookTool : IDisposable
{
    private readonly TempFolder _folder;

    private InstalledFleetbookTool(TempFolder folder)
    {
        _folder = folder;
    }

    /// <summary>The folder holding Fleetbook.Cli.&lt;version&gt;.nupkg.</summary>
    public string Feed => _folder.File("feed");

    public string Package => Directory.GetFiles(Feed, "Fleetbook.Cli.*.nupkg").Single();

    /// <summary>The installed tool's shim.</summary>
    public string Command => _folder.File(Path.Combine("tools", OperatingSystem.IsWindows() ? "fleetbook.exe" : "fleetbook"));

    public static async Task<InstalledFleetbookTool> InstallAsync()
    {
        var folder = new TempFolder("tool");
        var tool = new InstalledFleetbookTool(folder);
        try
        {
            var nugetConfig = folder.Write("nuget.config", """
                <?xml version="1.0" encoding="utf-8"?>
                <configuration><packageSources><clear /></packageSources></configuration>
                """);
            await DotnetAsync(["pack", Repository.Path("src", "Cli"), "--no-build", "-c", Configuration, "-o", tool.Feed, "-nologo"]);
            await DotnetAsync(["tool", "install", "Fleetbook.Cli", "--tool-path", folder.File("tools"), "--add-source", tool.Feed, "--configfile", nugetConfig]);
            return tool;
        }
        catch
        {
            folder.Dispose();
            throw;
        }
    }

    public Task<CliOutcome> RunAsync(params string[] args) => ChildProcess.RunAsync(Command, args, workingDirectory: _folder.Path, limit: TimeSpan.FromMinutes(1));

    public void Dispose() => _folder.Dispose();

    /// <summary>The configuration this test assembly (and so the CLI it references) was built in.</summary>
    private static string Configuration =>
#if DEBUG
        "Debug";
#else
        "Release";
#endif

    private static async Task DotnetAsync(string[] args)
    {
        var outcome = await ChildProcess.RunDotnetAsync(args, new Dictionary<string, string> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" }, limit: TimeSpan.FromMinutes(8));
        if (outcome.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet {string.Join(' ', args)} failed (exit {outcome.ExitCode}):\n{outcome.All}");
        }
    }
}

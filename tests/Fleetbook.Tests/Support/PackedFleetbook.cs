namespace Fleetbook.Tests.Support;

/// <summary>
/// Fleetbook as users take it: <c>dotnet pack src/Toolkit</c> into a feed of the test run's own, under a version no
/// earlier run used (the NuGet packages folder keeps what it extracted by version, so a reused version would be a
/// stale copy). Packed once per test run, on first use; the feed and the version's copy in the packages folder are
/// removed when the run ends. Processes that restore it get <see cref="Environment"/>: NuGet then reads only a config
/// that clears every source, so a restore sees this feed (added by <see cref="SourceDirective"/>) and the packages
/// folder, and never the network.
/// </summary>
public sealed class PackedFleetbook
{
    private static readonly Lazy<Task<PackedFleetbook>> Shared = new(PackAsync);

    private PackedFleetbook(string feed, string version)
    {
        Feed = feed;
        Version = version;
        NuGetConfig = System.IO.Path.Combine(feed, "..", "nuget.config");
        File.WriteAllText(NuGetConfig, """
            <?xml version="1.0" encoding="utf-8"?>
            <configuration><packageSources><clear /></packageSources></configuration>
            """);
    }

    /// <summary>The folder holding Fleetbook.&lt;Version&gt;.nupkg.</summary>
    public string Feed { get; }

    public string Version { get; }

    public string Package => System.IO.Path.Combine(Feed, $"Fleetbook.{Version}.nupkg");

    /// <summary>A NuGet config that clears every package source.</summary>
    public string NuGetConfig { get; }

    /// <summary>What a notebook or an F# script puts in front of <c>#r "nuget: Fleetbook"</c> to see the feed.</summary>
    public string SourceDirective => $"#i \"nuget:{Feed}\"";

    /// <summary>For any process that restores the package (a kernel, dotnet fsi, dotnet run): no network, no telemetry, no credential lookup.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        // MSBuild reads environment variables as properties: NuGet's restore then uses this file alone.
        ["RestoreConfigFile"] = NuGetConfig,
        ["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_NOLOGO"] = "1",
        ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
        ["AWS_EC2_METADATA_DISABLED"] = "true",
    };

    public static Task<PackedFleetbook> GetAsync() => Shared.Value;

    /// <summary>The NuGet global packages folder, where restores extract packages.</summary>
    public static string PackagesFolder =>
        System.Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : System.IO.Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    private static async Task<PackedFleetbook> PackAsync()
    {
        var root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "fleetbook-tests", "packed-" + Guid.NewGuid().ToString("N")[..10]);
        var feed = System.IO.Path.Combine(root, "feed");
        Directory.CreateDirectory(feed);
        var version = UnusedVersion();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Remove(root, version);

        var outcome = await ChildProcess.RunDotnetAsync(
            ["pack", Repository.Path("src", "Toolkit"), "-c", "Release", "-o", feed, $"-p:Version={version}", "-nologo"],
            limit: TimeSpan.FromMinutes(5));
        var packed = new PackedFleetbook(feed, version);
        if (outcome.ExitCode != 0 || !File.Exists(packed.Package))
        {
            throw new InvalidOperationException($"dotnet pack src/Toolkit failed (exit {outcome.ExitCode}):\n{outcome.All}");
        }

        return packed;
    }

    /// <summary>A four-part version (each part of an assembly version stays under 65535) not in the packages folder yet.</summary>
    private static string UnusedVersion()
    {
        string version;
        do
        {
            version = $"0.1.0.{Random.Shared.Next(10_000, 65_000)}";
        }
        while (Directory.Exists(System.IO.Path.Combine(PackagesFolder, "fleetbook", version)));

        return version;
    }

    private static void Remove(string root, string version)
    {
        foreach (var folder in new[] { root, System.IO.Path.Combine(PackagesFolder, "fleetbook", version) })
        {
            try
            {
                if (Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}

using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Kernels;

/// <summary>The notebooks' twins under notebooks/ run without a notebook host: C# file-based apps and an F# script.</summary>
public sealed class WalkthroughTwinTests
{
    [WalkthroughTwinFact]
    public async Task Quickstart_file_based_app_runs_to_the_end()
    {
        // Act
        var (exitCode, output) = await RunAsync("run", "quickstart.cs");

        // Assert
        Assert.True(exitCode == 0, output);
        Assert.Equal("quickstart done: 20 succeeded, 0 dead", LastLine(output));
    }

    [WalkthroughTwinFact]
    public async Task Failures_file_based_app_redrives_the_dead_job()
    {
        // Act
        var (exitCode, output) = await RunAsync("run", "failures.cs");

        // Assert
        Assert.True(exitCode == 0, output);
        Assert.Equal("failures done: 6 succeeded, 0 dead", LastLine(output));
    }

    [WalkthroughTwinFact(NeedsCliBuild = true)]
    public async Task FSharp_script_runs_to_the_end()
    {
        // Act
        var (exitCode, output) = await RunAsync("fsi", "fsharp-local.fsx");

        // Assert
        Assert.True(exitCode == 0, output);
        Assert.Equal("fsharp done: 20 succeeded, 0 dead", LastLine(output));
    }

    private static string LastLine(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";

    private static async Task<(int ExitCode, string Output)> RunAsync(string verb, string file)
    {
        var outcome = await ChildProcess.RunDotnetAsync([verb, Path.Combine("notebooks", file)], workingDirectory: WalkthroughTwinFactAttribute.RepositoryRoot()!, limit: TimeSpan.FromMinutes(3));
        return (outcome.ExitCode, outcome.All);
    }
}

/// <summary>Skips (with the reason) where the repository's notebooks/ or the F# script's Fleetbook.dll (from <c>dotnet build src/Cli</c>) is missing.</summary>
public sealed class WalkthroughTwinFactAttribute : FactAttribute
{
    public bool NeedsCliBuild
    {
        get;
        init
        {
            field = value;
            var root = RepositoryRoot();
            if (value && Skip is null && root is not null && !File.Exists(Path.Combine(root, "src", "Cli", "bin", "Debug", "net10.0", "Fleetbook.dll")))
            {
                Skip = "src/Cli/bin/Debug/net10.0/Fleetbook.dll is missing: the F# script needs 'dotnet build src/Cli' (Debug).";
            }
        }
    }

    public WalkthroughTwinFactAttribute()
    {
        var root = RepositoryRoot();
        if (root is null || !Directory.Exists(Path.Combine(root, "notebooks")))
        {
            Skip = "the repository's notebooks/ folder is not above the test's folder.";
        }
    }

    public static string? RepositoryRoot()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Fleetbook.slnx")))
        {
            root = root.Parent;
        }

        return root?.FullName;
    }
}

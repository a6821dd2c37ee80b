namespace Fleetbook.Notebooks.Kernel;

/// <summary>Finds the .NET Interactive kernel's command: <c>--kernel PATH</c>, else the PATH, else the global tools folder.</summary>
internal static class KernelLocator
{
    public const string ToolCommand = "dotnet-interactive";

    /// <summary>The version the repository's CI installs and tests against.</summary>
    public const string InstallCommand = "dotnet tool install -g Microsoft.dotnet-interactive --version 1.0.712001";

    /// <summary>The kernel's command, or null with <paramref name="problem"/> saying what is missing and how to get it.</summary>
    public static string? Find(string? explicitPath, out string? problem)
    {
        problem = null;
        if (explicitPath is not null)
        {
            if (File.Exists(explicitPath))
            {
                return Path.GetFullPath(explicitPath);
            }

            problem = $"--kernel {explicitPath}: no such file.";
            return null;
        }

        var name = OperatingSystem.IsWindows() ? ToolCommand + ".exe" : ToolCommand;
        var found = SearchFolders().Select(folder => Path.Combine(folder, name)).FirstOrDefault(File.Exists);
        if (found is null)
        {
            problem = $"the .NET Interactive kernel ({ToolCommand}) is neither on the PATH nor in {GlobalToolsFolder()}. Install it with:\n  {InstallCommand}\n"
                + "(or pass its path with --kernel PATH).";
        }

        return found;
    }

    private static IEnumerable<string> SearchFolders() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Append(GlobalToolsFolder());

    /// <summary>Where <c>dotnet tool install -g</c> puts commands: $DOTNET_CLI_HOME/.dotnet/tools, else ~/.dotnet/tools.</summary>
    private static string GlobalToolsFolder() =>
        Path.Combine(
            Environment.GetEnvironmentVariable("DOTNET_CLI_HOME") is { Length: > 0 } home ? home : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
            ".dotnet",
            "tools");
}

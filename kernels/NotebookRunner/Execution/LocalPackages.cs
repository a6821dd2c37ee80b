namespace Fleetbook.Notebooks.Execution;

/// <summary>Where <c>#r "nuget: Fleetbook"</c> points, and why: <c>--fleetbook</c>, <c>FLEETBOOK_LIB</c> or the runner's own copy.</summary>
internal sealed record FleetbookLibrary(string Path, string Origin)
{
    public const string PackageId = "Fleetbook";
    public const string Variable = "FLEETBOOK_LIB";

    /// <param name="option">The <c>--fleetbook</c> value: Fleetbook.dll or the folder holding it.</param>
    public static FleetbookLibrary Locate(string? option)
    {
        if (!string.IsNullOrWhiteSpace(option))
        {
            return new(InFolder(option), "--fleetbook");
        }

        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } variable)
        {
            return new(InFolder(variable), Variable);
        }

        return new(System.IO.Path.Combine(AppContext.BaseDirectory, PackageId + ".dll"), "the runner's own copy");
    }

    private static string InFolder(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        return Directory.Exists(full) ? System.IO.Path.Combine(full, PackageId + ".dll") : full;
    }
}

/// <summary>
/// What a <c>#r "nuget: …"</c> can mean without a package feed: Fleetbook is the local build; any other package only
/// if its assembly is already at hand (the framework's, or one Fleetbook itself depends on).
/// </summary>
internal sealed class LocalPackages(FleetbookLibrary fleetbook)
{
    private readonly Lazy<IReadOnlyDictionary<string, string>> _present = new(PresentAssemblies);

    public FleetbookLibrary Fleetbook => fleetbook;

    /// <summary>The assembly to reference for <paramref name="packageId"/>, or null when it is not here.</summary>
    public string? Find(string packageId) =>
        packageId.Equals(FleetbookLibrary.PackageId, StringComparison.OrdinalIgnoreCase)
            ? fleetbook.Path
            : _present.Value.GetValueOrDefault(packageId);

    private static IReadOnlyDictionary<string, string> PresentAssemblies()
    {
        var paths = (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var byName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var path in paths)
        {
            byName.TryAdd(Path.GetFileNameWithoutExtension(path), path);
        }

        return byName;
    }
}

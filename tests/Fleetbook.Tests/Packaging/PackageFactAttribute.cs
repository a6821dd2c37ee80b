using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Packaging;

/// <summary>Skips, with the reason, where the repository (whose src/Toolkit the test packs) is not above the test's folder.</summary>
public sealed class PackageFactAttribute : FactAttribute
{
    public PackageFactAttribute()
    {
        if (Repository.Root is null || !File.Exists(Repository.Path("src", "Toolkit", "Fleetbook.csproj")))
        {
            Skip = "src/Toolkit/Fleetbook.csproj is not above the test's folder: there is nothing to pack.";
        }
    }
}

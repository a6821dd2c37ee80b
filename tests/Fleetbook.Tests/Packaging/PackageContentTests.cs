using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Fleetbook.Backends.Local;
using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Packaging;

/// <summary>What the Fleetbook package carries, read from the nupkg <c>dotnet pack src/Toolkit</c> makes.</summary>
public sealed class PackageContentTests
{
    [PackageFact]
    public async Task The_package_carries_the_worker_with_a_deps_file_that_resolves_Fleetbook_from_this_package()
    {
        // Arrange
        var packed = await PackedFleetbook.GetAsync();

        // Act
        using var package = ZipFile.OpenRead(packed.Package);
        var entries = package.Entries.Select(e => e.FullName).ToHashSet();
        using var deps = new StreamReader(package.GetEntry("tools/worker/fleetbook-worker.deps.json")!.Open());
        var manifest = JsonNode.Parse(await deps.ReadToEndAsync())!;

        // Assert
        Assert.Contains("tools/worker/fleetbook-worker.dll", entries);
        Assert.Contains("tools/worker/fleetbook-worker.runtimeconfig.json", entries);
        Assert.Contains("buildTransitive/Fleetbook.targets", entries);
        var packedOnLinuxX64 = OperatingSystem.IsLinux() && RuntimeInformation.OSArchitecture == Architecture.X64;
        Assert.Equal(packedOnLinuxX64, entries.Contains("tools/worker/" + WorkerLauncher.NativeWorkerName));
        Assert.Equal(packedOnLinuxX64, entries.Contains("tools/worker/libe_sqlite3.so"));
        var library = manifest["libraries"]!.AsObject().Single(p => p.Key.StartsWith("Fleetbook/", StringComparison.Ordinal)).Value!;
        Assert.Equal("package", (string?)library["type"]);
        Assert.Equal($"fleetbook/{packed.Version}", (string?)library["path"]);
        var target = manifest["targets"]!.AsObject().Single().Value!.AsObject().Single(p => p.Key.StartsWith("Fleetbook/", StringComparison.Ordinal)).Value!;
        Assert.Equal(["lib/net10.0/Fleetbook.dll"], target["runtime"]!.AsObject().Select(p => p.Key));
    }

    [PackageFact]
    public async Task The_package_carries_the_kernel_extension_alone_where_the_kernel_loads_extensions()
    {
        // Arrange
        var packed = await PackedFleetbook.GetAsync();

        // Act
        using var package = ZipFile.OpenRead(packed.Package);
        var extensions = package.Entries.Where(e => e.FullName.StartsWith("interactive-extensions/", StringComparison.Ordinal)).Select(e => e.FullName);

        // Assert: one dll; the kernel has its own Microsoft.DotNet.Interactive and gets Fleetbook.dll from lib/.
        Assert.Equal(["interactive-extensions/dotnet/Fleetbook.Interactive.dll"], extensions);
    }

    [PackageFact]
    public async Task The_package_has_a_readme_and_nothing_of_the_worker_in_lib()
    {
        // Arrange
        var packed = await PackedFleetbook.GetAsync();

        // Act
        using var package = ZipFile.OpenRead(packed.Package);
        var lib = package.Entries.Where(e => e.FullName.StartsWith("lib/", StringComparison.Ordinal)).Select(e => e.FullName).ToList();
        using var nuspec = new StreamReader(package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());

        // Assert: only the library is referenced by a project that takes the package; the worker stays a tool.
        Assert.Equal(["lib/net10.0/Fleetbook.dll", "lib/net10.0/Fleetbook.xml"], lib.Order(StringComparer.Ordinal));
        Assert.Contains("<readme>README.md</readme>", await nuspec.ReadToEndAsync());
        Assert.NotNull(package.GetEntry("README.md"));
    }
}

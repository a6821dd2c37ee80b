using System.IO.Compression;
using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Packaging;

/// <summary>The dotnet tool as users install it: named fleetbook in its help and errors, with a readme in its package.</summary>
public sealed class ToolPackageTests
{
    [PackageFact]
    public async Task The_installed_tool_calls_itself_fleetbook_and_its_package_has_a_readme()
    {
        // Arrange
        using var tool = await InstalledFleetbookTool.InstallAsync();

        // Act
        var help = await tool.RunAsync("--help");
        var submitHelp = await tool.RunAsync("submit", "--help");
        var wrongFlag = await tool.RunAsync("submit", "--bogus", "job.json");

        // Assert
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("Usage:\n  fleetbook [command] [options]", help.Output.ReplaceLineEndings("\n"));
        Assert.Contains("Usage:\n  fleetbook submit <JOBFILE> [options]", submitHelp.Output.ReplaceLineEndings("\n"));
        Assert.DoesNotContain("Fleetbook.Cli", help.All + submitHelp.All);
        Assert.Equal(2, wrongFlag.ExitCode);
        Assert.Contains("'--bogus' is not an option of 'fleetbook submit'", wrongFlag.Error);
        using var package = ZipFile.OpenRead(tool.Package);
        using var nuspec = new StreamReader(package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
        Assert.Contains("<readme>README.md</readme>", await nuspec.ReadToEndAsync());
        using var readme = new StreamReader(package.GetEntry("README.md")!.Open());
        Assert.Contains("dotnet tool install -g Fleetbook.Cli", await readme.ReadToEndAsync());
    }
}

using System.IO.Compression;
using System.Runtime.InteropServices;
using Fleetbook.Backends.Local;
using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Packaging;

/// <summary>The dotnet tool as users install it: named fleetbook in its help and errors, with a readme in its package, and on Linux x64 its native worker.</summary>
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

    [PackageFact]
    public async Task Packed_on_linux_x64_the_tool_runs_local_jobs_with_its_native_worker()
    {
        // Arrange: each job writes its id and the program that started it (its parent: the worker).
        using var tool = await InstalledFleetbookTool.InstallAsync();
        var packedHere = OperatingSystem.IsLinux() && RuntimeInformation.OSArchitecture == Architecture.X64;
        using (var package = ZipFile.OpenRead(tool.Package))
        {
            Assert.Equal(packedHere, package.GetEntry("tools/net10.0/any/" + WorkerLauncher.NativeWorkerName) is not null);
        }

        if (!packedHere)
        {
            return;
        }

        var native = Directory.GetFiles(Path.GetDirectoryName(tool.Command)!, WorkerLauncher.NativeWorkerName, SearchOption.AllDirectories).Single();
        var config = LocalRunHarness.ShellJobConfig("ToolNative", "printf '%s %s' \"$1\" \"$(readlink /proc/$PPID/exe)\" > \"$2/out.txt\"", "{job_id}", "{output_dir}");
        await using var harness = new LocalRunHarness(config);
        await harness.SetUpWithNumberedJobsAsync(20);

        // Act
        var started = await tool.RunAsync("start", "-c", harness.ConfigPath);
        var monitored = await tool.RunAsync("monitor", "-c", harness.ConfigPath);

        // Assert
        Assert.True(started.ExitCode == 0, started.All);
        Assert.True(monitored.ExitCode == 0, monitored.All);
        Assert.Empty(harness.WrongOutputs(20, id => $"{id} {native}"));
    }
}

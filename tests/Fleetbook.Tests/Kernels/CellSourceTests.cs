using Fleetbook.Notebooks.Execution;
using Fleetbook.Notebooks.Ipynb;
using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Kernels;

public sealed class CellSourceTests
{
    [Fact]
    public void Kernel_switches_and_time_become_blank_lines_so_error_positions_still_match_the_cell()
    {
        // Arrange
        var packages = Packages(out _);

        // Act
        var code = CellSource.Prepare("#!csharp\n#!time\nvar x = 1;", CellLanguage.CSharp, packages);

        // Assert
        Assert.True(code.CanRun);
        Assert.Equal("\n\nvar x = 1;", code.Code);
    }

    [Fact]
    public void Nuget_Fleetbook_becomes_a_reference_to_the_local_dll_in_either_language()
    {
        // Arrange
        var packages = Packages(out var dll);

        // Act
        var csharp = CellSource.Prepare("#r \"nuget: Fleetbook, 1.2.3\"\nusing Fleetbook;", CellLanguage.CSharp, packages);
        var fsharp = CellSource.Prepare("#r \"nuget:fleetbook\" // the library\nopen Fleetbook", CellLanguage.FSharp, packages);

        // Assert
        Assert.Equal($"#r \"{dll}\"\nusing Fleetbook;", csharp.Code);
        Assert.Equal($"#r @\"{dll}\"\nopen Fleetbook", fsharp.Code);
    }

    [Fact]
    public void Other_packages_are_left_to_dotnet_fsi_in_fsharp_and_refused_in_csharp()
    {
        // Arrange
        var packages = Packages(out _);

        // Act
        var fsharp = CellSource.Prepare("#i \"nuget: https://example.invalid/v3/index.json\"\n#r \"nuget: FSharp.Data\"", CellLanguage.FSharp, packages);
        var csharp = CellSource.Prepare("#i \"nuget: https://example.invalid/v3/index.json\"\n#r \"nuget: Newtonsoft.Json.Bogus\"", CellLanguage.CSharp, packages);

        // Assert
        Assert.Equal("#i \"nuget: https://example.invalid/v3/index.json\"\n#r \"nuget: FSharp.Data\"", fsharp.Code);
        var problem = Assert.Single(csharp.Problems);
        Assert.StartsWith("line 2: #r \"nuget: Newtonsoft.Json.Bogus\" cannot be resolved", problem);
    }

    [Fact]
    public void Magic_commands_that_need_dotnet_interactive_are_reported_with_their_line()
    {
        // Act
        var code = CellSource.Prepare("var x = 1;\n#!share --from fsharp x", CellLanguage.CSharp, Packages(out _));

        // Assert
        Assert.StartsWith("line 2: the magic command #!share needs .NET Interactive", Assert.Single(code.Problems));
    }

    private static LocalPackages Packages(out string dll)
    {
        dll = Path.Combine(AppContext.BaseDirectory, "Fleetbook.dll");
        return new LocalPackages(new FleetbookLibrary(dll, "test"));
    }
}

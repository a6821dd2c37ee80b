using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Kernels;

public sealed class PackageReferenceTests
{
    [Fact]
    public async Task Nuget_Fleetbook_with_or_without_a_version_means_the_local_build()
    {
        // Arrange
        using var folder = new TempFolder("nb-fleetbook");
        var notebook = TestNotebook.CSharp(
            "#r \"nuget: Fleetbook, 0.1.0\"\nusing Fleetbook.Jobs;",
            "#r \"nuget:Fleetbook\"\nvar template = Template.Parse(\"{group.Plate}-{job_id}\");\ntemplate.Placeholders.Count()");

        // Act
        var (outcome, executed) = await NotebookRunnerProcess.RunNotebookAsync(folder, notebook);

        // Assert
        Assert.True(outcome.ExitCode == 0, outcome.All);
        Assert.Equal("2", ExecutedNotebook.Text(Assert.Single(executed!.Outputs(1, "execute_result")), "text/plain"));
    }

    [Fact]
    public async Task The_fleetbook_option_loads_that_copy_of_the_library_not_the_runners_own()
    {
        // Arrange
        using var folder = new TempFolder("nb-fleetbook-option");
        var library = Directory.CreateDirectory(folder.File("other-build")).FullName;
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Fleetbook.dll"), Path.Combine(library, "Fleetbook.dll"));
        var notebook = TestNotebook.CSharp("#r \"nuget: Fleetbook\"\ntypeof(Fleetbook.Jobs.Template).Assembly.Location");

        // Act
        var (outcome, executed) = await NotebookRunnerProcess.RunNotebookAsync(folder, notebook, "--fleetbook", library);

        // Assert
        Assert.True(outcome.ExitCode == 0, outcome.All);
        Assert.Equal(Path.Combine(library, "Fleetbook.dll"), ExecutedNotebook.Text(Assert.Single(executed!.Outputs(0, "execute_result")), "text/plain"));
    }

    [Fact]
    public async Task The_fleetbook_option_names_the_library_and_a_missing_one_is_reported_with_its_origin()
    {
        // Arrange
        using var folder = new TempFolder("nb-fleetbook-missing");
        var notebook = TestNotebook.CSharp("#r \"nuget: Fleetbook\"");

        // Act
        var (outcome, _) = await NotebookRunnerProcess.RunNotebookAsync(folder, notebook, "--fleetbook", folder.File("nowhere"));

        // Assert
        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("cell 1 (C#)", outcome.Error);
        Assert.Contains($"maps to {folder.File("nowhere")} (from --fleetbook), which does not exist", outcome.Error);
    }

    [Fact]
    public async Task An_unknown_nuget_package_fails_with_a_message_saying_what_can_be_referenced()
    {
        // Arrange
        using var folder = new TempFolder("nb-unknown-package");
        var notebook = TestNotebook.CSharp("var a = 1;", "#r \"nuget: Plotly.NET, 5.0.0\"\nusing Plotly.NET;");

        // Act
        var (outcome, executed) = await NotebookRunnerProcess.RunNotebookAsync(folder, notebook);

        // Assert
        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("cell 2 (C#) `#r \"nuget: Plotly.NET, 5.0.0\"` failed", outcome.Error);
        Assert.Contains("line 1: #r \"nuget: Plotly.NET\" cannot be resolved: fleetbook-notebook does not download packages", outcome.Error);
        Assert.Contains("#r \"path/to/Plotly.NET.dll\"", outcome.Error);
        Assert.Equal("UnsupportedDirective", (string?)Assert.Single(executed!.Outputs(1, "error"))["ename"]);
    }

    [Fact]
    public async Task A_package_whose_assembly_is_already_present_and_a_dll_path_can_be_referenced()
    {
        // Arrange
        using var folder = new TempFolder("nb-present");
        var library = typeof(PackageReferenceTests).Assembly.Location;
        var notebook = TestNotebook.CSharp(
            "#r \"nuget: Microsoft.Data.Sqlite\"\nnew Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = \"x.db\" }.DataSource",
            $"#r \"{library}\"\ntypeof(Fleetbook.Tests.Kernels.PackageReferenceTests).Name");

        // Act
        var (outcome, executed) = await NotebookRunnerProcess.RunNotebookAsync(folder, notebook);

        // Assert
        Assert.True(outcome.ExitCode == 0, outcome.All);
        Assert.Equal("x.db", ExecutedNotebook.Text(Assert.Single(executed!.Outputs(0, "execute_result")), "text/plain"));
        Assert.Equal("PackageReferenceTests", ExecutedNotebook.Text(Assert.Single(executed.Outputs(1, "execute_result")), "text/plain"));
    }
}

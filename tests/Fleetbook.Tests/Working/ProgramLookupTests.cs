using Fleetbook.Working;

namespace Fleetbook.Tests.Working;

/// <summary>The program a job names is found on PATH, remembered, and found afresh once the remembered file is gone.</summary>
public sealed class ProgramLookupTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fleetbook-lookup-").FullName;
    private readonly string _name = "lookup-test-" + Guid.NewGuid().ToString("N");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fleetbook.Tests.Aws.Worker.LinuxFact]
    public void The_first_path_folder_that_has_the_program_wins()
    {
        // Arrange
        var (first, second) = (Folder("first"), Folder("second"));
        Program(second);
        var inFirst = Program(first);

        // Act
        var found = ProgramLookup.Find(_name, $"{Folder("empty")}:{first}:{second}", _folder);

        // Assert
        Assert.Equal(inFirst, found);
    }

    [Fleetbook.Tests.Aws.Worker.LinuxFact]
    public void A_remembered_program_that_is_gone_is_looked_up_again()
    {
        // Arrange
        var (first, second) = (Folder("first"), Folder("second"));
        var inFirst = Program(first);
        var inSecond = Program(second);
        var searchPath = $"{first}:{second}";
        Assert.Equal(inFirst, ProgramLookup.Find(_name, searchPath, _folder));

        // Act
        File.Delete(inFirst);
        var afterDelete = ProgramLookup.Find(_name, searchPath, _folder);
        File.Delete(inSecond);
        var afterBoth = ProgramLookup.Find(_name, searchPath, _folder);

        // Assert
        Assert.Equal(inSecond, afterDelete);
        Assert.Null(afterBoth);
    }

    [Fleetbook.Tests.Aws.Worker.LinuxFact]
    public void A_program_not_found_is_found_once_it_is_there_and_another_path_has_its_own_answer()
    {
        // Arrange
        var (first, second) = (Folder("first"), Folder("second"));
        Assert.Null(ProgramLookup.Find(_name, first, _folder));

        // Act
        var inFirst = Program(first);
        var inSecond = Program(second);

        // Assert
        Assert.Equal(inFirst, ProgramLookup.Find(_name, first, _folder));
        Assert.Equal(inSecond, ProgramLookup.Find(_name, second, _folder));
    }

    private string Folder(string name) => Directory.CreateDirectory(Path.Combine(_folder, name)).FullName;

    private string Program(string folder)
    {
        var path = Path.Combine(folder, _name);
        File.WriteAllText(path, "#!/bin/sh\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return path;
    }
}

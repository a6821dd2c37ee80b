namespace Fleetbook.Tests.Support;

/// <summary>The repository the tests were built from: the folder holding Fleetbook.slnx above the test's folder.</summary>
public static class Repository
{
    /// <summary>The repository's root, or null when the tests run outside it.</summary>
    public static string? Root { get; } = FindRoot();

    public static string Path(params string[] parts) =>
        System.IO.Path.Combine([Root ?? throw new InvalidOperationException("Fleetbook.slnx is not above " + AppContext.BaseDirectory), .. parts]);

    private static string? FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "Fleetbook.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName;
    }
}

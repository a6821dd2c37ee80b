namespace Fleetbook.Cli.Demo;

/// <summary>How to start the demo's sample program (examples/CountObjects), which ships beside the CLI.</summary>
internal static class SampleProgram
{
    public static IReadOnlyList<string> Command()
    {
        var folder = AppContext.BaseDirectory;
        var apphost = Path.Combine(folder, OperatingSystem.IsWindows() ? "CountObjects.exe" : "CountObjects");
        if (File.Exists(apphost))
        {
            return [apphost];
        }

        return [Backends.Local.DotnetHost.Path, Path.Combine(folder, "CountObjects.dll")];
    }
}

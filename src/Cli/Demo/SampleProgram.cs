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

        var dll = Path.Combine(folder, "CountObjects.dll");
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (string.IsNullOrEmpty(host) || !File.Exists(host))
        {
            host = Environment.ProcessPath is { } current && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
        }

        return [host, dll];
    }
}

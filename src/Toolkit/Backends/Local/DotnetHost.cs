namespace Fleetbook.Backends.Local;

/// <summary>The dotnet executable that runs framework-dependent programs (workers, the demo's sample program).</summary>
public static class DotnetHost
{
    public static string Path
    {
        get
        {
            var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
            if (!string.IsNullOrEmpty(host) && File.Exists(host))
            {
                return host;
            }

            var current = Environment.ProcessPath;
            return current is not null && System.IO.Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
        }
    }
}

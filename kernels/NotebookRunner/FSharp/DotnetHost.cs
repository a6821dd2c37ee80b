namespace Fleetbook.Notebooks.FSharp;

/// <summary>The dotnet executable that runs <c>dotnet fsi</c>: the SDK's host when we were started by it, else the one on PATH.</summary>
internal static class DotnetHost
{
    public static string Path
    {
        get
        {
            if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
            {
                return host;
            }

            var self = Environment.ProcessPath;
            return self is not null && System.IO.Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase) ? self : "dotnet";
        }
    }
}

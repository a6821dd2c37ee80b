using System.Diagnostics;
using System.Text;
using Fleetbook.Tests.Aws.Emulators;
using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Aws.Worker;

/// <summary>What the container tests need on this machine; null when all is there, else what is missing and how to get it.</summary>
internal static class ContainerPrerequisites
{
    /// <summary>The libraries a self-contained .NET worker loads: glibc, libstdc++, and OpenSSL for request signing.</summary>
    public static readonly string[] RuntimeLibraries =
        ["libc.so.6", "libm.so.6", "libdl.so.2", "libpthread.so.0", "librt.so.1", "libgcc_s.so.1", "libstdc++.so.6", "libssl.so.3", "libcrypto.so.3"];

    private static readonly string[] LibraryFolders = ["/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib64", "/usr/lib64"];

    public static string? MissingReason { get; } = Find();

    public static string? Library(string name) => LibraryFolders.Select(f => Path.Combine(f, name)).FirstOrDefault(File.Exists);

    public static string? Busybox => new[] { "/bin/busybox", "/usr/bin/busybox" }.FirstOrDefault(File.Exists);

    private static string? Find()
    {
        if (!OperatingSystem.IsLinux() || System.Runtime.InteropServices.RuntimeInformation.OSArchitecture != System.Runtime.InteropServices.Architecture.X64)
        {
            return "the worker image is linux-x64 and this is not a linux-x64 machine.";
        }

        if (EmulatorPackages.FindExecutable("docker") is null)
        {
            return "the docker CLI is not on PATH (apt-get install -y docker.io).";
        }

        if (EmulatorPackages.FindExecutable("dockerd") is null)
        {
            return "dockerd is not on PATH (apt-get install -y docker.io); the test starts a daemon of its own.";
        }

        if (Environment.UserName != "root")
        {
            return $"starting dockerd needs root, and the tests run as {Environment.UserName}.";
        }

        if (Busybox is null)
        {
            return "busybox is not installed (apt-get install -y busybox-static); it is the shell of the tiny base image.";
        }

        if (RuntimeLibraries.FirstOrDefault(l => Library(l) is null) is { } missing)
        {
            return $"{missing} is not in {string.Join(", ", LibraryFolders)}; the tiny base image copies it from this machine.";
        }

        return EmulatorPackages.MissingReason;
    }
}

/// <summary>A fact that builds and runs the worker image: skipped, with the reason, when docker, dockerd, root or Node.js is missing.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class ContainerFactAttribute : FactAttribute
{
    public ContainerFactAttribute()
    {
        if (ContainerPrerequisites.MissingReason is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>
/// A dockerd of the tests' own: data, exec root and socket in a temp folder, and no bridge, iptables rules or IP
/// forwarding (containers run with --network host), so it leaves the machine's network as it found it. Stopped with
/// SIGTERM when the tests end; the namespace mount it leaves behind is unmounted.
/// </summary>
public sealed class DockerDaemon : IAsyncLifetime
{
    private readonly TempFolder _folder = new("dockerd");
    private readonly StringBuilder _log = new();
    private Process? _daemon;

    public string Host => $"unix://{_folder.File("docker.sock")}";

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public async Task InitializeAsync()
    {
        if (ContainerPrerequisites.MissingReason is not null)
        {
            return;
        }

        var start = new ProcessStartInfo("dockerd") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
        {
            "--host", Host, "--data-root", _folder.File("data"), "--exec-root", _folder.File("exec"), "--pidfile", _folder.File("dockerd.pid"),
            "--bridge=none", "--iptables=false", "--ip-forward=false", "--ip-masq=false",
        })
        {
            start.ArgumentList.Add(argument);
        }

        _daemon = Process.Start(start)!;
        _daemon.OutputDataReceived += (_, e) => Append(e.Data);
        _daemon.ErrorDataReceived += (_, e) => Append(e.Data);
        _daemon.BeginOutputReadLine();
        _daemon.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await RunAsync(["version", "--format", "{{.Server.Version}}"], TimeSpan.FromSeconds(10))).ExitCode != 0)
        {
            if (_daemon.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"dockerd did not start:\n{Log}");
            }

            await Task.Delay(250);
        }
    }

    /// <summary>Runs the docker CLI against this daemon.</summary>
    public Task<(int ExitCode, string Output)> RunAsync(IReadOnlyList<string> arguments, TimeSpan timeout) =>
        Command.RunAsync("docker", arguments, timeout, new Dictionary<string, string> { ["DOCKER_HOST"] = Host });

    public async Task DisposeAsync()
    {
        if (_daemon is not null)
        {
            await Command.RunAsync("kill", ["-TERM", _daemon.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(5));
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _daemon.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _daemon.Kill(entireProcessTree: true);
            }

            _daemon.Dispose();
            var netns = _folder.File("exec/netns/default");
            if (File.Exists(netns))
            {
                await Command.RunAsync("umount", [netns], TimeSpan.FromSeconds(10));
            }
        }

        _folder.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                _log.AppendLine(line);
            }
        }
    }
}

/// <summary>Runs a program to its end and returns its exit code and its output (standard output and error together).</summary>
internal static class Command
{
    public static async Task<(int ExitCode, string Output)> RunAsync(string program, IReadOnlyList<string> arguments, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        void Append(string? line)
        {
            if (line is not null)
            {
                lock (output)
                {
                    output.AppendLine(line);
                }
            }
        }

        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            Append($"(killed after {timeout.TotalSeconds:0} s)");
        }

        await process.WaitForExitAsync(CancellationToken.None);
        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
    }
}

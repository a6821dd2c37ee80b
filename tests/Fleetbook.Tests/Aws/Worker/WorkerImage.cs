using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Aws.Worker;

/// <summary>
/// The worker image, built for real: a tiny "user image" (busybox and the glibc, libstdc++ and OpenSSL libraries of
/// this machine, put together with <c>docker import</c>, since no registry is reachable), and the worker layered onto
/// it by <c>src/Worker/build-image.sh</c>.
/// </summary>
public sealed class WorkerImage : IAsyncLifetime
{
    private readonly TempFolder _folder = new("worker-image");
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..8];

    public DockerDaemon Docker { get; } = new();

    public string BaseTag => $"fleetbook-test/tiny-user-image:{_suffix}";

    public string Tag => $"fleetbook-test/worker:{_suffix}";

    public async Task InitializeAsync()
    {
        if (ContainerPrerequisites.MissingReason is not null)
        {
            return;
        }

        await Docker.InitializeAsync();
        var rootfs = BuildRootfs();
        var imported = await Command.RunAsync("bash", ["-c", $"set -o pipefail; tar -C '{rootfs}' -c . | docker import - {BaseTag}"], TimeSpan.FromMinutes(2),
            new Dictionary<string, string> { ["DOCKER_HOST"] = Docker.Host });
        Assert.True(imported.ExitCode == 0, $"docker import failed:\n{imported.Output}");

        var script = Path.Combine(RepositoryRoot(), "src", "Worker", "build-image.sh");
        var built = await Command.RunAsync("bash", [script, BaseTag, Tag], TimeSpan.FromMinutes(5),
            new Dictionary<string, string> { ["DOCKER_HOST"] = Docker.Host, ["DOCKER_BUILDKIT"] = "0" });
        Assert.True(built.ExitCode == 0, $"build-image.sh failed:\n{built.Output}");
    }

    public async Task DisposeAsync()
    {
        await Docker.DisposeAsync();
        _folder.Dispose();
    }

    private string BuildRootfs()
    {
        var root = _folder.File("rootfs");
        foreach (var folder in new[] { "bin", "lib/x86_64-linux-gnu", "lib64", "tmp", "etc", "proc", "sys", "dev" })
        {
            Directory.CreateDirectory(Path.Combine(root, folder));
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path.Combine(root, "tmp"), (UnixFileMode)Convert.ToInt32("1777", 8));
        }
        File.Copy(ContainerPrerequisites.Busybox!, Path.Combine(root, "bin/busybox"));
        foreach (var applet in new[] { "sh", "echo", "cat", "sleep", "ls", "mkdir", "rm", "printf", "true" })
        {
            File.CreateSymbolicLink(Path.Combine(root, "bin", applet), "busybox");
        }

        foreach (var library in ContainerPrerequisites.RuntimeLibraries)
        {
            // File.Copy follows symbolic links: the image gets the libraries themselves.
            File.Copy(ContainerPrerequisites.Library(library)!, Path.Combine(root, "lib/x86_64-linux-gnu", library));
        }

        File.Copy(ContainerPrerequisites.Library("ld-linux-x86-64.so.2") ?? "/lib64/ld-linux-x86-64.so.2", Path.Combine(root, "lib64/ld-linux-x86-64.so.2"));
        File.WriteAllText(Path.Combine(root, "etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n");
        File.WriteAllText(Path.Combine(root, "etc/group"), "root:x:0:\n");
        return root;
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Fleetbook.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Fleetbook.slnx is not above " + AppContext.BaseDirectory);
    }
}

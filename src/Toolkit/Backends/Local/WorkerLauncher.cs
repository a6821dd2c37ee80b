using System.Diagnostics;
using Fleetbook.Inputs;

namespace Fleetbook.Backends.Local;

/// <summary>
/// Finds the fleetbook-worker program and starts it detached, its output appended to a log file, with the worker's
/// environment on top of a short allow-list of this process's (<see cref="InheritedEnvironment"/>), never all of it.
/// </summary>
internal static class WorkerLauncher
{
    public const string WorkerPathVariable = "FLEETBOOK_WORKER";
    private const string WorkerName = "fleetbook-worker";

    /// <summary>The native worker the tool and library packages carry on Linux x64 (src/Worker/NativeWorker.targets).</summary>
    internal const string NativeWorkerName = "fleetbook-worker-linux-x64";

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> NativeWorkerChecks = new();

    /// <summary>
    /// The command that starts a worker: <c>FLEETBOOK_WORKER</c> when set; else the worker beside the application or
    /// beside Fleetbook.dll (the native one the packages carry for Linux x64 when it runs here, the apphost, else
    /// <c>dotnet fleetbook-worker.dll</c>); else the one the Fleetbook package
    /// carries, when Fleetbook.dll was loaded from the NuGet packages folder (a notebook's or dotnet fsi's
    /// <c>#r "nuget: Fleetbook"</c>): its native worker when it runs here, else the portable one started with that folder
    /// as its probing path so its dependencies resolve there.
    /// </summary>
    public static IReadOnlyList<string> WorkerCommand()
    {
        var configured = Environment.GetEnvironmentVariable(WorkerPathVariable);
        if (!string.IsNullOrEmpty(configured))
        {
            return configured.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? [DotnetHost.Path, configured] : [configured];
        }

        var library = Path.GetDirectoryName(typeof(WorkerLauncher).Assembly.Location);
        var besides = new[] { AppContext.BaseDirectory, library }.OfType<string>().Where(f => f.Length > 0).Distinct().ToList();
        foreach (var folder in besides)
        {
            var native = Path.Combine(folder, NativeWorkerName);
            if (NativeWorkerRunsHere(native))
            {
                return [native];
            }

            var apphost = Path.Combine(folder, OperatingSystem.IsWindows() ? WorkerName + ".exe" : WorkerName);
            if (File.Exists(apphost))
            {
                return [apphost];
            }

            var dll = Path.Combine(folder, WorkerName + ".dll");
            if (File.Exists(dll))
            {
                return [DotnetHost.Path, dll];
            }
        }

        if (PackagedWorker(library) is { } packaged)
        {
            var native = Path.Combine(Path.GetDirectoryName(packaged.Worker)!, NativeWorkerName);
            return NativeWorkerRunsHere(native) ? [native] : [DotnetHost.Path, "exec", "--additionalprobingpath", packaged.PackagesFolder, packaged.Worker];
        }

        throw new InputException(new InputProblem(WorkerPathVariable, null, null, null,
            $"cannot find {WorkerName}: looked beside {string.Join(" and beside ", besides)}, and Fleetbook.dll was not loaded from a NuGet packages folder.",
            $"reference Fleetbook as a package (#r \"nuget: Fleetbook\", #:package Fleetbook, or a PackageReference), or set {WorkerPathVariable} to the path of {WorkerName}.dll (or its executable)."));
    }

    /// <summary>
    /// Whether the native worker at <paramref name="path"/> can run on this machine: Linux x64, and it starts (it was
    /// built against the C library of the machine that packed it; an older one refuses it). Asked once per process: with
    /// no environment it must say what is missing and exit 2, as the worker does.
    /// </summary>
    private static bool NativeWorkerRunsHere(string path) =>
        OperatingSystem.IsLinux() && System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture == System.Runtime.InteropServices.Architecture.X64
        && File.Exists(path) && NativeWorkerChecks.GetOrAdd(path, StartsAndAnswers);

    private static bool StartsAndAnswers(string path)
    {
        var start = new ProcessStartInfo(path) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment.Clear();
        try
        {
            using var probe = Process.Start(start)!;
            var error = probe.StandardError.ReadToEndAsync();
            _ = probe.StandardOutput.ReadToEndAsync();
            if (!probe.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                probe.Kill();
                return false;
            }

            return probe.ExitCode == 2 && error.Result.StartsWith(WorkerName + ":", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or IOException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>
    /// The worker in the package Fleetbook.dll was loaded from: <c>&lt;packages&gt;/fleetbook/&lt;version&gt;/lib/&lt;tfm&gt;/Fleetbook.dll</c>
    /// has it at <c>&lt;packages&gt;/fleetbook/&lt;version&gt;/tools/worker/fleetbook-worker.dll</c>.
    /// </summary>
    internal static (string Worker, string PackagesFolder)? PackagedWorker(string? libraryFolder)
    {
        var package = libraryFolder is null ? null : Directory.GetParent(libraryFolder)?.Parent;
        var id = package?.Parent;
        var packages = id?.Parent;
        if (package is null || packages is null || !string.Equals(id!.Name, "fleetbook", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var worker = Path.Combine(package.FullName, "tools", "worker", WorkerName + ".dll");
        return File.Exists(worker) ? (worker, packages.FullName) : null;
    }

    public static Process Start(IReadOnlyList<string> command, IReadOnlyDictionary<string, string> environment, string logFile)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(logFile)!);
        ProcessStartInfo start;
        if (OperatingSystem.IsWindows())
        {
            start = new ProcessStartInfo(command[0]) { UseShellExecute = false, CreateNoWindow = true };
            foreach (var argument in command.Skip(1))
            {
                start.ArgumentList.Add(argument);
            }
        }
        else
        {
            // setsid: the worker outlives the terminal that started it, as a fleet outlives startCluster;
            // sh's exec keeps the PID, so the PID we record is the worker's.
            var setsid = File.Exists("/usr/bin/setsid") ? "/usr/bin/setsid" : null;
            start = new ProcessStartInfo(setsid ?? "/bin/sh") { UseShellExecute = false };
            if (setsid is not null)
            {
                start.ArgumentList.Add("/bin/sh");
            }

            start.ArgumentList.Add("-c");
            start.ArgumentList.Add("exec \"$@\" >>\"$FLEETBOOK_WORKER_LOG\" 2>&1 </dev/null");
            start.ArgumentList.Add("sh");
            foreach (var argument in command)
            {
                start.ArgumentList.Add(argument);
            }
        }

        start.Environment.Clear();
        foreach (var (name, value) in InheritedEnvironment.From())
        {
            start.Environment[name] = value;
        }

        start.Environment["FLEETBOOK_WORKER_LOG"] = logFile;
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return Process.Start(start) ?? throw new InvalidOperationException("the worker process did not start.");
    }
}

using System.Diagnostics;
using Fleetbook.Inputs;

namespace Fleetbook.Backends.Local;

/// <summary>Finds the fleetbook-worker program and starts it detached, its output appended to a log file.</summary>
internal static class WorkerLauncher
{
    public const string WorkerPathVariable = "FLEETBOOK_WORKER";
    private const string WorkerName = "fleetbook-worker";

    /// <summary>The command that starts a worker: the apphost when present, else <c>dotnet fleetbook-worker.dll</c>.</summary>
    public static IReadOnlyList<string> WorkerCommand()
    {
        var configured = Environment.GetEnvironmentVariable(WorkerPathVariable);
        if (!string.IsNullOrEmpty(configured))
        {
            return configured.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? [DotnetHost.Path, configured] : [configured];
        }

        foreach (var folder in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(typeof(WorkerLauncher).Assembly.Location) ?? "" }.Distinct())
        {
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

        throw new InputException(new InputProblem(WorkerPathVariable, null, null, null,
            $"cannot find {WorkerName} beside {AppContext.BaseDirectory}.",
            $"set {WorkerPathVariable} to the path of {WorkerName}.dll (or its executable)."));
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

            start.Environment["FLEETBOOK_WORKER_LOG"] = logFile;
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return Process.Start(start) ?? throw new InvalidOperationException("the worker process did not start.");
    }
}

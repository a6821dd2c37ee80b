using System.Diagnostics;
using Fleetbook.Backends.Local;
using Fleetbook.Fleet;

namespace Fleetbook.Tests.Aws.Integration;

/// <summary>
/// Real <c>fleetbook-worker</c> processes (the Worker project's dll beside the test assembly, run with dotnet) as the
/// fleet of an AWS run. Each gets exactly the environment it is given, with no AWS variables of the test process.
/// </summary>
public sealed class WorkerProcessFleet(string logFolder) : IFleet, IAsyncDisposable
{
    private readonly List<Process> _workers = [];
    private readonly Lock _lock = new();
    private IReadOnlyDictionary<string, string> _environment = new Dictionary<string, string>();
    private int _desired;
    private int _started;

    public static string WorkerDll { get; } = Path.Combine(AppContext.BaseDirectory, "fleetbook-worker.dll");

    /// <summary>How many worker processes were started in all (replacements included).</summary>
    public int Started => Volatile.Read(ref _started);

    public IReadOnlyList<string> LogFiles => Directory.Exists(logFolder) ? Directory.GetFiles(logFolder, "*.log") : [];

    public Task<FleetStatus> StartAsync(FleetLaunch launch, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _desired = launch.Workers;
            _environment = launch.Environment;
        }

        return ReplenishAsync(cancellationToken);
    }

    public Task<FleetStatus> DescribeAsync(CancellationToken cancellationToken) => Task.FromResult(Status());

    public Task<FleetStatus> ReplenishAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _workers.RemoveAll(p => p.HasExited);
            while (_workers.Count < _desired)
            {
                _workers.Add(Launch(Interlocked.Increment(ref _started)));
            }
        }

        return Task.FromResult(Status());
    }

    public async Task<int> StopAsync(TimeSpan grace, CancellationToken cancellationToken)
    {
        List<Process> running;
        lock (_lock)
        {
            _desired = 0;
            running = _workers.Where(p => !p.HasExited).ToList();
        }

        foreach (var worker in running)
        {
            try
            {
                worker.Kill(entireProcessTree: true);
                await worker.WaitForExitAsync(cancellationToken);
            }
            catch (InvalidOperationException)
            {
            }
        }

        return running.Count;
    }

    /// <summary>Waits for every worker to exit by itself (they do once the queue stays empty).</summary>
    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        List<Process> workers;
        lock (_lock)
        {
            workers = [.. _workers];
        }

        foreach (var worker in workers)
        {
            await worker.WaitForExitAsync(limit.Token);
        }
    }

    public string Output() => string.Join("\n", LogFiles.Order().Select(f => $"--- {Path.GetFileName(f)}\n{File.ReadAllText(f)}"));

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.Zero, CancellationToken.None);
        lock (_lock)
        {
            _workers.ForEach(p => p.Dispose());
            _workers.Clear();
        }
    }

    /// <summary>Runs one worker to its end and returns its exit code and everything it printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunOnceAsync(IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        using var process = Process.Start(StartInfo(environment))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(limit.Token);
        return (process.ExitCode, (await output) + (await errors));
    }

    private Process Launch(int number)
    {
        Directory.CreateDirectory(logFolder);
        IReadOnlyDictionary<string, string> environment;
        lock (_lock)
        {
            // A work folder of the test's own: /tmp/fleetbook-work is shared with every other run on the machine.
            environment = new Dictionary<string, string>(_environment) { ["FLEETBOOK_WORKER_ID"] = $"worker{number}", ["FLEETBOOK_WORK_DIR"] = Path.Combine(logFolder, "work") };
        }

        var process = Process.Start(StartInfo(environment)) ?? throw new InvalidOperationException("fleetbook-worker did not start.");
        var log = new StreamWriter(Path.Combine(logFolder, $"worker{number}.log")) { AutoFlush = true };
        var gate = new Lock();
        void Write(string? line)
        {
            if (line is not null)
            {
                lock (gate)
                {
                    log.WriteLine(line);
                }
            }
        }

        process.OutputDataReceived += (_, e) => Write(e.Data);
        process.ErrorDataReceived += (_, e) => Write(e.Data);
        process.Exited += (_, _) =>
        {
            lock (gate)
            {
                log.Dispose();
            }
        };
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static ProcessStartInfo StartInfo(IReadOnlyDictionary<string, string> environment)
    {
        if (!File.Exists(WorkerDll))
        {
            throw new FileNotFoundException($"fleetbook-worker.dll is not beside the test assembly in {AppContext.BaseDirectory}.", WorkerDll);
        }

        var start = new ProcessStartInfo(DotnetHost.Path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(WorkerDll);
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal) || k.StartsWith("FLEETBOOK_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        start.Environment["FLEETBOOK_JOB_LOGS"] = "s3"; // the emulators have no CloudWatch Logs
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return start;
    }

    private FleetStatus Status()
    {
        lock (_lock)
        {
            var running = _workers.Count(p => !p.HasExited);
            return new FleetStatus(_desired, running, $"{running} of {_desired} fleetbook-worker processes");
        }
    }
}

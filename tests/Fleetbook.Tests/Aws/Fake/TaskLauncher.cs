using System.Diagnostics;
using System.Text.Json.Nodes;
using Fleetbook.Backends.Local;
using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Aws.Fake;

/// <summary>What the fake knows when it places an ECS task: the container to run and the environment it gets.</summary>
/// <param name="ContainerDefinition">The container definition (the first essential one) as registered.</param>
/// <param name="Environment">The container's environment: the fake's defaults, then the definition's <c>environment</c>, then <see cref="FakeAwsServer.TaskEnvironmentOverrides"/>.</param>
/// <param name="WorkFolder">A folder of the task's own (its "container filesystem").</param>
/// <param name="LogFile">Where the process's stdout and stderr go (the fake copies it to the awslogs stream).</param>
public sealed record TaskLaunch(
    string TaskId,
    string TaskArn,
    string ClusterName,
    string? ServiceName,
    string ContainerName,
    JsonObject ContainerDefinition,
    IReadOnlyDictionary<string, string> Environment,
    string WorkFolder,
    string LogFile);

/// <summary>Starts the process of an ECS task.</summary>
public interface ITaskLauncher
{
    ITaskProcess Start(TaskLaunch launch);
}

/// <summary>A running task's process.</summary>
public interface ITaskProcess : IDisposable
{
    int Id { get; }
    bool HasExited { get; }

    /// <summary>The exit code once exited (a signal shows as 128 + its number, as in a shell).</summary>
    int? ExitCode { get; }

    /// <summary>Asks it to stop (SIGTERM), as ECS does before the stop timeout.</summary>
    void Terminate();

    /// <summary>Ends it and its children (SIGKILL).</summary>
    void Kill();

    Task WaitForExitAsync(TimeSpan timeout);
}

/// <summary>Runs each task as a real <c>fleetbook-worker</c> process (found as the local fleet finds it: beside the tests).</summary>
public sealed class WorkerTaskLauncher : ITaskLauncher
{
    public ITaskProcess Start(TaskLaunch launch) => LocalTaskProcess.Start(WorkerLauncher.WorkerCommand(), launch);
}

/// <summary>Runs each task as a fixed command (e.g. <c>/bin/sh -c "sleep 30"</c>) with the task's environment: for tests of the fake itself.</summary>
public sealed class CommandTaskLauncher(params string[] command) : ITaskLauncher
{
    /// <summary>Every launch so far, in order.</summary>
    public IReadOnlyList<TaskLaunch> Launches
    {
        get
        {
            lock (_launches)
            {
                return [.. _launches];
            }
        }
    }

    private readonly List<TaskLaunch> _launches = [];

    public ITaskProcess Start(TaskLaunch launch)
    {
        lock (_launches)
        {
            _launches.Add(launch);
        }

        return LocalTaskProcess.Start(command, launch);
    }
}

/// <summary>A process started with only the task's environment (plus PATH, HOME and the .NET host's variables), output appended to the task's log file.</summary>
internal sealed class LocalTaskProcess : ITaskProcess
{
    private static readonly string[] PassedThrough = ["PATH", "HOME", "TMPDIR", "LANG", "LC_ALL", "DOTNET_ROOT", "DOTNET_ROOT_X64", "DOTNET_HOST_PATH", "DOTNET_CLI_HOME", "DOTNET_NOLOGO",
        TestRunProcesses.Variable, // not a container's, but how the test run finds the tasks it left running
    ];

    private readonly Process _process;

    private LocalTaskProcess(Process process)
    {
        _process = process;
        Id = process.Id;
    }

    public int Id { get; }

    public bool HasExited
    {
        get
        {
            try
            {
                return _process.HasExited;
            }
            catch (InvalidOperationException)
            {
                return true;
            }
        }
    }

    public int? ExitCode => HasExited ? _process.ExitCode : null;

    public static LocalTaskProcess Start(IReadOnlyList<string> command, TaskLaunch launch)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(launch.LogFile)!);
        Directory.CreateDirectory(launch.WorkFolder);
        ProcessStartInfo start;
        if (OperatingSystem.IsWindows())
        {
            start = new ProcessStartInfo(command[0]) { UseShellExecute = false, CreateNoWindow = true, WorkingDirectory = launch.WorkFolder };
            foreach (var argument in command.Skip(1))
            {
                start.ArgumentList.Add(argument);
            }
        }
        else
        {
            // sh's exec keeps the PID, so SIGTERM reaches the task's program itself, as docker stop does.
            start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, WorkingDirectory = launch.WorkFolder };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add("exec \"$@\" >>\"$FAKE_AWS_TASK_LOG\" 2>&1 </dev/null");
            start.ArgumentList.Add("sh");
            foreach (var argument in command)
            {
                start.ArgumentList.Add(argument);
            }

            // A container does not inherit the host's environment.
            var inherited = PassedThrough.Select(name => (name, value: Environment.GetEnvironmentVariable(name))).Where(p => p.value is not null).ToList();
            start.Environment.Clear();
            foreach (var (name, value) in inherited)
            {
                start.Environment[name] = value;
            }

            start.Environment["FAKE_AWS_TASK_LOG"] = launch.LogFile;
        }

        // The worker's scratch space in the task's own folder, as /tmp is the container's own; the task definition may still set it.
        start.Environment["FLEETBOOK_WORK_DIR"] = Path.Combine(launch.WorkFolder, "work");
        foreach (var (name, value) in launch.Environment)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"the process of task {launch.TaskId} did not start.");
        return new LocalTaskProcess(process);
    }

    public void Terminate()
    {
        if (!HasExited)
        {
            ProcessIdentity.Of(Id).Terminate();
        }
    }

    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
        }
    }

    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
        }
    }

    public void Dispose() => _process.Dispose();
}

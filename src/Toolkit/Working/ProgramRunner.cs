using System.Diagnostics;

namespace Fleetbook.Working;

/// <summary>One run of the user's program: an argument vector, a working folder and extra environment.</summary>
public sealed record ProgramInvocation(IReadOnlyList<string> Arguments, string WorkingDirectory, IReadOnlyDictionary<string, string> Environment);

/// <summary>How the program ended. <paramref name="OutputLost"/> says why its output could not all be passed on (the log could not be written); it was drained all the same.</summary>
public sealed record ProgramResult(int? ExitCode, bool TimedOut, bool Stopped, string? StartError, string? OutputLost = null)
{
    public bool Succeeded => ExitCode == 0 && !TimedOut && !Stopped && StartError is null;
}

/// <summary>
/// The only place that starts the user's program (on Linux through <see cref="SpawnedProgram"/>). Output streams to a
/// callback in lines of bounded length (<see cref="OutputLines"/>); a timeout or a stop kills every process of the job, and whatever the job leaves running
/// when it ends is killed too (<see cref="JobProcessTree"/>).
/// </summary>
public static class ProgramRunner
{
    public static Task<ProgramResult> RunAsync(
        ProgramInvocation invocation,
        Func<string, Task> onLine,
        TimeSpan? timeout,
        TimeProvider time,
        CancellationToken stop) =>
        RunAsync(invocation, onLine, timeout, time, stop, LinuxProcessCalls.IsAvailable);

    /// <summary>As above; <paramref name="spawnDirectly"/> chooses <see cref="SpawnedProgram"/> (tests run both ways).</summary>
    internal static async Task<ProgramResult> RunAsync(
        ProgramInvocation invocation,
        Func<string, Task> onLine,
        TimeSpan? timeout,
        TimeProvider time,
        CancellationToken stop,
        bool spawnDirectly)
    {
        if (invocation.Arguments.Concat(invocation.Environment.Values).Any(text => text.Contains('\0')))
        {
            return new ProgramResult(null, false, false, "an argument or variable of the program holds a NUL character, which no program can receive");
        }

        return spawnDirectly
            ? await SpawnedProgram.RunAsync(invocation, onLine, timeout, time, stop)
            : await RunThroughProcessAsync(invocation, onLine, timeout, time, stop);
    }

    /// <summary>Through .NET's Process, where <see cref="SpawnedProgram"/> cannot run (macOS, Windows, other architectures).</summary>
    private static async Task<ProgramResult> RunThroughProcessAsync(
        ProgramInvocation invocation,
        Func<string, Task> onLine,
        TimeSpan? timeout,
        TimeProvider time,
        CancellationToken stop)
    {

        var start = new ProcessStartInfo(invocation.Arguments[0])
        {
            WorkingDirectory = invocation.WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in invocation.Arguments.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in invocation.Environment)
        {
            start.Environment[name] = value;
        }

        using var process = new Process { StartInfo = start };
        JobProcessTree tree;
        try
        {
            tree = JobProcessTree.Start(process);
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException or ArgumentException)
        {
            return new ProgramResult(null, false, false, $"could not start '{invocation.Arguments[0]}': {ex.Message}");
        }

        var lines = new SemaphoreSlim(1, 1);
        string? outputLost = null;

        // A line that cannot be passed on must not stop the reading: a program whose pipe fills up would hang.
        async Task OnLine(string line)
        {
            await lines.WaitAsync(CancellationToken.None);
            try
            {
                if (outputLost is null)
                {
                    await onLine(line);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                outputLost = ex.Message;
            }
            finally
            {
                lines.Release();
            }
        }

        var pumps = Task.WhenAll(
            OutputLines.PumpAsync(process.StandardOutput.BaseStream, OnLine),
            OutputLines.PumpAsync(process.StandardError.BaseStream, OnLine));
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(stop);
        using var deadline = timeout is { } t ? new CancellationTokenSource(t, time) : new CancellationTokenSource();
        using var either = CancellationTokenSource.CreateLinkedTokenSource(limit.Token, deadline.Token);

        var timedOut = false;
        var stopped = false;
        try
        {
            try
            {
                await process.WaitForExitAsync(either.Token);
            }
            catch (OperationCanceledException)
            {
                timedOut = deadline.IsCancellationRequested && !stop.IsCancellationRequested;
                stopped = stop.IsCancellationRequested;
                tree.KillAll();
                await process.WaitForExitAsync(CancellationToken.None);
            }
        }
        finally
        {
            await tree.EndAsync();
        }

        // A process that escaped the job (see JobProcessTree) can hold the pipes open; do not wait on it forever.
        await Task.WhenAny(pumps, Task.Delay(TimeSpan.FromSeconds(2), CancellationToken.None));
        return new ProgramResult(timedOut || stopped ? null : process.ExitCode, timedOut, stopped, null, outputLost);
    }
}

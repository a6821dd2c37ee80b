using System.Diagnostics;

namespace Fleetbook.Working;

/// <summary>One run of the user's program: an argument vector, a working folder and extra environment.</summary>
public sealed record ProgramInvocation(IReadOnlyList<string> Arguments, string WorkingDirectory, IReadOnlyDictionary<string, string> Environment);

/// <summary>How the program ended.</summary>
public sealed record ProgramResult(int? ExitCode, bool TimedOut, bool Stopped, string? StartError)
{
    public bool Succeeded => ExitCode == 0 && !TimedOut && !Stopped && StartError is null;
}

/// <summary>The only place that starts the user's program. Output lines stream to a callback; a timeout or a stop kills the whole process tree.</summary>
public static class ProgramRunner
{
    public static async Task<ProgramResult> RunAsync(
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
        try
        {
            process.Start();
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return new ProgramResult(null, false, false, $"could not start '{invocation.Arguments[0]}': {ex.Message}");
        }

        var lines = new SemaphoreSlim(1, 1);

        async Task Pump(StreamReader reader)
        {
            while (await reader.ReadLineAsync(CancellationToken.None) is { } line)
            {
                await lines.WaitAsync(CancellationToken.None);
                try
                {
                    await onLine(line);
                }
                finally
                {
                    lines.Release();
                }
            }
        }

        var pumps = Task.WhenAll(Pump(process.StandardOutput), Pump(process.StandardError));
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(stop);
        using var deadline = timeout is { } t ? new CancellationTokenSource(t, time) : new CancellationTokenSource();
        using var either = CancellationTokenSource.CreateLinkedTokenSource(limit.Token, deadline.Token);

        var timedOut = false;
        var stopped = false;
        try
        {
            await process.WaitForExitAsync(either.Token);
        }
        catch (OperationCanceledException)
        {
            timedOut = deadline.IsCancellationRequested && !stop.IsCancellationRequested;
            stopped = stop.IsCancellationRequested;
            Kill(process);
            await process.WaitForExitAsync(CancellationToken.None);
        }

        // Output of grandchildren that outlive a kill can hold the pipes open; do not wait on them forever.
        await Task.WhenAny(pumps, Task.Delay(TimeSpan.FromSeconds(2), CancellationToken.None));
        return new ProgramResult(timedOut || stopped ? null : process.ExitCode, timedOut, stopped, null);
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // already exited
        }
    }
}

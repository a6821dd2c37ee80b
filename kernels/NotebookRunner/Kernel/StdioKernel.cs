using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Threading.Channels;
using Fleetbook.Notebooks.Protocol;

namespace Fleetbook.Notebooks.Kernel;

/// <summary>
/// <c>dotnet-interactive stdio</c> as a child process, the way VS Code's Polyglot Notebooks runs it: commands as JSON
/// lines on its stdin, events as JSON lines on its stdout. The only place that touches the process; disposing kills
/// the kernel's whole process tree (what cells started included), so nothing outlives the runner.
/// </summary>
internal sealed class StdioKernel : IKernelConnection
{
    private const int StderrLinesKept = 20;

    private static readonly TimeSpan ReadyLimit = TimeSpan.FromMinutes(2);

    private readonly Process _process;
    private readonly TextWriter? _eventLog;
    private readonly Channel<KernelEvent> _events = Channel.CreateUnbounded<KernelEvent>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly Queue<string> _stderrTail = new();
    private readonly SemaphoreSlim _stdin = new(1, 1);
    private readonly Task _stdout;
    private readonly Task _stderr;
    private int _disposed;

    private StdioKernel(Process process, TextWriter? eventLog)
    {
        _process = process;
        _eventLog = eventLog;
        _stdout = Task.Run(ReadEventsAsync);
        _stderr = Task.Run(ReadStderrAsync);
        AppDomain.CurrentDomain.ProcessExit += KillOnExit;
    }

    public ChannelReader<KernelEvent> Events => _events.Reader;

    public async Task<string> DescribeExitAsync()
    {
        using (var limit = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            try
            {
                await _process.WaitForExitAsync(limit.Token);
                await _stderr.WaitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }

        var code = _process.HasExited ? _process.ExitCode.ToString(CultureInfo.InvariantCulture) : "unknown";
        string[] tail;
        lock (_stderrTail)
        {
            tail = [.. _stderrTail];
        }

        return $"the kernel exited (exit code {code})" + (tail.Length > 0 ? ". Its last words on stderr:\n" + string.Join("\n", tail) : ".");
    }

    /// <summary>Starts the kernel in <paramref name="workingDirectory"/> and waits for its KernelReady event.</summary>
    /// <param name="eventLog">Receives every event line as the kernel wrote it.</param>
    public static async Task<StdioKernel> StartAsync(string command, string defaultKernel, string workingDirectory, TextWriter? eventLog, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(command)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
            StandardInputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in new[] { "stdio", "--default-kernel", defaultKernel, "--working-dir", workingDirectory })
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new KernelStartException($"{command} did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new KernelStartException($"{command} could not be started: {e.Message}");
        }

        var kernel = new StdioKernel(process, eventLog);
        try
        {
            await kernel.WaitUntilReadyAsync(cancellationToken);
            return kernel;
        }
        catch
        {
            await kernel.DisposeAsync();
            throw;
        }
    }

    public async Task SendAsync(KernelCommand command, CancellationToken cancellationToken)
    {
        await _stdin.WaitAsync(cancellationToken);
        try
        {
            await _process.StandardInput.WriteLineAsync(command.ToJsonLine().AsMemory(), cancellationToken);
            await _process.StandardInput.FlushAsync(cancellationToken);
        }
        catch (IOException)
        {
            // The kernel is gone; its event stream ends, and whoever waits for an answer learns it there.
        }
        finally
        {
            _stdin.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        AppDomain.CurrentDomain.ProcessExit -= KillOnExit;
        Kill();
        using (var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            try
            {
                await _process.WaitForExitAsync(limit.Token);
                await Task.WhenAll(_stdout, _stderr).WaitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }

        if (_eventLog is not null)
        {
            await _eventLog.FlushAsync();
        }

        _process.Dispose();
        _stdin.Dispose();
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(ReadyLimit);
        try
        {
            while (await _events.Reader.WaitToReadAsync(limit.Token))
            {
                while (_events.Reader.TryRead(out var kernelEvent))
                {
                    if (kernelEvent.Type == EventTypes.KernelReady)
                    {
                        return;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new KernelStartException($"the kernel was not ready after {ReadyLimit.TotalMinutes:0} minutes.");
        }

        throw new KernelStartException($"{await DescribeExitAsync()}\nIt never said it was ready.");
    }

    private async Task ReadEventsAsync()
    {
        try
        {
            while (await _process.StandardOutput.ReadLineAsync() is { } line)
            {
                if (KernelEvent.Parse(line) is not { } kernelEvent)
                {
                    continue;
                }

                if (_eventLog is not null)
                {
                    await _eventLog.WriteLineAsync(line);
                }

                _events.Writer.TryWrite(kernelEvent);
            }
        }
        finally
        {
            _events.Writer.TryComplete();
        }
    }

    private async Task ReadStderrAsync()
    {
        while (await _process.StandardError.ReadLineAsync() is { } line)
        {
            lock (_stderrTail)
            {
                _stderrTail.Enqueue(line);
                if (_stderrTail.Count > StderrLinesKept)
                {
                    _stderrTail.Dequeue();
                }
            }
        }
    }

    private void KillOnExit(object? sender, EventArgs e) => Kill();

    private void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // It exited meanwhile.
        }
    }
}

using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Fleetbook.Notebooks.Execution;
using Fleetbook.Notebooks.Ipynb;

namespace Fleetbook.Notebooks.FSharp;

/// <summary>
/// F# cells through one <c>dotnet fsi</c> process per notebook, fed on stdin. Each cell is one interaction, between a
/// Begin and an End call into <see cref="FsiHost"/> whose frames mark where the cell's output starts and ends on both
/// streams; <c>End</c> also shows <c>it</c>, the cell's last value. Errors are what fsi prints for the cell.
/// </summary>
internal sealed class FSharpKernel(string workingDirectory, OutputLog log) : ICellKernel
{
    private const string Host = "Fleetbook.Notebooks.FsiHost";
    private Process? _process;
    private FrameReader? _stdout;
    private FrameReader? _stderr;
    private Submission? _current;
    private string? _broken;

    public static string FileName(NotebookCell cell) => $"cell-{cell.Number}.fsx";

    public async Task<CellError?> RunAsync(NotebookCell cell, PreparedCode code, CancellationToken cancellationToken)
    {
        if (_broken is not null)
        {
            return new CellError("FSharpSessionStopped", _broken, [_broken]);
        }

        if (UnclosedText.Find(code.Code) is { } unclosed)
        {
            return new CellError(FsiErrors.CompilationError, unclosed, [unclosed]);
        }

        var id = cell.Number.ToString(CultureInfo.InvariantCulture);
        var interaction = new StringBuilder()
            .Append(Host).Append(".Begin \"").Append(id).Append("\";;\n")
            .Append("# 1 \"").Append(FileName(cell)).Append("\"\n")
            .Append(code.Code).Append("\n;;\n")
            .Append(Host).Append(".End(\"").Append(id).Append("\", box it);;\n")
            .ToString();
        return await SubmitAsync(id, interaction, FileName(cell), cancellationToken);
    }

    public async Task<CellError?> StartAsync(CancellationToken cancellationToken)
    {
        if (_process is not null)
        {
            return null;
        }

        if (await StartProcessAsync(cancellationToken) is { } startError)
        {
            _broken = "F# cells cannot run: " + startError.Summary;
            return startError with { Message = "dotnet fsi did not start: " + startError.Message };
        }

        return null;
    }

    private async Task<CellError?> StartProcessAsync(CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(DotnetHost.Path)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            StandardInputEncoding = new UTF8Encoding(false),
        };
        foreach (var argument in new[] { "fsi", "--quiet", "--readline-" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        try
        {
            _process = Process.Start(start) ?? throw new Win32Exception("Process.Start returned null.");
        }
        catch (Win32Exception e)
        {
            return new CellError("FSharpUnavailable", $"could not start '{start.FileName} fsi' (F# cells need the .NET SDK): {e.Message}", []);
        }

        _stdout = new FrameReader(_process.StandardOutput, OnStdout, OnFrame);
        _stderr = new FrameReader(_process.StandardError, text => Volatile.Read(ref _current)?.Stderr.Append(text), OnStderrFrame);
        _ = Task.WhenAll(_stdout.Completion, _stderr.Completion).ContinueWith(_ => Volatile.Read(ref _current)?.Exited(), TaskScheduler.Default);

        // The end marks are written with plain Console calls: if the #r of the runner fails, they still arrive.
        var runner = typeof(FsiHost).Assembly.Location;
        var end = FSharpString(new Frame(Frame.Finish, "0").Encode());
        var prelude = $"""
            #r @"{runner}"
            {Host}.Attach(fun (value: obj) -> sprintf "%A" value)
            /// Shows a value as an output of the cell (Fleetbook's formatters, else F#'s %A); Update(...) on the result changes it.
            let display (value: 'T) : Fleetbook.Notebooks.DisplayedValue = Fleetbook.Notebooks.Displays.Show(box value)
            let Display (value: 'T) : Fleetbook.Notebooks.DisplayedValue = display value
            ;;
            System.Console.Out.Write("{end}"); System.Console.Out.Flush(); System.Console.Error.Write("{end}"); System.Console.Error.Flush();;

            """;
        return await SubmitAsync("0", prelude, "stdin", cancellationToken);
    }

    private async Task<CellError?> SubmitAsync(string id, string interaction, string cellFile, CancellationToken cancellationToken)
    {
        var process = _process!;
        var submission = new Submission(id);
        Volatile.Write(ref _current, submission);
        try
        {
            await process.StandardInput.WriteAsync(interaction.AsMemory(), cancellationToken);
            await process.StandardInput.FlushAsync(cancellationToken);
            await submission.Ended.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            Stop("the F# session was stopped when a cell ran past the timeout");
            throw;
        }
        catch (IOException)
        {
            submission.Exited();
        }

        if (submission.ExitedEarly)
        {
            process.WaitForExit(TimeSpan.FromSeconds(2));
            var code = process.HasExited ? process.ExitCode.ToString(CultureInfo.InvariantCulture) : "?";
            _broken = $"dotnet fsi exited (code {code}) during an earlier cell.";
            var detail = submission.Stderr.ToString().Trim();
            return new CellError("FSharpSessionExited", $"dotnet fsi exited (code {code}) while running the cell." + (detail.Length > 0 ? " " + detail : ""), detail.Split('\n'));
        }

        var (error, output) = FsiErrors.Parse(submission.Stderr.ToString(), cellFile);
        if (output.Trim().Length > 0)
        {
            log.Write(StreamOutput.Stderr, output);
        }

        return error ?? (submission.Failure is { } failure ? new CellError("DisplayError", failure, [failure]) : null);
    }

    private static string FSharpString(string text) => text
        .Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("\"", "\\\"", StringComparison.Ordinal)
        .Replace(Frame.Start.ToString(), "\\u0002", StringComparison.Ordinal)
        .Replace(Frame.End.ToString(), "\\u0003", StringComparison.Ordinal);

    private void OnStdout(string text)
    {
        // Text of the prelude (before the first cell) has no cell to go to.
        if (Volatile.Read(ref _current) is { Id: not "0" })
        {
            log.Write(StreamOutput.Stdout, text);
        }
    }

    private void OnFrame(Frame frame)
    {
        var current = Volatile.Read(ref _current);
        switch (frame.Kind)
        {
            case Frame.Finish when current?.Id == frame.Cell:
                current!.StdoutEnded();
                break;
            case Frame.Fail when current?.Id == frame.Cell:
                current!.Failure = frame.Message;
                break;
            default:
                if (frame.ToDisplay() is { } display)
                {
                    log.Publish(display);
                }

                break;
        }
    }

    private void OnStderrFrame(Frame frame)
    {
        if (frame.Kind == Frame.Finish && Volatile.Read(ref _current) is { } current && current.Id == frame.Cell)
        {
            current.StderrEnded();
        }
    }

    private void Stop(string reason)
    {
        _broken ??= reason;
        try
        {
            if (_process is { HasExited: false })
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is null)
        {
            return;
        }

        try
        {
            if (!_process.HasExited)
            {
                await _process.StandardInput.WriteAsync("#quit;;\n");
                await _process.StandardInput.FlushAsync();
                _process.StandardInput.Close();
                using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _process.WaitForExitAsync(grace.Token);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or InvalidOperationException)
        {
            Stop("disposed");
        }
        finally
        {
            _process.Dispose();
        }
    }

    /// <summary>One interaction in flight: done when both streams have shown its End frame, or fsi has exited.</summary>
    private sealed class Submission(string id)
    {
        private readonly TaskCompletionSource _stdout = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _stderr = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Id { get; } = id;

        public StringBuilder Stderr { get; } = new();

        public string? Failure { get; set; }

        public bool ExitedEarly { get; private set; }

        public Task Ended => Task.WhenAll(_stdout.Task, _stderr.Task);

        public void StdoutEnded() => _stdout.TrySetResult();

        public void StderrEnded() => _stderr.TrySetResult();

        public void Exited()
        {
            ExitedEarly = !Ended.IsCompleted;
            _stdout.TrySetResult();
            _stderr.TrySetResult();
        }
    }
}

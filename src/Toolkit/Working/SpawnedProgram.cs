using System.Buffers;
using System.Runtime.InteropServices;
using static Fleetbook.Working.LinuxProcessCalls;

namespace Fleetbook.Working;

/// <summary>
/// Runs the program on Linux without .NET's Process: posix_spawn starts it with its two output pipes, and one thread
/// of its own polls those pipes, the program's pidfd and a wake-up for the timeout or stop, until it has exited and its
/// output is read: on a worker copy's own thread (<see cref="CopyThread"/>) that thread itself, elsewhere a thread
/// started for the run. Process costs more threads and thread switches per job (its pipe streams, its SIGCHLD
/// thread, the thread pool). It behaves the same: the program is found as Process finds it
/// (<see cref="ProgramLookup"/>), gets the worker's environment plus its own variables (<see cref="NativeEnvironment"/>),
/// and its whole job is killed at a timeout or stop (<see cref="JobProcessTree"/>). Unlike Process, SIGPIPE is left at
/// its default for the program.
/// </summary>
internal static class SpawnedProgram
{
    private static readonly TimeSpan DrainPatience = TimeSpan.FromSeconds(2);

    public static async Task<ProgramResult> RunAsync(
        ProgramInvocation invocation, Func<string, Task> onLine, TimeSpan? timeout, TimeProvider time, CancellationToken stop)
    {
        var name = invocation.Arguments[0];
        if (ProgramLookup.Find(name) is not { } path)
        {
            return StartProblem(name, "No such file or directory");
        }

        var environment = NativeEnvironment.ForProgram(); // before the copy's thread is marked as blocked
        using var deadline = timeout is { } t ? new CancellationTokenSource(t, time) : new CancellationTokenSource();
        using var either = CancellationTokenSource.CreateLinkedTokenSource(stop, deadline.Token);
        var wakeUp = NewWakeUp();
        if (wakeUp < 0)
        {
            throw new IOException($"could not create an eventfd to run the program: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        }

        try
        {
            Run run;
            using (either.Token.UnsafeRegister(static fd => WakeUp((int)fd!), wakeUp))
            {
                if (CopyThread.IsCurrent)
                {
                    using var blocking = CopyThread.BeginBlocking();
                    run = new Run(invocation, environment, path, onLine, wakeUp).Complete();
                }
                else
                {
                    // Not a worker copy (a test, a caller of the library): a thread of its own for this one run.
                    run = await Task.Factory.StartNew(
                        () => new Run(invocation, environment, path, onLine, wakeUp).Complete(), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
                }
            }

            if (run.StartError is not null)
            {
                return StartProblem(name, run.StartError);
            }

            var stopped = run.Killed && stop.IsCancellationRequested;
            var timedOut = run.Killed && !stopped && deadline.IsCancellationRequested;
            return new ProgramResult(timedOut || stopped ? null : run.ExitCode, timedOut, stopped, null, run.OutputLost);
        }
        finally
        {
            _ = close(wakeUp);
        }
    }

    private static ProgramResult StartProblem(string name, string error) => new(null, false, false, $"could not start '{name}': {error}");

    /// <summary>One program's run on its own thread, from start to the end of its output.</summary>
    private sealed class Run(ProgramInvocation invocation, NativeEnvironment inherited, string path, Func<string, Task> onLine, int wakeUp)
    {
        private readonly List<IntPtr> _strings = [];
        private readonly List<string> _ended = [];
        private byte[] _buffer = [];

        public string? StartError { get; private set; }

        public int? ExitCode { get; private set; }

        public bool Killed { get; private set; }

        public string? OutputLost { get; private set; }

        public Run Complete()
        {
            var output = Pipe();
            var errors = Pipe();
            var streams = new[] { new Stream(output.Read), new Stream(errors.Read) };
            _buffer = ArrayPool<byte>.Shared.Rent(OutputLines.ReadBufferBytes);
            try
            {
                var argv = NullTerminated(invocation.Arguments);
                var environment = EnvironmentBlock(invocation.Environment);
                JobProcessTree tree;
                var pid = 0;
                try
                {
                    tree = JobProcessTree.Start(mark =>
                    {
                        environment[^2] = Native(mark);
                        var error = Spawn(path, argv, environment, invocation.WorkingDirectory, output.Write, errors.Write, out pid);
                        return error == 0 ? pid : throw new SpawnException(error);
                    });
                }
                catch (SpawnException ex)
                {
                    StartError = Marshal.GetPInvokeErrorMessage(ex.Error);
                    return this;
                }
                finally
                {
                    _ = close(output.Write);
                    _ = close(errors.Write);
                }

                try
                {
                    WaitForExit(pid, tree, streams);
                }
                finally
                {
                    tree.EndAsync().GetAwaiter().GetResult();
                }

                Drain(streams);
                return this;
            }
            finally
            {
                foreach (var stream in streams)
                {
                    stream.Close(this);
                }

                _strings.ForEach(Marshal.FreeCoTaskMem);
                ArrayPool<byte>.Shared.Return(_buffer);
            }
        }

        /// <summary>Reads the output until the program exits, killing the whole job once when woken (timeout, stop); then reaps it.</summary>
        private void WaitForExit(int pid, JobProcessTree tree, Stream[] streams)
        {
            var pidfd = OpenPidfd(pid);
            if (pidfd < 0)
            {
                var error = Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError());
                tree.KillAll();
                Reap(pid);
                throw new IOException($"could not watch the program (pidfd_open: {error}); it was killed");
            }

            try
            {
                var exited = false;
                while (!exited)
                {
                    // Once woken, the wake-up stays readable: it leaves the set, and the kill is waited for.
                    var fds = Killed ? PollSet(streams, pidfd) : PollSet(streams, pidfd, wakeUp);
                    if (!Poll(fds, -1))
                    {
                        continue;
                    }

                    ReadReady(streams, fds);
                    if (!Killed && fds[^1].ReturnedEvents != 0)
                    {
                        Killed = true;
                        tree.KillAll();
                    }

                    exited = fds.Any(fd => fd.Fd == pidfd && fd.ReturnedEvents != 0);
                }
            }
            finally
            {
                _ = close(pidfd);
            }

            Reap(pid);
        }

        /// <summary>After the exit: the rest of the output, for at most <see cref="DrainPatience"/> (a process that escaped the job may hold the pipes open).</summary>
        private void Drain(Stream[] streams)
        {
            var until = System.Environment.TickCount64 + (long)DrainPatience.TotalMilliseconds;
            while (streams.Any(s => s.IsOpen) && System.Environment.TickCount64 < until)
            {
                var fds = PollSet(streams);
                if (Poll(fds, (int)Math.Max(0, until - System.Environment.TickCount64)))
                {
                    ReadReady(streams, fds);
                }
            }
        }

        private void Reap(int pid)
        {
            int status;
            while (waitpid(pid, out status, 0) < 0)
            {
                if (Marshal.GetLastPInvokeError() != Interrupted)
                {
                    throw new IOException("the program's exit status was taken by another part of this process (was the worker started with SIGCHLD ignored?)");
                }
            }

            var signal = status & 0x7f;
            ExitCode = signal == 0 ? (status >> 8) & 0xff : 128 + signal;
        }

        private static PollFd[] PollSet(Stream[] streams, params int[] more)
        {
            var fds = new List<PollFd>(4);
            fds.AddRange(streams.Where(s => s.IsOpen).Select(s => new PollFd { Fd = s.Fd, Events = PollIn }));
            fds.AddRange(more.Select(fd => new PollFd { Fd = fd, Events = PollIn }));
            return [.. fds];
        }

        /// <summary>True when something is ready; false when interrupted or timed out.</summary>
        private static bool Poll(PollFd[] fds, int timeoutMilliseconds)
        {
            var ready = poll(fds, (nuint)fds.Length, timeoutMilliseconds);
            if (ready < 0 && Marshal.GetLastPInvokeError() != Interrupted)
            {
                throw new IOException($"could not wait for the program: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
            }

            return ready > 0;
        }

        private void ReadReady(Stream[] streams, PollFd[] fds)
        {
            foreach (var fd in fds)
            {
                if (fd.ReturnedEvents != 0 && streams.FirstOrDefault(s => s.IsOpen && s.Fd == fd.Fd) is { } stream)
                {
                    var count = read(stream.Fd, _buffer, (nuint)OutputLines.ReadBufferBytes);
                    if (count > 0)
                    {
                        stream.Lines.Take(_buffer.AsSpan(0, (int)count), _ended);
                        PassOn();
                    }
                    else if (count == 0 || Marshal.GetLastPInvokeError() != Interrupted)
                    {
                        stream.Close(this);
                    }
                }
            }
        }

        private void PassOn()
        {
            foreach (var line in _ended)
            {
                // A line that cannot be passed on must not stop the reading: a program whose pipe fills up would hang.
                if (OutputLost is null)
                {
                    try
                    {
                        onLine(line).GetAwaiter().GetResult();
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        OutputLost = ex.Message;
                    }
                }
            }

            _ended.Clear();
        }

        private IntPtr[] NullTerminated(IEnumerable<string> texts) => [.. texts.Select(Native), IntPtr.Zero];

        /// <summary>This process's environment with the program's own variables over it, and two slots left at the end: the job's mark, then the terminating null.</summary>
        private IntPtr[] EnvironmentBlock(IReadOnlyDictionary<string, string> extra)
        {
            var block = new List<IntPtr>(inherited.Count + extra.Count + 2);
            inherited.AddTo(block, except: extra, alsoExcept: JobProcessTree.MarkVariable);
            foreach (var (name, value) in extra)
            {
                block.Add(Native($"{name}={value}"));
            }

            block.Add(IntPtr.Zero);
            block.Add(IntPtr.Zero);
            return [.. block];
        }

        private IntPtr Native(string text)
        {
            var native = Marshal.StringToCoTaskMemUTF8(text);
            _strings.Add(native);
            return native;
        }

        /// <summary>One output pipe's read end and the lines read from it so far.</summary>
        private sealed class Stream(int fd)
        {
            public int Fd { get; } = fd;

            public OutputLines Lines { get; } = new();

            public bool IsOpen { get; private set; } = true;

            public void Close(Run run)
            {
                if (!IsOpen)
                {
                    return;
                }

                IsOpen = false;
                _ = close(Fd);
                Lines.Finish(run._ended);
                run.PassOn();
                Lines.Dispose();
            }
        }
    }

    private sealed class SpawnException(int error) : Exception
    {
        public int Error { get; } = error;
    }
}

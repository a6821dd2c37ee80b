using System.Runtime.InteropServices;

namespace Fleetbook.Working;

/// <summary>
/// The Linux calls <see cref="SpawnedProgram"/> makes: posix_spawn with the child's pipes, working folder and signals
/// set up by the C library, and a pidfd that becomes readable when the program ends, so one poll waits for its output
/// and its exit together. x64 and arm64 only (the flag values and the pidfd_open number below are theirs).
/// </summary>
internal static class LinuxProcessCalls
{
    public const int CloseOnExec = 0x80000; // O_CLOEXEC, EFD_CLOEXEC
    public const short PollIn = 0x1;
    public const int Interrupted = 4; // EINTR
    public const int SigPipe = 13;

    private const long PidfdOpenCall = 434;
    private const short SpawnSetSignalDefaults = 0x04;
    private const short SpawnSetSignalMask = 0x08;

    // glibc's posix_spawn_file_actions_t is 80 bytes, posix_spawnattr_t 336, sigset_t 128: room for any C library.
    private const int ActionsBytes = 512;
    private const int AttributesBytes = 1024;
    private const int SignalSetBytes = 256;

    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short ReturnedEvents;
    }

    /// <summary>Whether this process can start programs this way: Linux on x64 or arm64, a kernel with pidfd_open (5.3+) and a C library with posix_spawn_file_actions_addchdir_np.</summary>
    public static bool IsAvailable { get; } = Probe();

    /// <summary>
    /// Starts <paramref name="path"/> with its standard output and error on the given pipe ends, in
    /// <paramref name="workingDirectory"/>, with every signal unblocked and SIGPIPE back to its default (the .NET runtime
    /// ignores it, and an ignored signal would pass on to the program, unlike under a shell or Python's subprocess).
    /// Returns 0 and the process id, or the error number (the program could not be found or executed, the folder is missing).
    /// </summary>
    public static int Spawn(string path, IntPtr[] argv, IntPtr[] envp, string workingDirectory, int stdoutWrite, int stderrWrite, out int pid)
    {
        var actions = Marshal.AllocHGlobal(ActionsBytes);
        var attributes = Marshal.AllocHGlobal(AttributesBytes);
        var signals = Marshal.AllocHGlobal(SignalSetBytes);
        var defaults = Marshal.AllocHGlobal(SignalSetBytes);
        try
        {
            Check(posix_spawn_file_actions_init(actions));
            Check(posix_spawnattr_init(attributes));
            try
            {
                Check(posix_spawn_file_actions_adddup2(actions, stdoutWrite, 1));
                Check(posix_spawn_file_actions_adddup2(actions, stderrWrite, 2));
                Check(posix_spawn_file_actions_addchdir_np(actions, workingDirectory));
                Check(sigemptyset(signals));
                Check(sigemptyset(defaults));
                Check(sigaddset(defaults, SigPipe));
                Check(posix_spawnattr_setsigmask(attributes, signals));
                Check(posix_spawnattr_setsigdefault(attributes, defaults));
                Check(posix_spawnattr_setflags(attributes, SpawnSetSignalDefaults | SpawnSetSignalMask));
                return posix_spawn(out pid, path, actions, attributes, argv, envp);
            }
            finally
            {
                _ = posix_spawnattr_destroy(attributes);
                _ = posix_spawn_file_actions_destroy(actions);
            }
        }
        finally
        {
            Marshal.FreeHGlobal(actions);
            Marshal.FreeHGlobal(attributes);
            Marshal.FreeHGlobal(signals);
            Marshal.FreeHGlobal(defaults);
        }
    }

    /// <summary>A pipe whose two ends are closed in every program started later (each end is handed on explicitly).</summary>
    public static (int Read, int Write) Pipe()
    {
        var ends = new int[2];
        if (pipe2(ends, CloseOnExec) != 0)
        {
            throw new IOException($"could not create a pipe for the program's output: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        }

        return (ends[0], ends[1]);
    }

    /// <summary>A file descriptor that becomes readable when the process ends; -1 with the error number when there is none.</summary>
    public static int OpenPidfd(int pid) => (int)syscall(PidfdOpenCall, pid, 0);

    /// <summary>An eventfd: a counter that makes it readable, to wake a poll from another thread.</summary>
    public static int NewWakeUp() => eventfd(0, CloseOnExec);

    public static void WakeUp(int eventFd) => _ = write(eventFd, BitConverter.GetBytes(1L), 8);

    [DllImport("libc", SetLastError = true)]
    public static extern int poll([In, Out] PollFd[] fds, nuint count, int timeoutMilliseconds);

    [DllImport("libc", SetLastError = true)]
    public static extern nint read(int fd, byte[] buffer, nuint count);

    [DllImport("libc", SetLastError = true)]
    public static extern int close(int fd);

    [DllImport("libc", SetLastError = true)]
    public static extern int waitpid(int pid, out int status, int options);

    private static bool Probe()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture is not (Architecture.X64 or Architecture.Arm64))
        {
            return false;
        }

        try
        {
            var pidfd = OpenPidfd(Environment.ProcessId);
            if (pidfd < 0)
            {
                return false;
            }

            _ = close(pidfd);
            var actions = Marshal.AllocHGlobal(ActionsBytes);
            try
            {
                _ = posix_spawn_file_actions_init(actions);
                var usable = posix_spawn_file_actions_addchdir_np(actions, "/") == 0;
                _ = posix_spawn_file_actions_destroy(actions);
                return usable;
            }
            finally
            {
                Marshal.FreeHGlobal(actions);
            }
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    private static void Check(int result)
    {
        if (result != 0)
        {
            throw new IOException($"could not prepare the program's start: {Marshal.GetPInvokeErrorMessage(result)}");
        }
    }

    [DllImport("libc")]
    private static extern int posix_spawn(out int pid, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, IntPtr actions, IntPtr attributes, IntPtr[] argv, IntPtr[] envp);

    [DllImport("libc")]
    private static extern int posix_spawn_file_actions_init(IntPtr actions);

    [DllImport("libc")]
    private static extern int posix_spawn_file_actions_destroy(IntPtr actions);

    [DllImport("libc")]
    private static extern int posix_spawn_file_actions_adddup2(IntPtr actions, int fd, int newFd);

    [DllImport("libc")]
    private static extern int posix_spawn_file_actions_addchdir_np(IntPtr actions, [MarshalAs(UnmanagedType.LPUTF8Str)] string path);

    [DllImport("libc")]
    private static extern int posix_spawnattr_init(IntPtr attributes);

    [DllImport("libc")]
    private static extern int posix_spawnattr_destroy(IntPtr attributes);

    [DllImport("libc")]
    private static extern int posix_spawnattr_setflags(IntPtr attributes, short flags);

    [DllImport("libc")]
    private static extern int posix_spawnattr_setsigmask(IntPtr attributes, IntPtr signals);

    [DllImport("libc")]
    private static extern int posix_spawnattr_setsigdefault(IntPtr attributes, IntPtr signals);

    [DllImport("libc")]
    private static extern int sigemptyset(IntPtr signals);

    [DllImport("libc")]
    private static extern int sigaddset(IntPtr signals, int signal);

    [DllImport("libc", SetLastError = true)]
    private static extern int pipe2(int[] ends, int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern long syscall(long number, long first, long second);

    [DllImport("libc", SetLastError = true)]
    private static extern int eventfd(uint initial, int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern nint write(int fd, byte[] buffer, nuint count);
}

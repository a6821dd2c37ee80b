using System.Runtime.InteropServices;

namespace Fleetbook.Working;

/// <summary>
/// Makes the worker process the "child subreaper" of everything its jobs start (Linux, prctl PR_SET_CHILD_SUBREAPER):
/// a job's process that double-forks or calls setsid is re-parented to the worker instead of to PID 1, so it stays
/// under the worker where <see cref="JobProcessTree"/> finds it, kills it and reaps it. Only the fleetbook-worker
/// program turns it on: a process that hosts other code (a test run, a notebook) would inherit orphans it does not expect.
/// </summary>
public static class ChildSubreaper
{
    private const int PrSetChildSubreaper = 36;

    private static Timer? s_strayReaper;

    /// <summary>Whether this process is a subreaper now (it was turned on here).</summary>
    public static bool IsEnabled { get; private set; }

    /// <summary>Turns it on; false where the OS has no such thing (macOS, Windows) or refuses it.</summary>
    public static bool TryEnable()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            IsEnabled = prctl(PrSetChildSubreaper, 1, 0, 0, 0) == 0;
            s_strayReaper ??= IsEnabled ? JobProcessTree.StartStrayReaper() : null;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            IsEnabled = false;
        }

        return IsEnabled;
    }

    /// <summary>
    /// At the worker's end: kills whatever it adopted that is still alive (orphans of its jobs that escaped their job's
    /// mark, such as ones started with a cleared environment). Returns how many were killed.
    /// </summary>
    public static int KillAdopted() => IsEnabled ? JobProcessTree.KillAdopted() : 0;

    [DllImport("libc", SetLastError = true)]
    private static extern int prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);
}

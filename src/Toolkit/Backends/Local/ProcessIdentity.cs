using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Fleetbook.Backends.Local;

/// <summary>A process recorded by PID and start time, so a reused PID is never mistaken for our worker.</summary>
public sealed record ProcessIdentity(int Pid, long StartTicks)
{
    public static ProcessIdentity Of(int pid) => new(pid, ReadStartTicks(pid) ?? 0);

    public bool IsAlive()
    {
        if (OperatingSystem.IsLinux())
        {
            var stat = ReadStat(Pid);
            if (stat is null)
            {
                return false;
            }

            var fields = stat.Value;
            return fields.State != 'Z' && fields.State != 'X' && (StartTicks == 0 || fields.StartTicks == StartTicks);
        }

        try
        {
            using var process = Process.GetProcessById(Pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Asks the process to stop (SIGTERM) so the worker can return its message.</summary>
    public void Terminate()
    {
        if (!IsAlive())
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            Kill();
            return;
        }

        _ = SendSignal(Pid, 15);
    }

    public void Kill()
    {
        if (!IsAlive())
        {
            return;
        }

        try
        {
            using var process = Process.GetProcessById(Pid);
            process.Kill(entireProcessTree: true);
        }
        catch (ArgumentException)
        {
        }
        catch (InvalidOperationException)
        {
        }
    }

    private static long? ReadStartTicks(int pid) => OperatingSystem.IsLinux() ? ReadStat(pid)?.StartTicks : null;

    private static (char State, long StartTicks)? ReadStat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            // The command name (field 2) may contain spaces and parentheses: parse after its closing ')'.
            var rest = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            return (rest[0][0], long.Parse(rest[19], System.Globalization.CultureInfo.InvariantCulture));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);
}

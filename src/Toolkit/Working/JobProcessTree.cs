using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Fleetbook.Working;

/// <summary>
/// Every process of one job, ended together. The job's program gets a mark in its environment
/// (<see cref="MarkVariable"/>) that everything it starts inherits. When the job ends (it exits, times out or the
/// worker stops) every live process that descends from the program or carries its mark is killed, so double-forked
/// daemons and <c>setsid -f</c> children die with the job instead of outliving it under PID 1 and writing into the
/// next job's folders. Processes the worker adopted as subreaper (<see cref="ChildSubreaper"/>) and killed here are
/// reaped here.
/// </summary>
/// <remarks>
/// Linux only (it reads /proc); elsewhere the program's process tree is killed as .NET finds it, and orphans escape.
/// A process that leaves the tree and also drops the mark (<c>env -i</c>, sudo, a container started through a daemon)
/// escapes on Linux too.
/// </remarks>
internal sealed class JobProcessTree
{
    public const string MarkVariable = "FLEETBOOK_JOB_MARK";

    private const int SigKill = 9;
    private const int WaitNoHang = 1;
    private const int KillRounds = 20;
    private static readonly TimeSpan ReapPatience = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan StrayZombieAge = TimeSpan.FromSeconds(10);

    // Job programs this process started and .NET has not reaped yet. Reaping one of them here would make .NET's own
    // reaper fail the whole process, so starts and reaps take turns under one lock.
    private static readonly Lock Gate = new();
    private static readonly HashSet<int> Programs = [];
    private static readonly Dictionary<int, (long StartTicks, long FirstSeen)> StrayZombies = [];

    private readonly Process? _program;
    private readonly int _pid;
    private readonly byte[] _mark;
    private readonly Dictionary<int, ProcStat> _killed = [];

    private JobProcessTree(int pid, Process? program, string mark)
    {
        _program = program;
        _pid = pid;
        _mark = Encoding.UTF8.GetBytes($"{MarkVariable}={mark}\0");
    }

    /// <summary>Starts the program with a fresh mark. Throws what <see cref="Process.Start()"/> throws.</summary>
    public static JobProcessTree Start(Process program)
    {
        var mark = Guid.NewGuid().ToString("N");
        program.StartInfo.Environment[MarkVariable] = mark;
        lock (Gate)
        {
            program.Start();
            Programs.Add(program.Id);
        }

        return new JobProcessTree(program.Id, program, mark);
    }

    /// <summary>
    /// Starts the program through <paramref name="spawn"/>, which is given the mark's environment entry
    /// (<c>NAME=value</c>) and returns the new process id; the caller reaps it, then calls <see cref="EndAsync"/>.
    /// </summary>
    public static JobProcessTree Start(Func<string, int> spawn)
    {
        var mark = Guid.NewGuid().ToString("N");
        int pid;
        lock (Gate)
        {
            pid = spawn($"{MarkVariable}={mark}");
            Programs.Add(pid);
        }

        return new JobProcessTree(pid, null, mark);
    }

    /// <summary>Kills the program and every process of the job (timeout, stop).</summary>
    public void KillAll()
    {
        if (!OperatingSystem.IsLinux())
        {
            try
            {
                _program?.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // already exited
            }

            return;
        }

        KillRemaining(includeProgram: true);
    }

    /// <summary>Reaps, every few seconds, the processes the worker adopted that ended on their own (see <see cref="ReapStrayZombies"/>).</summary>
    public static Timer StartStrayReaper() => new(
        _ =>
        {
            try
            {
                ReapStrayZombies();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // /proc unreadable for a moment: the next round tries again.
            }
        },
        null,
        StrayZombieAge / 2,
        StrayZombieAge / 2);

    /// <summary>
    /// After the program has exited and been waited for: kills what the job left running, reaps what the worker adopted
    /// and killed, and lets the program's process id go. Returns how many leftover processes were killed.
    /// </summary>
    public async Task<int> EndAsync()
    {
        try
        {
            if (!OperatingSystem.IsLinux())
            {
                return 0;
            }

            KillRemaining(includeProgram: false);
            var adopted = _killed.Values.Where(p => p.Pid != _pid).ToList();
            if (adopted.Count > 0 && ChildSubreaper.IsEnabled)
            {
                await ReapAsync(adopted);
            }

            return adopted.Count;
        }
        finally
        {
            lock (Gate)
            {
                Programs.Remove(_pid);
            }
        }
    }

    /// <summary>
    /// Kills every live process the worker adopted (its children that are not job programs) and their descendants: at
    /// the worker's end they can only be leftovers of its jobs, marked or not. Linux only.
    /// </summary>
    public static int KillAdopted()
    {
        if (!OperatingSystem.IsLinux())
        {
            return 0;
        }

        var self = Environment.ProcessId;
        var killed = new HashSet<int>();
        for (var round = 0; round < KillRounds; round++)
        {
            var all = ProcStat.ReadNewerThan(0);
            var byParent = all.ToLookup(p => p.ParentPid);
            HashSet<int> programs;
            lock (Gate)
            {
                programs = [.. Programs];
            }

            var found = new List<int>();
            var pending = new Queue<int>(byParent[self].Where(p => p.IsAlive && !programs.Contains(p.Pid)).Select(p => p.Pid));
            while (pending.Count > 0)
            {
                var pid = pending.Dequeue();
                found.Add(pid);
                foreach (var child in byParent[pid].Where(c => c.IsAlive))
                {
                    pending.Enqueue(child.Pid);
                }
            }

            var fresh = found.Where(killed.Add).ToList();
            if (fresh.Count == 0)
            {
                break;
            }

            fresh.ForEach(pid => kill(pid, SigKill));
        }

        return killed.Count;
    }

    /// <summary>Kills, in rounds until a round finds no new one (a process may fork while it is being killed), every live process of the job.</summary>
    private void KillRemaining(bool includeProgram)
    {
        for (var round = 0; round < KillRounds; round++)
        {
            var found = Find(includeProgram).Where(p => !_killed.ContainsKey(p.Pid)).ToList();
            if (found.Count == 0)
            {
                break;
            }

            foreach (var process in found)
            {
                _ = kill(process.Pid, SigKill);
                _killed[process.Pid] = process;
            }
        }
    }

    /// <summary>
    /// The live processes of the job: every process carrying its mark and their descendants, and while the program runs
    /// (<paramref name="includeProgram"/>), the program and its descendants. Once the program has been reaped its id may
    /// be handed to another process, so it is no longer a root to walk from.
    /// </summary>
    private List<ProcStat> Find(bool includeProgram)
    {
        var candidates = ProcStat.ReadNewerThan(_pid);
        var byParent = candidates.ToLookup(p => p.ParentPid);
        var job = new Dictionary<int, ProcStat>();
        var pending = new Queue<int>(includeProgram ? [_pid] : []);

        HashSet<int> programs;
        lock (Gate)
        {
            programs = [.. Programs];
        }

        foreach (var process in candidates)
        {
            if (!job.ContainsKey(process.Pid) && !programs.Contains(process.Pid) && process.IsAlive && HasMark(process.Pid))
            {
                job[process.Pid] = process;
                pending.Enqueue(process.Pid);
            }
        }

        while (pending.Count > 0)
        {
            foreach (var child in byParent[pending.Dequeue()])
            {
                if (job.TryAdd(child.Pid, child))
                {
                    pending.Enqueue(child.Pid);
                }
            }
        }

        if (includeProgram && ProcStat.Read(_pid) is { IsAlive: true } program)
        {
            job[_pid] = program;
        }

        return [.. job.Values.Where(p => p.IsAlive)];
    }

    /// <summary>Whether the process's environment holds this job's mark; read in pieces, however large it is.</summary>
    private bool HasMark(int pid)
    {
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            using var handle = File.OpenHandle($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/environ");
            long offset = 0;
            var kept = 0; // the end of the previous piece, where a mark cut in two begins
            int read;
            while ((read = RandomAccess.Read(handle, buffer.AsSpan(kept), offset)) > 0)
            {
                offset += read;
                var piece = buffer.AsSpan(0, kept + read);
                if (piece.IndexOf(_mark) >= 0)
                {
                    return true;
                }

                kept = Math.Min(piece.Length, _mark.Length - 1);
                piece[^kept..].CopyTo(buffer);
            }

            return false;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false; // gone, or not ours to read
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Waits for the killed processes the worker adopted to die, and reaps them.</summary>
    private static async Task ReapAsync(IReadOnlyList<ProcStat> killed)
    {
        var self = Environment.ProcessId;
        var left = killed.ToDictionary(p => p.Pid);
        var deadline = Stopwatch.GetTimestamp() + (long)(ReapPatience.TotalSeconds * Stopwatch.Frequency);
        while (left.Count > 0 && Stopwatch.GetTimestamp() < deadline)
        {
            foreach (var process in left.Values.ToList())
            {
                var now = ProcStat.Read(process.Pid);
                if (now is null || now.StartTicks != process.StartTicks)
                {
                    left.Remove(process.Pid); // gone (its own parent reaped it)
                }
                else if (now.ParentPid == self && !now.IsAlive && TryReap(process.Pid))
                {
                    left.Remove(process.Pid);
                }
            }

            if (left.Count > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(10));
            }
        }
    }

    /// <summary>
    /// Reaps adopted processes that ended on their own: any child of the worker that has stayed a zombie for a while. .NET
    /// reaps the children it started as soon as they end, so such a zombie is not one of its own.
    /// </summary>
    private static void ReapStrayZombies()
    {
        var now = Stopwatch.GetTimestamp();
        if (!ChildSubreaper.IsEnabled)
        {
            return;
        }

        var self = Environment.ProcessId;
        var zombies = ProcStat.ReadNewerThan(0).Where(p => p.ParentPid == self && !p.IsAlive).ToDictionary(p => p.Pid);
        lock (Gate)
        {
            foreach (var pid in StrayZombies.Keys.Where(pid => !zombies.ContainsKey(pid)).ToList())
            {
                StrayZombies.Remove(pid);
            }

            foreach (var zombie in zombies.Values)
            {
                if (!StrayZombies.TryGetValue(zombie.Pid, out var seen) || seen.StartTicks != zombie.StartTicks)
                {
                    StrayZombies[zombie.Pid] = (zombie.StartTicks, now);
                }
                else if (Stopwatch.GetElapsedTime(seen.FirstSeen, now) >= StrayZombieAge && !Programs.Contains(zombie.Pid))
                {
                    _ = waitpid(zombie.Pid, out _, WaitNoHang);
                    StrayZombies.Remove(zombie.Pid);
                }
            }
        }
    }

    private static bool TryReap(int pid)
    {
        lock (Gate)
        {
            return !Programs.Contains(pid) && waitpid(pid, out _, WaitNoHang) == pid;
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);

    [DllImport("libc", SetLastError = true)]
    private static extern int waitpid(int pid, out int status, int options);

    /// <summary>One line of /proc/PID/stat: enough to walk the tree and to tell a reused process id.</summary>
    private sealed record ProcStat(int Pid, char State, int ParentPid, long StartTicks)
    {
        private const int DirectLookupLimit = 256;

        public bool IsAlive => State is not ('Z' or 'X' or 'x');

        /// <summary>The process's stat line, or null when there is no such process (or it cannot be read).</summary>
        /// <remarks>
        /// Read straight into a stack buffer through a file handle, without a FileStream or a string: a job's end reads a
        /// few of these, and this is most of what sweeping a trivial job costs.
        /// </remarks>
        public static ProcStat? Read(int pid)
        {
            Span<byte> text = stackalloc byte[512];
            int length;
            try
            {
                using var handle = File.OpenHandle($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
                length = RandomAccess.Read(handle, text, 0);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return null; // no such process (FileNotFound is an IOException), or not ours to read
            }

            // The command name (field 2) may hold spaces and parentheses: parse after its closing ')'.
            text = text[..length];
            var close = text.LastIndexOf((byte)')');
            if (close < 0 || close + 2 >= text.Length)
            {
                return null;
            }

            ReadOnlySpan<byte> fields = text[(close + 2)..];
            var state = (char)fields[0];
            long parent = 0;
            long startTicks = 0;
            var field = 0;
            foreach (var range in fields.Split((byte)' '))
            {
                // fields after the name, counted from 0: state, ppid (1), …, starttime (19)
                if (field == 1 && !System.Buffers.Text.Utf8Parser.TryParse(fields[range], out parent, out _))
                {
                    return null;
                }

                if (field == 19)
                {
                    return System.Buffers.Text.Utf8Parser.TryParse(fields[range], out startTicks, out _)
                        ? new ProcStat(pid, state, (int)parent, startTicks)
                        : null;
                }

                field++;
            }

            return null;
        }

        /// <summary>
        /// Processes started after <paramref name="pid"/>: process ids grow until they wrap, so only those above it can
        /// descend from it. Usually few ids have been handed out since, and each is looked up directly; after many, or
        /// after a wrap (the last id handed out is below it), every process is read.
        /// </summary>
        public static List<ProcStat> ReadNewerThan(int pid)
        {
            var found = new List<ProcStat>();
            if (pid > 0 && LastPid() is { } last && last >= pid && last - pid <= DirectLookupLimit)
            {
                for (var id = pid; id <= last; id++)
                {
                    if (Read(id) is { } stat)
                    {
                        found.Add(stat);
                    }
                }

                return found;
            }

            foreach (var entry in Directory.EnumerateDirectories("/proc"))
            {
                if (int.TryParse(Path.GetFileName(entry.AsSpan()), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id >= pid && Read(id) is { } stat)
                {
                    found.Add(stat);
                }
            }

            return found;
        }

        /// <summary>The last process id handed out (the fifth field of /proc/loadavg), or null when unknown.</summary>
        private static int? LastPid()
        {
            Span<byte> text = stackalloc byte[128];
            int length;
            try
            {
                using var handle = File.OpenHandle("/proc/loadavg");
                length = RandomAccess.Read(handle, text, 0);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return null;
            }

            var field = 0;
            ReadOnlySpan<byte> line = text[..length];
            foreach (var range in line.Split((byte)' '))
            {
                if (field++ == 4)
                {
                    return System.Buffers.Text.Utf8Parser.TryParse(line[range], out int last, out _) ? last : null;
                }
            }

            return null;
        }
    }
}

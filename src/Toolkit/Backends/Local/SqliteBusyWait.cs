using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace Fleetbook.Backends.Local;

/// <summary>
/// How a connection waits for another's write to <c>queue.db</c> to end. SQLite's own wait (<c>PRAGMA busy_timeout</c>)
/// sleeps 1, 2, 5, 10… ms between tries, while a worker's transaction lasts a tenth of a millisecond: two workers
/// sharing a queue spent a seventh of their time asleep with the database free. This one tries again after 50 µs at
/// first, doubling the wait every eight tries up to 1 ms (many copies waiting at once do not spin), and gives up
/// (SQLITE_BUSY, as the pragma does) once its patience is spent.
/// </summary>
/// <remarks>
/// It is installed through SQLite's C interface (<c>sqlite3_busy_handler</c>), which Microsoft.Data.Sqlite does not
/// wrap, on the very library Microsoft.Data.Sqlite loaded: that is checked by the address of the library's version
/// text, and where it cannot be (Windows, a host that loaded SQLite its own way) the pragma is used instead.
/// </remarks>
internal static unsafe class SqliteBusyWait
{
    private const uint FirstWaitMicroseconds = 50;
    private const uint LongestWaitMicroseconds = 1_000;
    private const int TriesPerStep = 8; // then the wait doubles: 1 ms apart after about 12 ms of waiting

    private static readonly delegate* unmanaged<IntPtr, delegate* unmanaged<IntPtr, int, int>, IntPtr, int> SetHandler = FindSetHandler();

    [ThreadStatic]
    private static long waitStarted;

    private static long waits;

    /// <summary>How many times a connection of this process has waited (for tests).</summary>
    internal static long Waits => Interlocked.Read(ref waits);

    /// <summary>Makes <paramref name="connection"/> wait up to <paramref name="patienceMilliseconds"/> for another writer; false when only the pragma could be used.</summary>
    public static bool Install(SqliteConnection connection, int patienceMilliseconds)
    {
        if (SetHandler != null && connection.Handle is { } handle
            && SetHandler(handle.DangerousGetHandle(), &OnBusy, patienceMilliseconds) == 0)
        {
            return true;
        }

        SqliteDatabase.Execute(connection, $"PRAGMA busy_timeout = {patienceMilliseconds};");
        return false;
    }

    [UnmanagedCallersOnly]
    private static int OnBusy(IntPtr patienceMilliseconds, int tries)
    {
        if (tries == 0)
        {
            waitStarted = Stopwatch.GetTimestamp();
        }
        else if (Stopwatch.GetElapsedTime(waitStarted).TotalMilliseconds >= patienceMilliseconds)
        {
            return 0;
        }

        Interlocked.Increment(ref waits);
        var step = Math.Min(tries / TriesPerStep, 5);
        _ = usleep(Math.Min(FirstWaitMicroseconds << step, LongestWaitMicroseconds));
        return 1;
    }

    [DllImport("libc")]
    private static extern int usleep(uint microseconds);

    private static delegate* unmanaged<IntPtr, delegate* unmanaged<IntPtr, int, int>, IntPtr, int> FindSetHandler()
    {
        if (!(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()))
        {
            return null;
        }

        try
        {
            SqliteNativeLibrary.EnsureResolvable();
            var provider = typeof(SQLitePCL.SQLite3Provider_e_sqlite3).Assembly;
            if (!NativeLibrary.TryLoad("e_sqlite3", provider, null, out var library)
                || !NativeLibrary.TryGetExport(library, "sqlite3_busy_handler", out var setHandler)
                || !NativeLibrary.TryGetExport(library, "sqlite3_libversion", out var version))
            {
                return null;
            }

            // The same library as Microsoft.Data.Sqlite's, or a connection of one would be handed to the other.
            fixed (byte* loadedVersion = SQLitePCL.raw.sqlite3_libversion())
            {
                return ((delegate* unmanaged<byte*>)version)() == loadedVersion
                    ? (delegate* unmanaged<IntPtr, delegate* unmanaged<IntPtr, int, int>, IntPtr, int>)setHandler
                    : null;
            }
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            return null;
        }
    }
}

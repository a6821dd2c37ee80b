using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Fleetbook.Backends.Local;

/// <summary>
/// A file that several processes append to without overwriting each other. .NET's FileMode.Append only seeks to
/// the end once at open and then writes at its own offset, so two appenders clobber each other's lines
/// (dotnet/runtime#53432). On Unix the file is opened with O_APPEND and each append is one write(2), which the
/// kernel places at the current end. On Windows a named mutex per file serializes seek-to-end + write.
/// </summary>
internal sealed class AppendOnlyFile : IDisposable
{
    private readonly SafeFileHandle? unixHandle;
    private readonly FileStream? windowsStream;
    private readonly Mutex? windowsMutex;

    private AppendOnlyFile(SafeFileHandle? unixHandle, FileStream? windowsStream, Mutex? windowsMutex)
    {
        this.unixHandle = unixHandle;
        this.windowsStream = windowsStream;
        this.windowsMutex = windowsMutex;
    }

    public static AppendOnlyFile Open(string path)
    {
        path = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (OperatingSystem.IsWindows())
        {
            var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
            var id = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(path.ToUpperInvariant())))[..32];
            return new AppendOnlyFile(null, stream, new Mutex(false, $@"Global\fleetbook-append-{id}"));
        }

        return new AppendOnlyFile(Unix.OpenForAppend(path), null, null);
    }

    /// <summary>Appends all of <paramref name="bytes"/> at the end of the file as it is now.</summary>
    public void Append(ReadOnlySpan<byte> bytes)
    {
        if (unixHandle is not null)
        {
            Unix.Write(unixHandle, bytes);
            return;
        }

        try
        {
            windowsMutex!.WaitOne();
        }
        catch (AbandonedMutexException)
        {
            // A process died holding it; the mutex is ours now.
        }

        try
        {
            windowsStream!.Seek(0, SeekOrigin.End);
            windowsStream.Write(bytes);
            windowsStream.Flush();
        }
        finally
        {
            windowsMutex!.ReleaseMutex();
        }
    }

    public void Dispose()
    {
        unixHandle?.Dispose();
        windowsStream?.Dispose();
        windowsMutex?.Dispose();
    }

    private static class Unix
    {
        private const int EINTR = 4;
        private const int ENOENT = 2;

        public static SafeFileHandle OpenForAppend(string path)
        {
            var flags = OWriteOnly | OAppend | OCloseOnExec;
            for (var tries = 0; ; tries++)
            {
                // On Linux (x64 and arm64 alike), open's variadic mode is passed as a plain third argument: one call
                // creates the file (umask respected) and opens it for appending; a job's log costs one open, not three.
                // Elsewhere the mode cannot be passed portably through P/Invoke: create it the .NET way, then open it.
                int fd;
                if (OperatingSystem.IsLinux())
                {
                    fd = open(path, flags | OCreate, CreateMode);
                }
                else
                {
                    new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete).Dispose();
                    fd = open(path, flags);
                }

                if (fd >= 0)
                {
                    return new SafeFileHandle(fd, ownsHandle: true);
                }

                var errno = Marshal.GetLastPInvokeError();
                if (errno is EINTR || (errno is ENOENT && tries < 3))
                {
                    continue; // interrupted, or deleted between create and open
                }

                throw new IOException($"Could not open '{path}' for appending: {Marshal.GetPInvokeErrorMessage(errno)}.");
            }
        }

        public static void Write(SafeFileHandle handle, ReadOnlySpan<byte> bytes)
        {
            while (!bytes.IsEmpty)
            {
                var written = write(handle, ref MemoryMarshal.GetReference(bytes), bytes.Length);
                if (written < 0)
                {
                    var errno = Marshal.GetLastPInvokeError();
                    if (errno == EINTR)
                    {
                        continue;
                    }

                    throw new IOException($"Could not append to a log file: {Marshal.GetPInvokeErrorMessage(errno)}.");
                }

                bytes = bytes[(int)written..];
            }
        }

        private static int OWriteOnly => 1;

        /// <summary>O_CREAT on Linux.</summary>
        private const int OCreate = 0x40;

        /// <summary>0666, less the umask, as .NET creates files.</summary>
        private const int CreateMode = 0x1B6;

        private static int OAppend => OperatingSystem.IsLinux() ? 0x400 : 0x8;

        private static int OCloseOnExec =>
            OperatingSystem.IsLinux() ? 0x80000 : OperatingSystem.IsFreeBSD() ? 0x100000 : 0x1000000;

        // DllImport rather than LibraryImport: the latter needs unsafe code enabled for the whole project.
        [DllImport("libc", EntryPoint = "open", SetLastError = true)]
        private static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

        [DllImport("libc", EntryPoint = "open", SetLastError = true)]
        private static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, int mode);

        [DllImport("libc", EntryPoint = "write", SetLastError = true)]
        private static extern nint write(SafeFileHandle fd, ref byte buffer, nint count);
    }
}

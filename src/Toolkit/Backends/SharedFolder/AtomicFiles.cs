using System.Runtime.InteropServices;

namespace Fleetbook.Backends.SharedFolder;

/// <summary>What a rename or an unlink found.</summary>
internal enum FileChange
{
    /// <summary>The change happened (here, or by an earlier try of the same call whose answer was lost).</summary>
    Done,

    /// <summary>The source was not there: another process renamed or removed it first.</summary>
    Missing,
}

/// <summary>
/// The two file operations the shared queue is built on, as the kernel gives them: rename(2), which replaces its
/// target in one step on every POSIX file system (local, NFS at the server, Lustre, GPFS), and unlink(2), with the
/// error that says "someone else got there first". .NET's File.Move without overwrite links and unlinks, which is two
/// steps, and File.Delete ignores a missing file, so neither is used for queue state.
/// </summary>
internal static class AtomicFiles
{
    private const int ENOENT = 2;

    /// <summary>
    /// Renames <paramref name="source"/> to <paramref name="target"/>, a name no other process can produce. When the
    /// source is missing but the target exists, the rename happened: an NFS client may retry a rename whose reply was
    /// lost and get "no such file" for its own success.
    /// </summary>
    public static FileChange Rename(string source, string target)
    {
        if (OperatingSystem.IsWindows())
        {
            try
            {
                File.Move(source, target, overwrite: true);
                return FileChange.Done;
            }
            catch (FileNotFoundException)
            {
                return File.Exists(target) ? FileChange.Done : FileChange.Missing;
            }
        }

        if (rename(source, target) == 0)
        {
            return FileChange.Done;
        }

        var error = Marshal.GetLastPInvokeError();
        if (error == ENOENT)
        {
            return File.Exists(target) ? FileChange.Done : FileChange.Missing;
        }

        throw new IOException($"could not rename {source} to {target}: {Marshal.GetPInvokeErrorMessage(error)} (errno {error})");
    }

    /// <summary>Removes <paramref name="path"/>; <see cref="FileChange.Missing"/> when it was not there.</summary>
    public static FileChange Unlink(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            if (!File.Exists(path))
            {
                return FileChange.Missing;
            }

            File.Delete(path);
            return FileChange.Done;
        }

        if (unlink(path) == 0)
        {
            return FileChange.Done;
        }

        var error = Marshal.GetLastPInvokeError();
        return error == ENOENT
            ? FileChange.Missing
            : throw new IOException($"could not remove {path}: {Marshal.GetPInvokeErrorMessage(error)} (errno {error})");
    }

    // DllImport rather than LibraryImport: the latter needs unsafe code enabled for the whole project.
    [DllImport("libc", SetLastError = true)]
    private static extern int rename([MarshalAs(UnmanagedType.LPUTF8Str)] string oldpath, [MarshalAs(UnmanagedType.LPUTF8Str)] string newpath);

    [DllImport("libc", SetLastError = true)]
    private static extern int unlink([MarshalAs(UnmanagedType.LPUTF8Str)] string pathname);
}

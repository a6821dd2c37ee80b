using System.Runtime.InteropServices;
using System.Text;

namespace Fleetbook.Backends.Slurm;

/// <summary>How far a file system's contents reach, as far as the shared queue and the workers are concerned.</summary>
public enum FileSystemReach
{
    /// <summary>A disk of this machine (ext4, xfs, tmpfs…): other nodes do not see it.</summary>
    Local,

    /// <summary>A file system the cluster's nodes share, with POSIX rename (NFS, Lustre, GPFS, BeeGFS, CephFS…).</summary>
    Shared,

    /// <summary>Shared, but a rename is a copy and a delete (object stores mounted with FUSE): the queue cannot be safe on it.</summary>
    SharedWithoutAtomicRename,

    /// <summary>A type Fleetbook does not know.</summary>
    Unknown,
}

/// <summary>The file system a path lives on: its type and mount point, from /proc/self/mountinfo (Linux).</summary>
public sealed record MountedFileSystem(string Type, string MountPoint, FileSystemReach Reach)
{
    public override string ToString() => $"{Type} mounted at {MountPoint}";
}

/// <summary>Finds which file system holds a path, after resolving symbolic links (a home folder is often a link into a cluster file system).</summary>
internal static class FileSystems
{
    private static readonly HashSet<string> SharedTypes =
    [
        "nfs", "nfs4", "lustre", "gpfs", "beegfs", "fuse.beegfs", "ceph", "cephfs", "fuse.ceph-fuse", "glusterfs", "fuse.glusterfs",
        "panfs", "wekafs", "ocfs2", "gfs2", "cifs", "smb3", "afs", "orangefs", "pvfs2", "vastfs", "fuse.sshfs",
    ];

    private static readonly HashSet<string> NoAtomicRename = ["fuse.s3fs", "fuse.gcsfuse", "fuse.goofys", "fuse.rclone", "fuse.mountpoint-s3", "fuse.blobfuse", "fuse.blobfuse2", "fuse.juicefs"];

    private static readonly HashSet<string> LocalTypes =
    [
        "ext2", "ext3", "ext4", "xfs", "btrfs", "zfs", "tmpfs", "ramfs", "overlay", "vfat", "exfat", "f2fs", "jfs", "reiserfs", "devtmpfs", "squashfs", "apfs", "hfs", "ntfs", "ntfs3",
    ];

    /// <summary>The file system of <paramref name="path"/> (or of its nearest existing parent); null where /proc/self/mountinfo is missing (not Linux).</summary>
    public static MountedFileSystem? Of(string path, string mountInfoPath = "/proc/self/mountinfo")
    {
        if (!File.Exists(mountInfoPath))
        {
            return null;
        }

        var real = RealPath(NearestExisting(Path.GetFullPath(path)));
        (string Type, string MountPoint)? best = null;
        foreach (var line in File.ReadLines(mountInfoPath))
        {
            if (Parse(line) is not { } mount)
            {
                continue;
            }

            var inside = mount.MountPoint == "/" || real == mount.MountPoint || real.StartsWith(mount.MountPoint + "/", StringComparison.Ordinal);
            if (inside && (best is null || mount.MountPoint.Length >= best.Value.MountPoint.Length))
            {
                best = mount;
            }
        }

        return best is { } found ? new MountedFileSystem(found.Type, found.MountPoint, ReachOf(found.Type)) : null;
    }

    public static FileSystemReach ReachOf(string type) =>
        NoAtomicRename.Contains(type) ? FileSystemReach.SharedWithoutAtomicRename
        : SharedTypes.Contains(type) ? FileSystemReach.Shared
        : LocalTypes.Contains(type) ? FileSystemReach.Local
        : FileSystemReach.Unknown;

    /// <summary>A mountinfo line: "36 35 98:0 /root /mnt options - type source super-options"; spaces in paths come as \040.</summary>
    internal static (string Type, string MountPoint)? Parse(string line)
    {
        var separator = line.IndexOf(" - ", StringComparison.Ordinal);
        if (separator < 0)
        {
            return null;
        }

        var before = line[..separator].Split(' ');
        var after = line[(separator + 3)..].Split(' ');
        return before.Length >= 5 && after.Length >= 1 ? (after[0], Unescape(before[4])) : null;
    }

    private static string Unescape(string text)
    {
        if (!text.Contains('\\'))
        {
            return text;
        }

        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 3 < text.Length && text.Substring(i + 1, 3).All(c => c is >= '0' and <= '7'))
            {
                result.Append((char)Convert.ToInt32(text.Substring(i + 1, 3), 8));
                i += 3;
            }
            else
            {
                result.Append(text[i]);
            }
        }

        return result.ToString();
    }

    private static string NearestExisting(string path)
    {
        var current = path;
        while (!Directory.Exists(current) && !File.Exists(current) && Path.GetDirectoryName(current) is { } parent)
        {
            current = parent;
        }

        return current;
    }

    private static string RealPath(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return path;
        }

        try
        {
            var resolved = realpath(path, IntPtr.Zero);
            if (resolved == IntPtr.Zero)
            {
                return path;
            }

            try
            {
                return Marshal.PtrToStringUTF8(resolved) ?? path;
            }
            finally
            {
                free(resolved);
            }
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return path;
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern IntPtr realpath([MarshalAs(UnmanagedType.LPUTF8Str)] string path, IntPtr resolved);

    [DllImport("libc")]
    private static extern void free(IntPtr pointer);
}

namespace Fleetbook.Working;

/// <summary>A file of a job's output folder, the key path it is uploaded under, and the file whose bytes are uploaded.</summary>
internal sealed record OutputFile(string RelativeKey, string Source);

/// <summary>
/// The files a job left in its output folder. Symbolic links are never followed as folders, so a link loop or a link
/// to a big folder elsewhere cannot multiply or leak outputs: a link to a file inside the output folder is uploaded as
/// a copy of that file, and any other link (to a folder, outside the output folder, broken, or part of a loop) is
/// skipped with a warning.
/// </summary>
internal static class OutputFiles
{
    public static IReadOnlyList<OutputFile> List(string outputFolder, ICollection<string> warnings)
    {
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(outputFolder));
        var files = new List<OutputFile>();
        var pending = new Stack<DirectoryInfo>([new DirectoryInfo(root)]);
        var options = new EnumerationOptions { AttributesToSkip = FileAttributes.None, IgnoreInaccessible = false, RecurseSubdirectories = false };
        while (pending.Count > 0)
        {
            foreach (var entry in pending.Pop().EnumerateFileSystemInfos("*", options))
            {
                var relative = Path.GetRelativePath(root, entry.FullName).Replace('\\', '/');
                if (entry.LinkTarget is null)
                {
                    if (entry is DirectoryInfo folder)
                    {
                        pending.Push(folder);
                    }
                    else
                    {
                        files.Add(new OutputFile(relative, entry.FullName));
                    }

                    continue;
                }

                if (LinkedFileInside(entry, root) is { } target)
                {
                    files.Add(new OutputFile(relative, target));
                }
                else
                {
                    warnings.Add($"{relative} is a symbolic link to {Describe(entry)}; only links to files inside the output folder are uploaded, so it was skipped");
                }
            }
        }

        files.Sort((a, b) => string.CompareOrdinal(a.RelativeKey, b.RelativeKey));
        return files;
    }

    private static string? LinkedFileInside(FileSystemInfo link, string root)
    {
        try
        {
            var target = link.ResolveLinkTarget(returnFinalTarget: true);
            return target is FileInfo { Exists: true } file && file.LinkTarget is null && IsInside(file.FullName, root) ? file.FullName : null;
        }
        catch (IOException)
        {
            return null; // a loop, or too many levels of links
        }
    }

    /// <summary>Inside the root by a path of real folders: a folder link on the way could lead anywhere.</summary>
    private static bool IsInside(string path, string root)
    {
        if (!path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return false;
        }

        for (var folder = Path.GetDirectoryName(path); folder is not null && folder.Length > root.Length; folder = Path.GetDirectoryName(folder))
        {
            if (new DirectoryInfo(folder).LinkTarget is not null)
            {
                return false;
            }
        }

        return true;
    }

    private static string Describe(FileSystemInfo link)
    {
        try
        {
            return link.ResolveLinkTarget(returnFinalTarget: true) switch
            {
                null => $"'{link.LinkTarget}', which does not exist",
                DirectoryInfo { Exists: true } folder => $"the folder {folder.FullName}",
                { Exists: false } missing => $"{missing.FullName}, which does not exist",
                var other => $"{other.FullName}, outside the output folder",
            };
        }
        catch (IOException)
        {
            return $"'{link.LinkTarget}', a loop of links";
        }
    }
}

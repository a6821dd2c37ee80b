namespace Fleetbook.Working;

/// <summary>
/// A worker's exclusive claim on its work folder, held for the worker's whole life. Two processes that shared one
/// folder would empty each other's output folders between jobs and upload each other's outputs, so a worker that
/// cannot take the claim must stop before touching anything. The claim is an OS file lock (flock on Unix, a share
/// mode on Windows) on a file in the folder: the kernel lets go of it when the process dies, even by SIGKILL.
/// </summary>
public sealed class WorkFolderLock : IDisposable
{
    public const string FileName = ".worker.lock";

    private readonly FileStream _file;

    private WorkFolderLock(string folder, FileStream file)
    {
        Folder = folder;
        _file = file;
    }

    /// <summary>The locked folder (created when missing).</summary>
    public string Folder { get; }

    /// <summary>Takes the folder, or returns null with <paramref name="problem"/> saying who holds it and how to fix that.</summary>
    public static WorkFolderLock? TryTake(string folder, out string problem)
    {
        folder = Path.GetFullPath(folder);
        var path = Path.Combine(folder, FileName);
        try
        {
            Directory.CreateDirectory(folder);
            var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1);
            problem = "";
            return new WorkFolderLock(folder, file);
        }
        catch (IOException ex) when (File.Exists(path))
        {
            problem = $"another live process already works in {folder} (it holds {path}: {ex.Message}). Two workers sharing a folder would empty and upload each other's outputs, so this one stops without touching anything. " +
                      $"Fix: give every worker its own {WorkerEnvironment.WorkerId} (or {WorkerEnvironment.WorkDir}); 'fleetbook start' and 'monitor' number the local workers for you.";
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problem = $"the work folder {folder} cannot be used: {ex.Message} Fix: make it writable, or set {WorkerEnvironment.WorkDir} to a folder this worker may write.";
            return null;
        }
    }

    /// <summary>Removes what the worker left in its folder, and the folder itself, then lets go of the lock.</summary>
    public void RemoveFolderAndRelease()
    {
        try
        {
            foreach (var entry in new DirectoryInfo(Folder).EnumerateFileSystemInfos())
            {
                if (entry is DirectoryInfo directory && !entry.Attributes.HasFlag(FileAttributes.ReparsePoint))
                {
                    directory.Delete(recursive: true);
                }
                else if (entry.Name != FileName)
                {
                    entry.Delete();
                }
            }

            // Deleting the lock file while holding it is safe: a worker that opens the path afterwards gets a new file.
            File.Delete(Path.Combine(Folder, FileName));
            Directory.Delete(Folder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Left for the next worker with this id, which empties the folders before each job.
        }
        finally
        {
            Dispose();
        }
    }

    public void Dispose() => _file.Dispose();
}

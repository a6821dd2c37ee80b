namespace Fleetbook.Backends.Local;

/// <summary>
/// A local run's state database (<c>queue.db</c>: the queues and the attempt journal) is gone, empty or damaged. Going
/// on would lose jobs without a word (a worker on a deleted file, a queue silently re-created empty), so every step and
/// every worker stops with this: what happened, the file, and how to recover. Front ends exit with code 2.
/// </summary>
public sealed class StateDatabaseException : Exception
{
    public StateDatabaseException(string path, string problem, string fix, Exception? inner = null)
        : base($"{path}: {problem} Fix: {fix}", inner)
    {
        Path = path;
        Problem = problem;
        Fix = fix;
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>What is wrong with it, in a sentence.</summary>
    public string Problem { get; }

    /// <summary>How to recover.</summary>
    public string Fix { get; }

    internal static StateDatabaseException Missing(string path) => new(
        path,
        "the run's state database is missing: it was deleted or moved after 'fleetbook setup' created it, so the queue, its jobs and the attempt journal are gone from this folder.",
        "if you moved it, put it back. Otherwise stop the workers ('fleetbook cleanup --force'), run 'fleetbook setup' and submit the job file again; outputs already in the bucket are kept, and with checkIfDone enabled finished jobs are skipped.");

    internal static StateDatabaseException Empty(string path) => new(
        path,
        "the run's state database is an empty file (0 bytes): it was truncated or replaced, so its queues and journal are gone. Fleetbook does not silently start a new one in its place.",
        "restore the file from a copy if you have one. Otherwise delete it, run 'fleetbook setup' and submit the job file again; outputs already in the bucket are kept, and with checkIfDone enabled finished jobs are skipped.");

    internal static StateDatabaseException Replaced(string path) => new(
        path,
        "the run's state database was replaced by another file while this process was using it (deleted and set up again, or restored from a copy), so what this process knew of the queue is gone.",
        "start again from the new file: run the command again, and start new workers ('fleetbook start'); a worker that saw this has stopped.");

    internal static StateDatabaseException Damaged(string path, Microsoft.Data.Sqlite.SqliteException inner) => new(
        path,
        $"the run's state database is damaged (SQLite: {inner.Message.TrimEnd('.')}).",
        "stop the workers ('fleetbook cleanup --force'); restore the file from a copy if you have one, or move it aside, run 'fleetbook setup' and submit the job file again. Outputs already in the bucket are kept, and with checkIfDone enabled finished jobs are skipped.",
        inner);
}

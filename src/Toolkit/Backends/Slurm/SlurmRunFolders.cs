using Fleetbook.Configuration;

namespace Fleetbook.Backends.Slurm;

/// <summary>
/// Where a Slurm run keeps everything, all on the file system the login node and the compute nodes share: the state
/// folder <c>&lt;stateDir&gt;/&lt;appName&gt;</c> holds <c>queues/</c> (the shared-folder queue and its dead letters),
/// <c>journal/</c> (one file of attempts per worker), <c>logs/jobs</c> and <c>logs/workers</c>, and
/// <c>slurm-fleet.json</c>; the bucket is a folder, as on the local backend.
/// </summary>
public sealed record SlurmRunFolders(string ProjectDirectory, string StateDirectory, string BucketDirectory)
{
    public static SlurmRunFolders For(RunConfig config, string projectDirectory)
    {
        var project = Path.GetFullPath(projectDirectory);
        return new SlurmRunFolders(
            project,
            Path.GetFullPath(Path.Combine(project, config.StateDir, config.AppName)),
            Path.GetFullPath(Path.Combine(project, config.Bucket)));
    }

    public string Queues => Path.Combine(StateDirectory, "queues");

    public string Journal => Path.Combine(StateDirectory, "journal");

    public string Logs => Path.Combine(StateDirectory, "logs");

    public string WorkerLogs => Path.Combine(Logs, "workers");
}

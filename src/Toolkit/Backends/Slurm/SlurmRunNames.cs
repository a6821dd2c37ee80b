using System.Security.Cryptography;
using System.Text;

namespace Fleetbook.Backends.Slurm;

/// <summary>
/// How a run's workers are known to Slurm: the job name <c>fleetbook-&lt;appName&gt;</c> (readable in squeue), and a comment
/// <c>fleetbook:&lt;appName&gt;:&lt;hash of the state folder&gt;</c> that tells this run apart from a run of the same name in
/// another project folder. Status, monitor and cleanup touch only jobs that carry both.
/// </summary>
public sealed record SlurmRunNames(string AppName, string StateDirectory)
{
    public const string JobNamePrefix = "fleetbook-";

    public string JobName => JobNamePrefix + AppName;

    public string Marker => $"fleetbook:{AppName}:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(StateDirectory))).AsSpan(0, 6))}";

    public bool Owns(SlurmJob job) => job.Name == JobName && job.Comment.Trim() == Marker;
}

namespace Fleetbook.Configuration;

/// <summary>
/// What only the Slurm backend reads: where the workers queue (partition, account, QOS), how long each may live, and
/// anything else sbatch should be told. The rest of the mapping comes from the shared keys: machines × tasksPerMachine
/// workers (array tasks), dockerCores CPUs and memory MB per worker.
/// </summary>
public sealed record SlurmOptions
{
    /// <summary>sbatch --partition; empty: the cluster's default partition.</summary>
    public string Partition { get; init; } = "";

    /// <summary>sbatch --account; empty: the user's default account.</summary>
    public string Account { get; init; } = "";

    /// <summary>sbatch --qos; empty: the account's default QOS.</summary>
    public string Qos { get; init; } = "";

    /// <summary>
    /// sbatch --time for each worker, in Slurm's format ("90", "2:00:00", "1-12:00:00"); empty: the partition's default.
    /// A worker takes a job only while at least jobTimeoutSeconds of it remain, then exits and monitor submits another.
    /// </summary>
    public string TimeLimit { get; init; } = "";

    /// <summary>More sbatch options, one per element (such as "--gres=gpu:1" or "--constraint=avx2").</summary>
    public IReadOnlyList<string> SbatchArguments { get; init; } = [];

    /// <summary>An Apptainer/Singularity image (a .sif file or a docker:// URI) the command runs in; empty: no container.</summary>
    public string Container { get; init; } = "";

    /// <summary>Node-local scratch for the jobs' input and output folders; empty: $SLURM_TMPDIR, else $TMPDIR, else /tmp.</summary>
    public string WorkDir { get; init; } = "";

    public SlurmOptions WithPartition(string partition) => this with { Partition = partition };
    public SlurmOptions WithAccount(string account) => this with { Account = account };
    public SlurmOptions WithQos(string qos) => this with { Qos = qos };
    public SlurmOptions WithTimeLimit(string timeLimit) => this with { TimeLimit = timeLimit };
    public SlurmOptions WithSbatchArguments(IReadOnlyList<string> arguments) => this with { SbatchArguments = arguments };
    public SlurmOptions WithContainer(string image) => this with { Container = image };
    public SlurmOptions WithWorkDir(string workDir) => this with { WorkDir = workDir };
}

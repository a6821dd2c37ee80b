using System.Globalization;
using Fleetbook.Configuration;
using Fleetbook.Steps;

namespace Fleetbook.Backends.Slurm;

/// <summary>
/// Checks, before any worker is submitted, that the run can work on this cluster: Slurm answers; the partition exists,
/// is UP and has nodes that take jobs; a worker's CPUs, memory and time limit fit the partition and its nodes; the
/// array fits MaxArraySize; the run's folders are writable, on a file system the nodes share and on which rename is
/// atomic; the worker, the program (and the container image) are where the nodes can start them.
/// </summary>
internal sealed class SlurmPreflight(RunConfig config, SlurmClient slurm, SlurmRunFolders folders, Func<IReadOnlyList<string>> workerCommand, Func<string, MountedFileSystem?> fileSystemOf)
{
    /// <summary>Time a worker needs besides its jobs (starting .NET, the first receive): a time limit must leave this much beyond jobTimeoutSeconds.</summary>
    public static readonly TimeSpan StartMargin = TimeSpan.FromMinutes(1);

    /// <summary>NFS's default acdirmax: how late a client may see a folder's new entries.</summary>
    private const int NfsListingDelaySeconds = 60;

    private static readonly string[] SystemFolders = ["/usr/", "/bin/", "/sbin/", "/lib/", "/lib64/", "/etc/"];

    public async Task<IReadOnlyList<PreflightCheck>> RunAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<SlurmPartition> partitions;
        IReadOnlyList<SlurmNode> nodes;
        IReadOnlyDictionary<string, string> settings;
        try
        {
            partitions = await slurm.PartitionsAsync(cancellationToken);
            nodes = await slurm.NodesAsync(cancellationToken);
            settings = await slurm.ConfigAsync(cancellationToken);
        }
        catch (SlurmUnavailableException ex)
        {
            return [new PreflightCheck("Slurm", false, $"Slurm's commands are not here: {ex.Program} could not be started",
                "run fleetbook on the cluster's login node, where sbatch, squeue, scancel and scontrol are on PATH (on many clusters: 'module load slurm')")];
        }
        catch (SlurmCommandException ex)
        {
            return [new PreflightCheck("Slurm", false, $"Slurm's controller did not answer ({ex.Call}: {ex.Output.Problem})",
                "check that slurmctld runs and answers ('scontrol ping'), or ask the cluster's administrators")];
        }

        var checks = new List<PreflightCheck>
        {
            new("Slurm", true, $"the controller of cluster {Setting(settings, "ClusterName") ?? "(unnamed)"} answers (Slurm {Setting(settings, "SLURM_VERSION") ?? "?"})"),
        };

        var partition = PickPartition(partitions, checks);
        var partitionNodes = partition is null ? [] : nodes.Where(n => n.Partitions.Contains(partition.Name, StringComparer.Ordinal)).ToList();
        var oneNodeHere = partitionNodes.Count > 0 && partitionNodes.All(n => IsThisMachine(n));
        if (partition is not null)
        {
            checks.Add(PartitionState(partition));
            checks.Add(Nodes(partition, partitionNodes));
            checks.AddRange(Resources(partition, partitionNodes));
            checks.AddRange(Accounts(partition));
        }

        checks.Add(ArraySize(settings));
        checks.Add(Folder("run folder", folders.StateDirectory, "stateDir", oneNodeHere, partition));
        checks.Add(Folder("bucket folder", folders.BucketDirectory, "bucket", oneNodeHere, partition));
        if (fileSystemOf(folders.StateDirectory) is { Type: "nfs" or "nfs4" } && config.IdleExitSeconds < NfsListingDelaySeconds)
        {
            checks.Add(new PreflightCheck("idle exit", true,
                $"the queue is on NFS, whose clients may list a folder up to {NfsListingDelaySeconds} s late: with idleExitSeconds {config.IdleExitSeconds} a worker may leave while jobs wait (monitor submits new ones); {NfsListingDelaySeconds} or more avoids that"));
        }

        checks.Add(Worker(oneNodeHere, partition));
        checks.AddRange(ProgramChecks.For(config, folders.ProjectDirectory, path => Reach("program", path, oneNodeHere, partition)));
        checks.AddRange(Container(oneNodeHere, partition));
        return checks;
    }

    private SlurmPartition? PickPartition(IReadOnlyList<SlurmPartition> partitions, List<PreflightCheck> checks)
    {
        var names = string.Join(", ", partitions.Select(p => p.Name + (p.IsDefault ? " (default)" : "")));
        var wanted = config.Slurm.Partition.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (wanted.Length == 0)
        {
            var fallback = partitions.FirstOrDefault(p => p.IsDefault);
            checks.Add(fallback is null
                ? new PreflightCheck("partition", false, $"no partition is named and the cluster has no default one (partitions: {names})", "set \"slurm\": { \"partition\": \"NAME\" } to one of them ('sinfo' lists them with their state)")
                : new PreflightCheck("partition", true, $"the workers go to {fallback.Name}, the cluster's default partition"));
            return fallback;
        }

        var missing = wanted.Where(w => partitions.All(p => p.Name != w)).ToList();
        if (missing.Count > 0)
        {
            var near = Inputs.NearestName.Suggest(missing[0], partitions.Select(p => p.Name));
            checks.Add(new PreflightCheck("partition", false, $"this cluster has no partition {string.Join(", ", missing.Select(m => $"'{m}'"))} (it has {names})",
                $"set \"slurm\": {{ \"partition\": \"{near ?? partitions.FirstOrDefault(p => p.IsDefault)?.Name ?? "NAME"}\" }} ('sinfo' lists the partitions with their state)"));
            return null;
        }

        checks.Add(new PreflightCheck("partition", true, $"the workers go to partition {wanted[0]}" + (wanted.Length > 1 ? $" (or {string.Join(", ", wanted[1..])}; checked: {wanted[0]})" : "")));
        return partitions.First(p => p.Name == wanted[0]);
    }

    private static PreflightCheck PartitionState(SlurmPartition partition) => partition.State switch
    {
        "UP" => new PreflightCheck("partition state", true, $"partition {partition.Name} is UP"),
        "DOWN" => new PreflightCheck("partition state", false,
            $"partition {partition.Name} is DOWN: Slurm would take the workers but start none of them (they would wait with reason PartitionDown) until an administrator sets it UP",
            $"ask the cluster's administrators when {partition.Name} comes back, or choose another partition with \"slurm\": {{ \"partition\": … }} ('sinfo' shows which are up)"),
        "DRAIN" => new PreflightCheck("partition state", false,
            $"partition {partition.Name} is DRAINING: it takes no new jobs while an administrator empties it",
            $"choose another partition with \"slurm\": {{ \"partition\": … }}, or wait until {partition.Name} is UP again ('sinfo' shows its state)"),
        "INACTIVE" => new PreflightCheck("partition state", false,
            $"partition {partition.Name} is INACTIVE: it neither takes nor runs jobs",
            $"choose another partition with \"slurm\": {{ \"partition\": … }} ('sinfo' shows which are up)"),
        var state => new PreflightCheck("partition state", false, $"partition {partition.Name} is {state}", "choose a partition that is UP ('sinfo' shows their state)"),
    };

    private static PreflightCheck Nodes(SlurmPartition partition, IReadOnlyList<SlurmNode> nodes)
    {
        var usable = nodes.Where(n => n.IsUsable).ToList();
        if (usable.Count > 0)
        {
            return new PreflightCheck("nodes", true, $"{usable.Count} of {nodes.Count} node(s) of {partition.Name} take jobs");
        }

        var why = string.Join("; ", nodes.Take(5).Select(n => $"{n.Name} is {n.State.ToLowerInvariant()}" + (n.Reason.Length > 0 ? $" ({n.Reason})" : "")))
            + (nodes.Count > 5 ? $"; and {nodes.Count - 5} more" : "");
        return new PreflightCheck("nodes", false,
            nodes.Count == 0
                ? $"partition {partition.Name} has no nodes, so no worker could ever start"
                : $"no node of partition {partition.Name} takes jobs: {why}. Workers would wait (reason ReqNodeNotAvail or Resources) until one is back",
            $"ask the cluster's administrators when the nodes of {partition.Name} return ('sinfo -R' says why each is out), or choose another partition with \"slurm\": {{ \"partition\": … }}");
    }

    private IEnumerable<PreflightCheck> Resources(SlurmPartition partition, IReadOnlyList<SlurmNode> nodes)
    {
        if (nodes.Count > 0)
        {
            var cpus = Math.Min(nodes.Max(n => n.Cpus), partition.MaxCpusPerNode ?? long.MaxValue);
            yield return config.DockerCores <= cpus
                ? new PreflightCheck("CPUs per worker", true, $"each worker asks for {Count(config.DockerCores)} CPU(s) (dockerCores); the largest node of {partition.Name} has {Count(cpus)}")
                : new PreflightCheck("CPUs per worker", false, $"each worker asks for {Count(config.DockerCores)} CPUs (dockerCores, one per copy) but no node of {partition.Name} offers more than {Count(cpus)}, so the workers would never start",
                    $"set dockerCores to at most {Count(cpus)}, and add workers with machines or tasksPerMachine instead");

            var memory = Math.Min(nodes.Max(n => n.RealMemoryMb), partition.MaxMemoryPerNodeMb ?? long.MaxValue);
            yield return config.Memory <= memory
                ? new PreflightCheck("memory per worker", true, $"each worker asks for {Count(config.Memory)} MB (memory); {partition.Name} allows up to {Count(memory)} MB per node")
                : new PreflightCheck("memory per worker", false, $"each worker asks for {Count(config.Memory)} MB (memory) but {partition.Name} offers at most {Count(memory)} MB per node, so the workers would never start",
                    $"set memory to at most {Count(memory)} (MB)");
        }

        var asked = config.Slurm.TimeLimit.Length > 0 && SlurmTime.TryParse(config.Slurm.TimeLimit, out var limit) ? limit : partition.DefaultLimit;
        var source = config.Slurm.TimeLimit.Length > 0 ? "slurm.timeLimit" : $"{partition.Name}'s default";
        if (config.Slurm.TimeLimit.Length > 0 && partition.MaxTime is { } max && (asked is null || asked > max))
        {
            yield return new PreflightCheck("time limit", false, $"a worker asks for {SlurmTime.Describe(asked)} (slurm.timeLimit) but partition {partition.Name} allows at most {SlurmTime.Describe(max)} (MaxTime); the workers would wait forever (reason PartitionTimeLimit)",
                $"set \"slurm\": {{ \"timeLimit\": \"{SlurmTime.Format(max)}\" }} or less");
            yield break;
        }

        if (config.JobTimeoutSeconds > 0 && asked is { } life && TimeSpan.FromSeconds(config.JobTimeoutSeconds) + StartMargin > life)
        {
            yield return new PreflightCheck("time limit", false, $"a job may run for {SlurmTime.Describe(TimeSpan.FromSeconds(config.JobTimeoutSeconds))} (jobTimeoutSeconds) but a worker lives at most {SlurmTime.Describe(life)} ({source}), so Slurm would end workers in the middle of jobs the timeout allows",
                $"set \"slurm\": {{ \"timeLimit\": \"{SlurmTime.Format(TimeSpan.FromSeconds(config.JobTimeoutSeconds) + StartMargin)}\" }} or more, or lower jobTimeoutSeconds");
            yield break;
        }

        yield return new PreflightCheck("time limit", true, asked is null
            ? $"the workers have no time limit ({source})"
            : $"each worker lives up to {SlurmTime.Describe(asked)} ({source})" + (config.JobTimeoutSeconds > 0 ? $" and takes a job only while {SlurmTime.Describe(TimeSpan.FromSeconds(config.JobTimeoutSeconds))} (jobTimeoutSeconds) of it remain" : "; a job still running at the limit goes back to the queue"));
    }

    private IEnumerable<PreflightCheck> Accounts(SlurmPartition partition)
    {
        var slurm = config.Slurm;
        if (slurm.Account.Length > 0 && partition.AllowedAccounts.Count > 0 && !partition.AllowedAccounts.Contains(slurm.Account, StringComparer.Ordinal))
        {
            yield return new PreflightCheck("account", false, $"partition {partition.Name} takes jobs of the accounts {string.Join(", ", partition.AllowedAccounts)} only, not of {slurm.Account}",
                $"set \"slurm\": {{ \"account\": \"{partition.AllowedAccounts[0]}\" }} if it is yours, or choose another partition");
        }

        if (slurm.Qos.Length > 0 && partition.AllowedQos.Count > 0 && !partition.AllowedQos.Contains(slurm.Qos, StringComparer.Ordinal))
        {
            yield return new PreflightCheck("QOS", false, $"partition {partition.Name} allows the QOS {string.Join(", ", partition.AllowedQos)} only, not {slurm.Qos}",
                $"set \"slurm\": {{ \"qos\": \"{partition.AllowedQos[0]}\" }}, or leave it empty for your default");
        }
    }

    private PreflightCheck ArraySize(IReadOnlyDictionary<string, string> settings)
    {
        var workers = config.WorkerCount;
        if (!long.TryParse(Setting(settings, "MaxArraySize"), NumberStyles.None, CultureInfo.InvariantCulture, out var maxArraySize))
        {
            return new PreflightCheck("workers", true, $"{Count(workers)} worker(s), one array task each");
        }

        return workers <= maxArraySize
            ? new PreflightCheck("workers", true, $"{Count(workers)} worker(s), one array task each (MaxArraySize {Count(maxArraySize)})")
            : new PreflightCheck("workers", false, $"{Count(workers)} workers (machines × tasksPerMachine) make a job array larger than this cluster allows (MaxArraySize {Count(maxArraySize)})",
                $"ask for at most {Count(maxArraySize)} workers, and give each more copies with dockerCores instead");
    }

    private PreflightCheck Folder(string name, string folder, string key, bool oneNodeHere, SlurmPartition? partition)
    {
        try
        {
            // The queue's one operation, tried where it will live (or in the folder that will hold it): a file written, renamed and removed.
            var existing = folder;
            while (!Directory.Exists(existing) && Path.GetDirectoryName(existing) is { } parent)
            {
                existing = parent;
            }

            var probe = Path.Combine(existing, $".fleetbook-preflight-{Guid.NewGuid():N}");
            File.WriteAllText(probe, "");
            var renamed = probe + ".renamed";
            File.Move(probe, renamed, overwrite: true);
            File.Delete(renamed);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new PreflightCheck(name, false, $"{folder} cannot be written: {ex.Message}", $"make it writable, or point \"{key}\" at a folder you may write on the file system the nodes share");
        }

        return Reach(name, folder, oneNodeHere, partition, $"set \"{key}\" (or move the project) to a folder on the file system the nodes share, such as your home or scratch folder")
            ?? new PreflightCheck(name, true, $"{folder} is writable");
    }

    private PreflightCheck Worker(bool oneNodeHere, SlurmPartition? partition)
    {
        IReadOnlyList<string> command;
        try
        {
            command = workerCommand();
        }
        catch (Inputs.InputException ex)
        {
            return new PreflightCheck("worker program", false, ex.Problems[0].Message, ex.Problems[0].Fix);
        }

        foreach (var path in command.Where(Path.IsPathFullyQualified))
        {
            if (Reach("worker program", path, oneNodeHere, partition, "install Fleetbook (and .NET) on the shared file system, or set FLEETBOOK_WORKER to a fleetbook-worker there") is { Passed: false } problem)
            {
                return problem;
            }
        }

        return new PreflightCheck("worker program", true, $"workers start as {string.Join(' ', command)}");
    }

    private IEnumerable<PreflightCheck> Container(bool oneNodeHere, SlurmPartition? partition)
    {
        var image = config.Slurm.Container;
        if (image.Length == 0)
        {
            yield break;
        }

        var runtime = Working.ContainerRuntimes.Find(Environment.GetEnvironmentVariable("PATH"));
        yield return runtime is null
            ? new PreflightCheck("container runtime", false, "slurm.container names an image, but neither apptainer nor singularity is on PATH here",
                "load it (often 'module load apptainer'), or remove \"container\" to run the command on the nodes directly")
            : new PreflightCheck("container runtime", true, $"jobs run in {image} with {runtime}");

        if (!image.Contains("://", StringComparison.Ordinal))
        {
            var path = Path.GetFullPath(image, folders.ProjectDirectory);
            yield return !File.Exists(path)
                ? new PreflightCheck("container image", false, $"the image {path} does not exist", "build or pull it there ('apptainer pull'), or fix \"container\"")
                : Reach("container image", path, oneNodeHere, partition) ?? new PreflightCheck("container image", true, $"{path} exists");
        }

        foreach (var bind in Working.ContainerCommand.Binds(folders.ProjectDirectory, folders.BucketDirectory, folders.StateDirectory))
        {
            if (bind.Contains(',') || bind.Contains(':'))
            {
                yield return new PreflightCheck("container folders", false, $"{bind} holds ',' or ':', which Apptainer's --bind cannot take", "move the project to a folder whose path has neither");
            }
        }
    }

    /// <summary>Why the nodes cannot use <paramref name="path"/> here; null when they can, or when it cannot be told.</summary>
    private PreflightCheck? Reach(string name, string path, bool oneNodeHere, SlurmPartition? partition, string? fix = null)
    {
        if (fileSystemOf(path) is not { } fileSystem)
        {
            return null;
        }

        var where = partition is null ? "the compute nodes" : $"the nodes of {partition.Name}";
        return fileSystem.Reach switch
        {
            FileSystemReach.Shared => new PreflightCheck(name, true, $"{path} is on {fileSystem.Type} ({fileSystem.MountPoint}), which the nodes share"),
            FileSystemReach.SharedWithoutAtomicRename => new PreflightCheck(name, false,
                $"{path} is on {fileSystem.Type}, where a rename is a copy and a delete, so two workers could take the same job from the queue",
                fix ?? "use a POSIX file system the nodes share (NFS, Lustre, GPFS, BeeGFS, CephFS)"),
            FileSystemReach.Local when oneNodeHere => new PreflightCheck(name, true, $"{path} is on {fileSystem.Type}, this machine's own disk, which is enough: this machine is the partition's only node"),
            FileSystemReach.Local when SystemFolders.Any(folder => path.StartsWith(folder, StringComparison.Ordinal)) => new PreflightCheck(name, true,
                $"{path} is installed on this machine ({fileSystem.Type}); every node needs it at the same path, as system programs usually are"),
            FileSystemReach.Local => new PreflightCheck(name, false, $"{path} is on {fileSystem.Type} ({fileSystem.MountPoint}), a disk of this machine only: {where} cannot see it",
                fix ?? "copy it to the file system the nodes share (your home or scratch folder) and name it there"),
            _ => new PreflightCheck(name, true, $"{path} is on {fileSystem.Type}, a file system Fleetbook does not know: the nodes must see it, and the queue needs POSIX rename on it"),
        };
    }

    private static bool IsThisMachine(SlurmNode node)
    {
        static string Short(string name) => name.Split('.')[0];
        var here = Short(Environment.MachineName);
        return string.Equals(Short(node.HostName), here, StringComparison.OrdinalIgnoreCase) || string.Equals(Short(node.Name), here, StringComparison.OrdinalIgnoreCase);
    }

    private static string? Setting(IReadOnlyDictionary<string, string> settings, string key) => settings.TryGetValue(key, out var value) ? value : null;

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}

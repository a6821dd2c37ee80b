namespace Fleetbook.Backends.Slurm;

/// <summary>Slurm's one-word reasons and end states, in words a person can act on.</summary>
public static class SlurmReasons
{
    private static readonly Dictionary<string, string> Pending = new(StringComparer.Ordinal)
    {
        ["Priority"] = "other jobs of higher priority come first; they start as those ahead of them do",
        ["Resources"] = "they wait for CPUs or memory on the partition's nodes to free up",
        ["None"] = "Slurm has not looked at them yet",
        ["QOSMaxJobsPerUserLimit"] = "your QOS allows only so many running jobs per user, and you have that many",
        ["QOSMaxSubmitJobPerUserLimit"] = "your QOS allows only so many queued jobs per user",
        ["QOSMaxCpuPerUserLimit"] = "your QOS caps the CPUs one user may hold at once",
        ["QOSMaxMemoryPerUser"] = "your QOS caps the memory one user may hold at once",
        ["QOSGrpCpuLimit"] = "your QOS group has used all the CPUs it may hold at once",
        ["QOSGrpJobsLimit"] = "your QOS group runs as many jobs as it may",
        ["QOSGrpNodeLimit"] = "your QOS group holds as many nodes as it may",
        ["QOSJobLimit"] = "the job asks for more than its QOS allows (time, CPUs or memory)",
        ["QOSNotAllowed"] = "the QOS is not allowed on this partition or for your account",
        ["AssocMaxJobsLimit"] = "your account allows only so many running jobs, and you have that many",
        ["AssocGrpCpuLimit"] = "your account's group has used all the CPUs it may hold at once",
        ["AssocGrpJobsLimit"] = "your account's group runs as many jobs as it may",
        ["AssocGrpCPUMinutesLimit"] = "your account has used up its CPU minutes",
        ["AssocGrpBillingMinutes"] = "your account has used up its allocation",
        ["PartitionDown"] = "the partition is DOWN: nothing starts on it until an administrator sets it UP again",
        ["PartitionInactive"] = "the partition is INACTIVE: it neither accepts nor runs jobs",
        ["PartitionNodeLimit"] = "the job asks for more nodes than the partition allows",
        ["PartitionTimeLimit"] = "the time limit asked for is longer than the partition's MaxTime",
        ["PartitionConfig"] = "the job asks for something the partition cannot give (CPUs, memory or features)",
        ["ReqNodeNotAvail"] = "the nodes it needs are down, drained or reserved",
        ["Reservation"] = "it waits for a reservation to begin",
        ["Nodes_required_for_job_are_DOWN,_DRAINED_or_reserved_for_jobs_in_higher_priority_partitions"] = "every node it could use is down, drained or reserved for other partitions",
        ["Dependency"] = "it waits for another job to end",
        ["DependencyNeverSatisfied"] = "it waits for another job that can never end as required",
        ["BeginTime"] = "it may not start before a set time",
        ["JobHeldUser"] = "it is held by its owner ('scontrol release' lets it go)",
        ["JobHeldAdmin"] = "an administrator holds it",
        ["BadConstraints"] = "its constraints (--constraint, --gres) match no node",
        ["InvalidAccount"] = "the account is not valid for this user or partition",
        ["InvalidQOS"] = "the QOS is not valid for this user or account",
        ["AccountNotAllowed"] = "the account may not use this partition",
        ["launch failed requeued held"] = "starting it failed on a node and Slurm held it; 'scontrol show job' tells why",
    };

    private static readonly Dictionary<string, string> Ended = new(StringComparer.Ordinal)
    {
        ["TIMEOUT"] = "Slurm ended it at its time limit",
        ["CANCELLED"] = "it was cancelled (scancel, by its owner or an administrator)",
        ["PREEMPTED"] = "a job of higher priority preempted it",
        ["NODE_FAIL"] = "its node failed",
        ["BOOT_FAIL"] = "its node failed to boot",
        ["OUT_OF_MEMORY"] = "it ran out of the memory it asked for",
        ["FAILED"] = "it exited with an error",
        ["DEADLINE"] = "it reached its deadline",
        ["COMPLETED"] = "it ended by itself",
    };

    /// <summary>Why jobs wait, in words; an unknown reason is given as Slurm wrote it.</summary>
    public static string ExplainPending(string reason) =>
        Pending.TryGetValue(reason, out var words) ? words
        : reason.StartsWith("QOS", StringComparison.Ordinal) ? $"a limit of your QOS holds them ({reason})"
        : reason.StartsWith("Assoc", StringComparison.Ordinal) ? $"a limit of your account holds them ({reason})"
        : $"Slurm says {reason} ('scontrol show job' tells more)";

    /// <summary>How a job ended, in words.</summary>
    public static string ExplainEnd(string state) =>
        Ended.TryGetValue(state.Split(' ')[0], out var words) ? words : $"it ended as {state}";
}

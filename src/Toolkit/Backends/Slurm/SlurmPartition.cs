namespace Fleetbook.Backends.Slurm;

/// <summary>A node as <c>scontrol -o show node</c> describes it.</summary>
public sealed record SlurmNode(string Name, string HostName, int Cpus, long RealMemoryMb, string State, string Reason, IReadOnlyList<string> Partitions)
{
    private static readonly string[] Unusable = ["DOWN", "DRAIN", "FAIL", "FUTURE", "NOT_RESPONDING", "INVAL", "MAINT", "REBOOT_ISSUED"];

    /// <summary>Whether Slurm would start a job on it now or soon: not down, drained, failed or out of service.</summary>
    public bool IsUsable => !State.Split('+', '*', '~', '#', '!', '%', '$', '@', '^', '-').Any(part => Unusable.Contains(part, StringComparer.Ordinal));

    internal static SlurmNode From(ScontrolRecord record) => new(
        record["NodeName"] ?? "",
        record["NodeHostName"] ?? record["NodeName"] ?? "",
        (int)(record.Number("CPUTot") ?? record.Number("CPUEfctv") ?? 0),
        record.Number("RealMemory") ?? 0,
        record["State"] ?? "UNKNOWN",
        record["Reason"] ?? "",
        (record["Partitions"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries));
}

/// <summary>A partition as <c>scontrol -o show partition</c> describes it: its state, its limits, its nodes.</summary>
public sealed record SlurmPartition(string Name, string State, bool IsDefault, TimeSpan? MaxTime, TimeSpan? DefaultTime)
{
    /// <summary>MaxCPUsPerNode; null when unlimited.</summary>
    public long? MaxCpusPerNode { get; init; }

    /// <summary>MaxMemPerNode in MB; null when unlimited.</summary>
    public long? MaxMemoryPerNodeMb { get; init; }

    /// <summary>MaxMemPerCPU in MB; null when not set.</summary>
    public long? MaxMemoryPerCpuMb { get; init; }

    /// <summary>AllowAccounts and AllowQos; empty when any is allowed.</summary>
    public IReadOnlyList<string> AllowedAccounts { get; init; } = [];

    public IReadOnlyList<string> AllowedQos { get; init; } = [];

    public bool IsUp => State == "UP";

    /// <summary>The time limit a job gets that asks for none: DefaultTime, else MaxTime (null: no limit).</summary>
    public TimeSpan? DefaultLimit => DefaultTime ?? MaxTime;

    internal static SlurmPartition From(ScontrolRecord record)
    {
        static TimeSpan? Time(string? text) => text is null or "NONE" || !SlurmTime.TryParse(text, out var limit) ? null : limit;
        static IReadOnlyList<string> Allowed(string? text) => text is null or "ALL" ? [] : text.Split(',', StringSplitOptions.RemoveEmptyEntries);
        return new SlurmPartition(record["PartitionName"] ?? "", record["State"] ?? "UNKNOWN", record["Default"] == "YES", Time(record["MaxTime"]), Time(record["DefaultTime"]))
        {
            MaxCpusPerNode = record.Number("MaxCPUsPerNode"),
            MaxMemoryPerNodeMb = record.Number("MaxMemPerNode"),
            MaxMemoryPerCpuMb = record.Number("MaxMemPerCPU"),
            AllowedAccounts = Allowed(record["AllowAccounts"]),
            AllowedQos = Allowed(record["AllowQos"]),
        };
    }
}

namespace Fleetbook.Backends.Aws.Preflight;

/// <summary>
/// How much of a machine ECS can give to tasks. The agent registers the memory the OS reports, which is below the
/// type's nominal size (an m4.large's 8192 MiB registers as 7985, ECS developer guide "Reserving Amazon ECS Linux
/// container instance memory"), and leaving room for the OS and the agent is advised (its example:
/// ECS_RESERVED_MEMORY=256). Preflight keeps 6% of the memory, at least 256 MiB, so a task that passes here is placed.
/// </summary>
public static class TaskFit
{
    public const int MinimumReservedMiB = 256;
    public const double ReservedFraction = 0.06;
    public const int CpuUnitsPerVCpu = 1024;

    /// <summary>The memory of a machine of <paramref name="memoryMiB"/> that tasks can have.</summary>
    public static long UsableMemoryMiB(long memoryMiB) => memoryMiB - Math.Max(MinimumReservedMiB, (long)Math.Ceiling(memoryMiB * ReservedFraction));

    public static bool Fits(long machineMemoryMiB, int vCpus, int taskMemory, int taskCpu, int tasksPerMachine) =>
        (long)taskMemory * tasksPerMachine <= UsableMemoryMiB(machineMemoryMiB) && (long)taskCpu * tasksPerMachine <= (long)vCpus * CpuUnitsPerVCpu;
}

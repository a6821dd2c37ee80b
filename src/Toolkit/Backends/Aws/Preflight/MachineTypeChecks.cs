using Fleetbook.Backends.Aws.Services.Ec2;
using Fleetbook.Configuration;
using Fleetbook.Steps;

namespace Fleetbook.Backends.Aws.Preflight;

/// <summary>
/// The machine types exist and the run's tasks fit on them. A task that does not fit is never placed: machines start
/// and stay idle, with nothing in flight (DCP#126, DCP#200; "MEMORY must fit MACHINE_TYPE" in DS's troubleshooting).
/// </summary>
internal static class MachineTypeChecks
{
    public static async Task<IReadOnlyList<PreflightCheck>> CheckAsync(Ec2Client ec2, RunConfig config, CancellationToken cancellationToken)
    {
        var types = config.MachineTypes.Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (types.Count == 0)
        {
            return [Outcome.Problem("Machine types", "no machine types are set.", "set \"machineTypes\" (MACHINE_TYPE), e.g. [\"m5.xlarge\"].")];
        }

        var checks = new List<PreflightCheck>();
        foreach (var type in types)
        {
            var name = "Machine type " + type;
            checks.AddRange(await Outcome.GuardAsync(name, $"the machine type {type}", () => CheckOneAsync(ec2, name, type, config, cancellationToken), cancellationToken).ConfigureAwait(false));
        }

        return checks;
    }

    private static async Task<IReadOnlyList<PreflightCheck>> CheckOneAsync(Ec2Client ec2, string name, string type, RunConfig config, CancellationToken cancellationToken)
    {
        // A filter rather than InstanceTypes: an unknown name then reads as no match instead of an error, and types newer
        // than the embedded EC2 model's InstanceType enum still pass.
        var info = type.IndexOfAny(['*', '?']) >= 0 ? null
            : (await ec2.DescribeInstanceTypesAllAsync(new DescribeInstanceTypesRequest(Filters: [new Ec2Filter("instance-type", [type])]), cancellationToken)
                .ReadAllAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(t => t.InstanceType == type);

        if (info is null)
        {
            return [Outcome.Problem(name, $"{type} is not an instance type in {config.Region}.",
                $"fix the name in \"machineTypes\" (MACHINE_TYPE), e.g. m5.xlarge; list the types with: aws ec2 describe-instance-types --region {config.Region} --query 'InstanceTypes[].InstanceType' --output text")];
        }

        var tasks = Math.Max(1, config.TasksPerMachine);
        var cpu = config.EffectiveCpuShares;
        var usable = TaskFit.UsableMemoryMiB(info.MemoryMiB);
        var cpuUnits = (long)info.VCpus * TaskFit.CpuUnitsPerVCpu;
        var memoryFits = (long)config.Memory * tasks <= usable;
        var cpuFits = (long)cpu * tasks <= cpuUnits;
        var taskText = tasks == 1 ? "1 task" : $"{tasks} tasks";
        if (memoryFits && cpuFits)
        {
            return [Outcome.Ok(name, $"{type} has {info.VCpus} vCPUs and {info.MemoryMiB} MiB (about {usable} MiB for tasks); {taskText} of {config.Memory} MB and {cpu} CPU units fit.")];
        }

        var bigger = await FindBiggerAsync(ec2, type, config.Memory, cpu, tasks, cancellationToken).ConfigureAwait(false);
        var orBigger = bigger is null ? "choose a bigger machine type" : $"choose a bigger machine type: {bigger.InstanceType} ({bigger.VCpus} vCPUs, {bigger.MemoryMiB} MiB) fits";
        var orFewer = tasks > 1 ? ", or lower \"tasksPerMachine\" (TASKS_PER_MACHINE)" : "";
        var checks = new List<PreflightCheck>();
        if (!memoryFits)
        {
            checks.Add(Outcome.Problem(name,
                $"{type} has {info.MemoryMiB} MiB, of which about {usable} MiB are left for tasks ({TaskFit.ReservedFraction * 100:0}%, at least {TaskFit.MinimumReservedMiB} MiB, stay with the OS and the ECS agent); {taskText} of {config.Memory} MB do not fit, so ECS would never place them and the machines would sit idle.",
                $"lower \"memory\" (MEMORY) to at most {usable / tasks}, or {orBigger}{orFewer}."));
        }

        if (!cpuFits)
        {
            checks.Add(Outcome.Problem(name,
                $"{type} has {info.VCpus} vCPUs = {cpuUnits} CPU units; {taskText} of {cpu} CPU units do not fit, so ECS would never place them.",
                $"lower \"cpuShares\" (CPU_SHARES; it defaults to dockerCores × 1024) to at most {cpuUnits / tasks}, or {orBigger}{orFewer}."));
        }

        return checks;
    }

    /// <summary>The smallest type of the same family, or of the memory-optimized r family of the same generation, that fits; null when none does or EC2 does not say.</summary>
    private static async Task<InstanceTypeInfo?> FindBiggerAsync(Ec2Client ec2, string type, int memory, int cpu, int tasks, CancellationToken cancellationToken)
    {
        var family = type.Split('.')[0];
        var generation = new string(family.SkipWhile(char.IsLetter).ToArray());
        var patterns = new List<string> { family + ".*" };
        if (generation.Length > 0 && family != "r" + generation)
        {
            patterns.Add("r" + generation + ".*");
        }

        try
        {
            var candidates = await ec2.DescribeInstanceTypesAllAsync(new DescribeInstanceTypesRequest(Filters: [new Ec2Filter("instance-type", patterns)]), cancellationToken).ReadAllAsync(cancellationToken).ConfigureAwait(false);
            return candidates
                .Where(c => c.InstanceType is not null && TaskFit.Fits(c.MemoryMiB, c.VCpus, memory, cpu, tasks))
                .OrderBy(c => c.MemoryMiB).ThenBy(c => c.VCpus).ThenBy(c => c.InstanceType!.StartsWith(family + ".", StringComparison.Ordinal) ? 0 : 1)
                .FirstOrDefault();
        }
        catch (AwsServiceException)
        {
            return null;
        }
    }
}

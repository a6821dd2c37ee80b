using Fleetbook.Configuration;
using Fleetbook.Steps;

namespace Fleetbook.Backends.Aws.Preflight;

/// <summary>
/// Checks an AWS run before anything is launched, for the setup failures users hit most (DCP#85, #151, #178, #126,
/// #200): the image name, the bucket, the IAM ARNs, the fleet file's AMIs, subnets and security groups, and that a task
/// fits its machine type (or is a valid Fargate size). Each check stands alone: a call that fails makes that check
/// fail, with its fix, and the others still run.
/// </summary>
public static class AwsPreflight
{
    public static async Task<IReadOnlyList<PreflightCheck>> RunAsync(AwsPreflightContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        var config = context.Config;
        var fargate = config.FleetMode == FleetMode.FargateSpot;
        var facts = fargate ? FleetFileFacts.None : FleetFileFacts.From(context.FleetFile);
        var checks = new List<PreflightCheck> { ImageReference.Check(config.Image) };

        checks.AddRange(await Outcome.GuardAsync("Bucket", $"the bucket {config.Bucket}", async () => [await BucketCheck.CheckAsync(context.Bucket, config.Bucket, config.Region, ct).ConfigureAwait(false)], ct).ConfigureAwait(false));
        checks.AddRange(RoleChecks(config, facts, context.FleetFile is not null));

        if (!fargate)
        {
            checks.AddRange(await AmiChecks.CheckAsync(context.Ec2, facts, config.Region, ct).ConfigureAwait(false));
        }

        var subnets = Named(facts.SubnetIds, "fleet file").Concat(Named(config.Subnets, "config's \"subnets\"")).DistinctBy(n => n.Id).ToList();
        var groups = Named(facts.SecurityGroupIds, "fleet file").Concat(Named(config.SecurityGroups, "config's \"securityGroups\"")).DistinctBy(n => n.Id).ToList();
        checks.AddRange(await NetworkChecks.CheckAsync(context.Ec2, subnets, groups, required: fargate, config.Region, ct).ConfigureAwait(false));

        checks.AddRange(fargate ? [FargateSizeCheck(config)] : await MachineTypeChecks.CheckAsync(context.Ec2, config, ct).ConfigureAwait(false));
        return checks;
    }

    private static IEnumerable<PreflightCheck> RoleChecks(RunConfig config, FleetFileFacts facts, bool hasFleetFile)
    {
        if (config.FleetMode != FleetMode.FargateSpot)
        {
            if (!hasFleetFile)
            {
                yield return Outcome.Problem("Fleet file", $"{config.FleetMode} mode needs a fleet file, and there is none.",
                    $"write {config.FleetFile} (start from Distributed-Something's files/exampleFleet_{config.Region}.json, or run 'fleetbook init'), or set \"fleetFile\" to yours.");
                yield break;
            }

            if (config.FleetMode == FleetMode.SpotFleet)
            {
                yield return Arns.CheckRole("Fleet role", "IamFleetRole", facts.FleetRole, "aws-ec2-spot-fleet-tagging-role", "the Spot Fleet role (it trusts spotfleet.amazonaws.com)");
            }

            if (facts.InstanceProfileArns.Count == 0)
            {
                yield return Outcome.Ok("Instance profile", "no IamInstanceProfile.Arn is given (a profile by Name is not checked).");
            }

            foreach (var profile in facts.InstanceProfileArns)
            {
                yield return Arns.CheckInstanceProfile("Instance profile", "IamInstanceProfile.Arn", profile);
            }
        }

        if (config.TaskRoleArn.Length > 0)
        {
            yield return Arns.CheckRole("Task role", "taskRoleArn", config.TaskRoleArn, "FleetbookTaskRole", "the role the containers run as");
        }

        if (config.ExecutionRoleArn.Length > 0 || config.FleetMode == FleetMode.FargateSpot)
        {
            yield return Arns.CheckRole("Execution role", "executionRoleArn", config.ExecutionRoleArn, "ecsTaskExecutionRole", "the role ECS uses to pull the image and write the logs (Fargate needs it)");
        }
    }

    private static PreflightCheck FargateSizeCheck(RunConfig config)
    {
        var cpu = config.EffectiveCpuShares;
        if (FargateSizes.IsValid(cpu, config.Memory))
        {
            return Outcome.Ok("Fargate size", $"{cpu} CPU units with {config.Memory} MiB is a valid Fargate size.");
        }

        var nearest = FargateSizes.Nearest(cpu, config.Memory);
        return Outcome.Problem("Fargate size", $"{cpu} CPU units with {config.Memory} MiB is not a Fargate size; valid sizes are {FargateSizes.Describe()}.",
            $"set \"cpuShares\" (CPU_SHARES) to {nearest.Cpu} and \"memory\" (MEMORY) to {nearest.Memory}, the nearest valid size.");
    }

    private static IEnumerable<NetworkName> Named(IEnumerable<string> ids, string source) =>
        ids.Select(id => id.Trim()).Where(id => id.Length > 0).Select(id => new NetworkName(id, source));
}

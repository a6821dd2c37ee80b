using System.Text.RegularExpressions;
using Fleetbook.Backends.Aws.Services.Ec2;
using Fleetbook.Steps;

namespace Fleetbook.Backends.Aws.Preflight;

/// <summary>A subnet or security group id and where it was written.</summary>
internal sealed record NetworkName(string Id, string Source);

/// <summary>
/// The subnets and security groups exist, and the groups belong to the subnets' VPC. Spot Fleet reports these only
/// after the request, as "One of the provided subnets was not valid" or "The security group … does not exist in VPC …".
/// </summary>
internal static partial class NetworkChecks
{
    public static async Task<IReadOnlyList<PreflightCheck>> CheckAsync(Ec2Client ec2, IReadOnlyList<NetworkName> subnets, IReadOnlyList<NetworkName> groups, bool required, string region, CancellationToken cancellationToken)
    {
        var checks = new List<PreflightCheck>();
        var subnetVpcs = new Dictionary<string, string>(StringComparer.Ordinal);
        var groupVpcs = new Dictionary<string, string>(StringComparer.Ordinal);

        if (subnets.Count == 0)
        {
            checks.Add(required
                ? Outcome.Problem("Subnets", "no subnets are set; Fargate tasks need at least one.", $"set \"subnets\" to subnet ids of your VPC; list them with: {ListSubnets(region)}")
                : Outcome.Ok("Subnets", "no subnets are named, so the fleet uses the default VPC's subnets."));
        }

        foreach (var subnet in subnets)
        {
            var name = "Subnet " + subnet.Id;
            checks.AddRange(await Outcome.GuardAsync(name, $"the subnet {subnet.Id}", async () => [await CheckSubnetAsync(ec2, name, subnet, region, subnetVpcs, cancellationToken).ConfigureAwait(false)], cancellationToken).ConfigureAwait(false));
        }

        if (groups.Count == 0)
        {
            checks.Add(required
                ? Outcome.Problem("Security groups", "no security groups are set; Fargate tasks need at least one.", $"set \"securityGroups\" to a group of the subnets' VPC that allows outbound traffic; list them with: {ListGroups(region, null)}")
                : Outcome.Ok("Security groups", "no security groups are named, so machines get their VPC's default group."));
        }

        foreach (var group in groups)
        {
            var name = "Security group " + group.Id;
            checks.AddRange(await Outcome.GuardAsync(name, $"the security group {group.Id}", async () => [await CheckGroupAsync(ec2, name, group, region, groupVpcs, cancellationToken).ConfigureAwait(false)], cancellationToken).ConfigureAwait(false));
        }

        checks.AddRange(CheckSameVpc(subnetVpcs, groupVpcs, region));
        return checks;
    }

    private static async Task<PreflightCheck> CheckSubnetAsync(Ec2Client ec2, string name, NetworkName subnet, string region, Dictionary<string, string> vpcs, CancellationToken cancellationToken)
    {
        if (!SubnetId().IsMatch(subnet.Id))
        {
            return Outcome.Problem(name, $"\"{subnet.Id}\" in the {subnet.Source} is not a subnet id (subnet- and 8 or 17 hexadecimal digits; a placeholder?).", $"put a real subnet id in the {subnet.Source}; list them with: {ListSubnets(region)}");
        }

        Subnet? found;
        try
        {
            found = (await ec2.DescribeSubnetsAsync(new DescribeSubnetsRequest(SubnetIds: [subnet.Id]), cancellationToken).ConfigureAwait(false)).Subnets.FirstOrDefault(s => s.SubnetId == subnet.Id);
        }
        catch (AwsServiceException error) when (error.Code.StartsWith("InvalidSubnetID.", StringComparison.Ordinal))
        {
            found = null;
        }

        if (found is null)
        {
            return Outcome.Problem(name, $"the subnet {subnet.Id} in the {subnet.Source} does not exist in {region}.", $"use a subnet of your VPC in {region}; list them with: {ListSubnets(region)}");
        }

        if (found.VpcId is { } vpc)
        {
            vpcs[subnet.Id] = vpc;
        }

        if (found.AvailableIpAddressCount == 0)
        {
            return Outcome.Problem(name, $"the subnet {subnet.Id} ({found.AvailabilityZone}) has no free IP addresses, so no machine or task can start in it.", "use another subnet, or free addresses in this one.");
        }

        return Outcome.Ok(name, $"the subnet {subnet.Id} exists ({found.VpcId}, {found.AvailabilityZone}, {found.AvailableIpAddressCount} free addresses).");
    }

    private static async Task<PreflightCheck> CheckGroupAsync(Ec2Client ec2, string name, NetworkName group, string region, Dictionary<string, string> vpcs, CancellationToken cancellationToken)
    {
        if (!GroupId().IsMatch(group.Id))
        {
            return Outcome.Problem(name, $"\"{group.Id}\" in the {group.Source} is not a security group id (sg- and 8 or 17 hexadecimal digits; a placeholder?).", $"put a real security group id in the {group.Source}; list them with: {ListGroups(region, null)}");
        }

        SecurityGroup? found;
        try
        {
            found = (await ec2.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest(GroupIds: [group.Id]), cancellationToken).ConfigureAwait(false)).SecurityGroups.FirstOrDefault(g => g.GroupId == group.Id);
        }
        catch (AwsServiceException error) when (error.Code.StartsWith("InvalidGroup.", StringComparison.Ordinal) || error.Code.StartsWith("InvalidGroupId.", StringComparison.Ordinal))
        {
            found = null;
        }

        if (found is null)
        {
            return Outcome.Problem(name, $"the security group {group.Id} in the {group.Source} does not exist in {region}.", $"use a security group of the subnets' VPC; list them with: {ListGroups(region, null)}");
        }

        if (found.VpcId is { } vpc)
        {
            vpcs[group.Id] = vpc;
        }

        return Outcome.Ok(name, $"the security group {group.Id} exists ({found.GroupName}, {found.VpcId}).");
    }

    private static IEnumerable<PreflightCheck> CheckSameVpc(Dictionary<string, string> subnetVpcs, Dictionary<string, string> groupVpcs, string region)
    {
        if (subnetVpcs.Count == 0 || groupVpcs.Count == 0)
        {
            yield break;
        }

        var vpcs = subnetVpcs.Values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var strays = groupVpcs.Where(g => !vpcs.Contains(g.Value, StringComparer.Ordinal)).ToList();
        if (strays.Count == 0)
        {
            yield return Outcome.Ok("Network", $"the security groups belong to the subnets' VPC ({string.Join(", ", vpcs)}).");
            yield break;
        }

        foreach (var (group, vpc) in strays)
        {
            yield return Outcome.Problem("Network", $"the security group {group} is in {vpc}, but the subnets are in {string.Join(", ", vpcs)}; EC2 would answer \"The security group '{group}' does not exist in VPC '{vpcs[0]}'\".",
                $"use a security group of {vpcs[0]} ({ListGroups(region, vpcs[0])}), or subnets of {vpc}.");
        }
    }

    private static string ListSubnets(string region) =>
        $"aws ec2 describe-subnets --region {region} --query 'Subnets[].[SubnetId,VpcId,AvailabilityZone]' --output table";

    private static string ListGroups(string region, string? vpc) =>
        $"aws ec2 describe-security-groups --region {region}{(vpc is null ? "" : $" --filters Name=vpc-id,Values={vpc}")} --query 'SecurityGroups[].[GroupId,GroupName,VpcId]' --output table";

    [GeneratedRegex("^subnet-([0-9a-f]{8}|[0-9a-f]{17})$")]
    private static partial Regex SubnetId();

    [GeneratedRegex("^sg-([0-9a-f]{8}|[0-9a-f]{17})$")]
    private static partial Regex GroupId();
}

using System.Text.RegularExpressions;
using Fleetbook.Inputs;

namespace Fleetbook.Backends.Aws.Capacity;

/// <summary>What EC2's fleet errors mean: no room right now (wait, or settle for fewer machines) or a fleet file that cannot work, and its fix.</summary>
internal static partial class FleetProblems
{
    /// <summary>Spot Fleet event subtypes and EC2 Fleet error codes that say "not now", not "not like this".</summary>
    private static readonly HashSet<string> CapacityCodes = new(StringComparer.OrdinalIgnoreCase)
    {
        "allLaunchSpecsTemporarilyBlacklisted",
        "launchSpecTemporarilyBlacklisted",
        "spotInstanceCountLimitExceeded",
        "InsufficientInstanceCapacity",
        "InsufficientCapacity",
        "MaxSpotInstanceCountExceeded",
        "UnfulfillableCapacity",
        "InsufficientFreeAddressesInSubnet",
    };

    private static readonly (string[] Signs, string Where, string Fix)[] Fixes =
    [
        (["iamFleetRole", "instance-profile", "iamInstanceProfile", "Linux/UNIX: Value"], "IamFleetRole, LaunchSpecifications[].IamInstanceProfile.Arn",
            "IamFleetRole must be a role ARN (arn:aws:iam::<account>:role/aws-ec2-spot-fleet-tagging-role) and IamInstanceProfile.Arn an instance-profile ARN (arn:aws:iam::<account>:instance-profile/ecsInstanceRole); check the account number and that the two are not swapped."),
        (["image id", "InvalidAMIID", "ImageId"], "LaunchSpecifications[].ImageId",
            "AMIs are region-specific and get retired: put a current ECS-optimized AMI of your region in ImageId (aws ssm get-parameters --names /aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id), and drop or update the root volume's SnapshotId."),
        (["snapshot"], "LaunchSpecifications[].BlockDeviceMappings",
            "snapshots are region-specific: remove SnapshotId from the root volume (the AMI brings its own) or use one from your region."),
        (["subnet"], "LaunchSpecifications[].NetworkInterfaces[0].SubnetId",
            "use subnets of your VPC in the region you run in (aws ec2 describe-subnets)."),
        (["security group"], "LaunchSpecifications[].NetworkInterfaces[0].Groups",
            "use security group ids (sg-…) of the subnets' VPC (aws ec2 describe-security-groups)."),
        (["key pair"], "LaunchSpecifications[].KeyName",
            "create the key pair in this region, or remove KeyName."),
        (["price"], "MachinePrice",
            "raise MachinePrice in the config above the current spot price of MachineTypes, or choose other machine types."),
        (["instance type", "InvalidInstanceType", "Unsupported"], "MachineTypes",
            "choose MachineTypes that this region (and the subnets' zones) offers."),
    ];

    public static string Sentence(string? code, string? description) =>
        string.IsNullOrWhiteSpace(description) ? code ?? "unknown error" : $"{code ?? "error"}: {description}";

    public static string Code(string error) => error.Split(':', 2)[0].Trim();

    public static bool IsCapacity(string error) => CapacityCodes.Contains(Code(error));

    /// <summary>
    /// A fleet no machine can come from: errors other than capacity ones, and nothing launched. With a machine up, a bad
    /// launch specification among several good ones is reported but the fleet lives on.
    /// </summary>
    public static bool Unusable(IReadOnlyList<string> errors, double fulfilled, int running) =>
        fulfilled <= 0 && running == 0 && errors.Any(e => !IsCapacity(e));

    /// <summary>The problem of a fleet file EC2 would not launch from; <paramref name="outcome"/> says what start did about it.</summary>
    public static InputException Rejected(string fleetFile, IReadOnlyList<string> errors, string outcome)
    {
        var relevant = errors.Where(e => !IsCapacity(e)).DefaultIfEmpty(errors.FirstOrDefault() ?? "no reason given").ToList();
        var text = string.Join(" | ", relevant.Select(Essence));
        var matches = Fixes.Where(f => f.Signs.Any(s => text.Contains(s, StringComparison.OrdinalIgnoreCase))).ToList();
        var where = matches.Count > 0 ? string.Join(", ", matches.Select(m => m.Where)) : "LaunchSpecifications";
        var fix = matches.Count > 0 ? string.Join(" ", matches.Select(m => m.Fix)) : "correct the fleet file as EC2's message says, then run start again.";
        var message = $"EC2 cannot launch machines from this fleet file ({string.Join("; ", relevant.Select(e => e.TrimEnd('.')))}); {outcome}.";
        return new InputException(new InputProblem(fleetFile, null, null, where, message, fix));
    }

    /// <summary>The code and the message without EC2's "m5.xlarge, ami-…, Linux/UNIX, subnet-…:" label, which would match every sign.</summary>
    private static string Essence(string error)
    {
        var parts = error.Split(':', 2);
        return parts.Length == 1 ? error : parts[0] + " " + PoolLabel().Replace(parts[1], "");
    }

    [GeneratedRegex(@"^[^:]*(Linux/UNIX|Windows)[^:]*:\s*", RegexOptions.CultureInvariant)]
    private static partial Regex PoolLabel();

    /// <summary>Whether a failed create call was about what it was asked (the fleet file or the config), not about access or the service.</summary>
    public static bool IsRequestProblem(AwsServiceException exception) =>
        exception.Code.StartsWith("Invalid", StringComparison.Ordinal)
        && exception.Code is not ("InvalidClientTokenId" or "InvalidAction" or "InvalidAccessKeyId")
        && !exception.Code.Contains("AlreadyExists", StringComparison.Ordinal);
}

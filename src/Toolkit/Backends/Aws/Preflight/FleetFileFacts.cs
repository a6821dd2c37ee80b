using Fleetbook.Fleet;
using Fleetbook.Inputs;

namespace Fleetbook.Backends.Aws.Preflight;

/// <summary>The values of a fleet file that preflight verifies against the account, each distinct value once, in file order.</summary>
internal sealed record FleetFileFacts(
    string? FleetRole,
    IReadOnlyList<string> ImageIds,
    IReadOnlyList<string> InstanceProfileArns,
    IReadOnlyList<string> SubnetIds,
    IReadOnlyList<string> SecurityGroupIds,
    int SpecificationsWithoutImage)
{
    public static readonly FleetFileFacts None = new(null, [], [], [], [], 0);

    public static FleetFileFacts From(FleetFileContents? file)
    {
        if (file is null)
        {
            return None;
        }

        var root = file.Root;
        var images = new List<string>();
        var profiles = new List<string>();
        var subnets = new List<string>();
        var groups = new List<string>();
        var withoutImage = 0;

        // DCP#216's variant names several subnets in one comma-separated SubnetId instead of NetworkInterfaces.
        subnets.AddRange(SplitSubnets(root["SubnetId"]?.Text));
        foreach (var specification in Items(root["LaunchSpecifications"]))
        {
            if (specification["ImageId"]?.Text is { Length: > 0 } image)
            {
                images.Add(image.Trim());
            }
            else
            {
                withoutImage++;
            }

            if (specification["IamInstanceProfile"]?["Arn"]?.Text is { Length: > 0 } profile)
            {
                profiles.Add(profile.Trim());
            }

            subnets.AddRange(SplitSubnets(specification["SubnetId"]?.Text));
            foreach (var networkInterface in Items(specification["NetworkInterfaces"]))
            {
                subnets.AddRange(SplitSubnets(networkInterface["SubnetId"]?.Text));
                groups.AddRange(Items(networkInterface["Groups"]).Select(g => g.Text?.Trim() ?? "").Where(g => g.Length > 0));
            }

            groups.AddRange(Items(specification["SecurityGroups"]).Select(g => g["GroupId"]?.Text?.Trim() ?? "").Where(g => g.Length > 0));
        }

        return new FleetFileFacts(
            root["IamFleetRole"]?.Text?.Trim(),
            images.Distinct(StringComparer.Ordinal).ToList(),
            profiles.Distinct(StringComparer.Ordinal).ToList(),
            subnets.Distinct(StringComparer.Ordinal).ToList(),
            groups.Distinct(StringComparer.Ordinal).ToList(),
            withoutImage);
    }

    private static IReadOnlyList<SourceNode> Items(SourceNode? node) => node is { Kind: SourceKind.Array } ? node.Items : [];

    private static IEnumerable<string> SplitSubnets(string? text) =>
        (text ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}

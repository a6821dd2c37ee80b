using System.Text.RegularExpressions;
using Fleetbook.Backends.Aws.Services.Ec2;
using Fleetbook.Steps;

namespace Fleetbook.Backends.Aws.Preflight;

/// <summary>The fleet file's AMIs exist in the run's region: AMIs are region-specific and old ones disappear (DCP#161, DCP#163).</summary>
internal static partial class AmiChecks
{
    public static async Task<IReadOnlyList<PreflightCheck>> CheckAsync(Ec2Client ec2, FleetFileFacts facts, string region, CancellationToken cancellationToken)
    {
        var checks = new List<PreflightCheck>();
        if (facts.SpecificationsWithoutImage > 0)
        {
            checks.Add(Outcome.Problem("AMI", $"{facts.SpecificationsWithoutImage} launch specification(s) of the fleet file have no ImageId.", $"add \"ImageId\" to each launch specification: {CurrentAmiFix(region)}"));
        }

        foreach (var id in facts.ImageIds)
        {
            var name = "AMI " + id;
            checks.AddRange(await Outcome.GuardAsync(name, $"the AMI {id} in {region}", async () => [await CheckOneAsync(ec2, name, id, region, cancellationToken).ConfigureAwait(false)], cancellationToken).ConfigureAwait(false));
        }

        return checks;
    }

    /// <summary>How to find the AMI to use: the ECS-optimized Amazon Linux 2023 image AWS publishes per region in SSM.</summary>
    public static string CurrentAmiFix(string region) =>
        $"use the current ECS-optimized AMI for {region}: aws ssm get-parameters --names /aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id --region {region} --query 'Parameters[0].Value' --output text";

    private static async Task<PreflightCheck> CheckOneAsync(Ec2Client ec2, string name, string id, string region, CancellationToken cancellationToken)
    {
        if (!AmiId().IsMatch(id))
        {
            return Outcome.Problem(name, $"\"{id}\" is not an AMI id (ami- and 8 or 17 hexadecimal digits; a placeholder?).", $"put a real ImageId in the fleet file: {CurrentAmiFix(region)}");
        }

        DescribeImagesResponse found;
        try
        {
            found = await ec2.DescribeImagesAsync(new DescribeImagesRequest(ImageIds: [id]), cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException error) when (error.Code.StartsWith("InvalidAMIID.", StringComparison.Ordinal))
        {
            return Missing(name, id, region);
        }

        var image = found.Images.FirstOrDefault(i => i.ImageId == id);
        if (image is null)
        {
            return Missing(name, id, region);
        }

        if (image.State is { } state && state != "available")
        {
            return Outcome.Problem(name, $"the AMI {id} exists in {region} but is {state}, so no machine can start from it.", $"replace ImageId in the fleet file: {CurrentAmiFix(region)}");
        }

        var deprecated = DateTimeOffset.TryParse(image.DeprecationTime, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var since) && since < DateTimeOffset.UtcNow
            ? $"; deprecated since {since:yyyy-MM-dd}, so consider the current ECS-optimized AMI"
            : "";
        return Outcome.Ok(name, $"the AMI {id} exists in {region} ({image.Name ?? "no name"}, {image.Architecture ?? "unknown architecture"}){deprecated}.");
    }

    private static PreflightCheck Missing(string name, string id, string region) => Outcome.Problem(name,
        $"the AMI {id} does not exist in {region} (AMIs are region-specific, and the ids in old example fleet files have been removed).",
        $"replace ImageId in the fleet file: {CurrentAmiFix(region)}");

    [GeneratedRegex("^ami-([0-9a-f]{8}|[0-9a-f]{17})$")]
    private static partial Regex AmiId();
}

using System.Text.Json;
using System.Text.Json.Nodes;
using Fleetbook.Backends.Aws.Services;
using Fleetbook.Backends.Aws.Services.Ec2;
using Fleetbook.Inputs;

namespace Fleetbook.Backends.Aws.Capacity;

/// <summary>The fleet file and the config turned into an EC2 Fleet: the launch template's machine and the fleet's pools.</summary>
internal sealed record Ec2FleetPlan(LaunchTemplateData TemplateData, IReadOnlyList<FleetLaunchTemplateOverrides> Overrides, CapacityRequest Request)
{
    public IReadOnlyList<string> InstanceTypes => [.. Overrides.Select(o => o.InstanceType).OfType<string>().Distinct(StringComparer.Ordinal)];

    /// <summary>
    /// The template from the first launch specification (image, key, instance profile, disks with EbsVolumeSize on
    /// mapping [1], security groups, ASSIGN_IP, user data, IMDSv2 with hop limit 2, run tags on machines and volumes);
    /// one override per machine type × subnet, the subnets of every launch specification plus the config's Subnets.
    /// </summary>
    public static Ec2FleetPlan From(CapacityRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var fleet = FleetFileJson.ToJsonObject(request.FleetFile.Root);
        var specs = LaunchSpecs.Of(fleet);
        var first = specs.Count > 0 ? specs[0] : throw new InputException(request.FleetFile.Root.Problem(request.FleetFile.Path, "the fleet file has no launch specification.", "add one to LaunchSpecifications."));
        LaunchSpecs.RequireTypes(request.Config.MachineTypes);
        LaunchSpecs.SetVolumeSizes([(first, 0)], request.Config, request.FleetFile);

        var tags = request.Tags.Count > 0
            ? new[] { new TagSpecification(Ec2ResourceType.Instance, request.Tags), new TagSpecification(Ec2ResourceType.Volume, request.Tags) }
            : null;
        var data = new LaunchTemplateData(
            ImageId: LaunchSpecs.Str(first, "ImageId"),
            IamInstanceProfile: first["IamInstanceProfile"] is JsonObject profile ? new LaunchTemplateIamInstanceProfile(LaunchSpecs.Str(profile, "Arn"), LaunchSpecs.Str(profile, "Name")) : null,
            BlockDeviceMappings: [.. (first["BlockDeviceMappings"] as JsonArray ?? []).OfType<JsonObject>().Select(Mapping).OfType<LaunchTemplateBlockDeviceMapping>()],
            NetworkInterfaces:
            [
                new LaunchTemplateNetworkInterface(DeviceIndex: 0, Groups: [.. LaunchSpecs.SecurityGroups(first).Distinct(StringComparer.Ordinal)],
                    AssociatePublicIpAddress: request.Config.AssignIp, DeleteOnTermination: true),
            ],
            UserData: ClusterUserData.Base64(request.Cluster),
            KeyName: LaunchSpecs.Str(first, "KeyName"),
            TagSpecifications: tags,
            MetadataOptions: ClusterUserData.MetadataOptions);

        var subnets = specs.SelectMany(LaunchSpecs.Subnets).Concat(request.Config.Subnets).Distinct(StringComparer.Ordinal).ToList();
        var price = LaunchSpecs.Price(request.Config);
        var overrides = request.Config.MachineTypes.Distinct(StringComparer.Ordinal)
            .SelectMany(type => subnets.Count == 0
                ? [new FleetLaunchTemplateOverrides(type, MaxPrice: price)]
                : subnets.Select(subnet => new FleetLaunchTemplateOverrides(type, subnet, MaxPrice: price)))
            .ToList();
        return new Ec2FleetPlan(data, overrides, request);
    }

    /// <summary>CreateFleet for the template: maintain, all spot, capacity-optimized, valid for a year, tagged.</summary>
    public CreateFleetRequest Fleet(string launchTemplateId) => new(
        [new FleetLaunchTemplateConfig(new FleetLaunchTemplateSpecification(LaunchTemplateId: launchTemplateId, Version: "$Latest"), Overrides)],
        new TargetCapacitySpecification(Request.Machines, DefaultTargetCapacityType: DefaultTargetCapacityType.Spot),
        FleetType.Maintain,
        new FleetSpotOptions(SpotAllocationStrategy.CapacityOptimized),
        TerminateInstancesWithExpiration: true,
        ValidUntil: Request.Now.AddDays(365),
        TagSpecifications: Request.Tags.Count > 0 ? [new TagSpecification(Ec2ResourceType.Fleet, Request.Tags)] : null,
        ClientToken: ClientToken());

    /// <summary>The same for every retry of one start, so a retried CreateFleet cannot make a second fleet.</summary>
    private string ClientToken()
    {
        var token = $"{Request.Config.AppName}-{Request.Now.ToUnixTimeMilliseconds()}";
        return token.Length <= 64 ? token : token[^64..];
    }

    private static LaunchTemplateBlockDeviceMapping? Mapping(JsonObject mapping)
    {
        if (LaunchSpecs.Str(mapping, "DeviceName") is not { } device || mapping["Ebs"] is not JsonObject ebs)
        {
            return null;
        }

        return new LaunchTemplateBlockDeviceMapping(device, new LaunchTemplateEbs(
            VolumeSize: LaunchSpecs.Int(ebs, "VolumeSize"),
            VolumeType: LaunchSpecs.Str(ebs, "VolumeType") is { } type ? JsonSerializer.Deserialize<VolumeType>(JsonValue.Create(type), AwsJson.PascalCase) : null,
            DeleteOnTermination: LaunchSpecs.Bool(ebs, "DeleteOnTermination"),
            Encrypted: LaunchSpecs.Bool(ebs, "Encrypted"),
            SnapshotId: LaunchSpecs.Str(ebs, "SnapshotId"),
            Iops: LaunchSpecs.Int(ebs, "Iops"),
            Throughput: LaunchSpecs.Int(ebs, "Throughput")));
    }
}

using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Fleetbook.Backends.Aws;

namespace Fleetbook.Tests.Aws.Fake;

/// <summary>EC2: instances, images, subnets, security groups, instance types, Spot prices, tags and launch templates (fleets are in the other parts).</summary>
internal sealed partial class FakeEc2(FakeAwsServer server)
{
    private const string VpcId = "vpc-0123abcd";

    private readonly List<Ec2Instance> _instances = [];
    private readonly List<Ec2Fleet> _fleets = [];
    private readonly List<LaunchTemplate> _launchTemplates = [];
    private readonly Dictionary<string, double> _instanceWeights = new(StringComparer.Ordinal);

    private ServiceModel Model => server.Models[AwsService.Ec2];

    public JsonObject Handle(string operation, JsonObject input) => operation switch
    {
        "RequestSpotFleet" => RequestSpotFleet(input),
        "DescribeSpotFleetRequests" => DescribeSpotFleetRequests(input),
        "DescribeSpotFleetInstances" => DescribeSpotFleetInstances(input),
        "DescribeSpotFleetRequestHistory" => DescribeSpotFleetRequestHistory(input),
        "ModifySpotFleetRequest" => ModifySpotFleetRequest(input),
        "CancelSpotFleetRequests" => CancelSpotFleetRequests(input),
        "CreateFleet" => CreateFleet(input),
        "DescribeFleets" => DescribeFleets(input),
        "DescribeFleetInstances" => DescribeFleetInstances(input),
        "DescribeFleetHistory" => DescribeFleetHistory(input),
        "ModifyFleet" => ModifyFleet(input),
        "DeleteFleets" => DeleteFleets(input),
        "CreateLaunchTemplate" => CreateLaunchTemplate(input),
        "DeleteLaunchTemplate" => DeleteLaunchTemplate(input),
        "DescribeLaunchTemplates" => DescribeLaunchTemplates(input),
        "DescribeInstances" => DescribeInstances(input),
        "TerminateInstances" => TerminateInstances(input),
        "CreateTags" => CreateTags(input),
        "DescribeImages" => DescribeImages(input),
        "DescribeSubnets" => DescribeSubnets(input),
        "DescribeSecurityGroups" => DescribeSecurityGroups(input),
        "DescribeInstanceTypes" => DescribeInstanceTypes(input),
        "DescribeSpotPriceHistory" => DescribeSpotPriceHistory(input),
        _ => throw new NotSupportedException(operation),
    };

    public IEnumerable<string> ResourcesLeft()
    {
        foreach (var fleet in _fleets.Where(f => !f.Cancelled))
        {
            yield return $"{(fleet.IsSpotFleet ? "Spot Fleet request" : "EC2 Fleet")} {fleet.Id} ({fleet.State}, target {fleet.TargetCapacity})";
        }

        foreach (var instance in _instances.Where(i => i.State != "terminated"))
        {
            yield return $"EC2 instance {instance.Id} ({instance.State}{(instance.FleetId is null ? "" : ", fleet " + instance.FleetId)})";
        }

        foreach (var template in _launchTemplates)
        {
            yield return $"EC2 launch template {template.Id} ({template.Name})";
        }
    }

    public IEnumerable<FakeResource> Inventory() =>
        _fleets.Where(f => !f.Cancelled).Select(f => new FakeResource("EC2", f.IsSpotFleet ? "spot-fleet-request" : "fleet", f.Id, f.State, new Dictionary<string, string>(f.Tags, StringComparer.Ordinal)))
            .Concat(_instances.Where(i => i.State != "terminated").Select(i => new FakeResource("EC2", "instance", i.Id, i.State, new Dictionary<string, string>(i.Tags, StringComparer.Ordinal))))
            .Concat(_launchTemplates.Select(t => new FakeResource("EC2", "launch-template", t.Id, "available", new Dictionary<string, string>(t.Tags, StringComparer.Ordinal))));

    private static string Hex(int length) => Convert.ToHexString(Guid.NewGuid().ToByteArray()).ToLowerInvariant()[..length];

    private string AvailabilityZone(string? subnetId) =>
        server.Region + (subnetId is null ? 'a' : (char)('a' + (int)((uint)StableHash(subnetId) % 3)));

    private static int StableHash(string text) => text.Aggregate(17, (hash, c) => unchecked((hash * 31) + c));

    private static JsonArray TagsJson(Dictionary<string, string> tags) =>
        tags.Select(t => (JsonNode)new JsonObject { ["Key"] = t.Key, ["Value"] = t.Value }).ToJsonArray();

    private static Dictionary<string, string> TagsFor(JsonObject input, string resourceType)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var specification in input.Objects("TagSpecifications").Where(s => s.Str("ResourceType") == resourceType))
        {
            foreach (var (key, value) in specification.KeyValueTags("Tags", "Key", "Value"))
            {
                CheckTagKey(key);
                tags[key] = value;
            }
        }

        return tags;
    }

    private static void CheckTagKey(string key)
    {
        if (key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
        {
            throw new FakeAwsException("InvalidParameterValue", $"Tag keys starting with 'aws:' are reserved for internal use: '{key}'.");
        }
    }

    private (IReadOnlyList<T> Page, string? Next) Page<T>(IReadOnlyList<T> items, JsonObject input, int awsDefault, int? min = null, int? max = null)
    {
        var maxResults = input.Int("MaxResults") ?? 0;
        if (input["MaxResults"] is not null && ((min is { } low && maxResults < low) || (max is { } high && maxResults > high)))
        {
            throw new FakeAwsException("InvalidParameterValue", $"Value ({maxResults}) for parameter maxResults is invalid. Expecting a value between {min} and {max}.");
        }

        try
        {
            return Paging.Page(items, input.Str("NextToken"), server.PageSize(maxResults, awsDefault));
        }
        catch (FakeAwsException ex)
        {
            throw new FakeAwsException("InvalidParameterValue", ex.Message);
        }
    }

    // ---- filters ----

    /// <summary>EC2 Filters (Name, Values with * and ? wildcards) over named attributes; an unknown filter name is an error, as in EC2.</summary>
    private static bool Matches(JsonObject input, Func<string, IEnumerable<string>?> attribute)
    {
        foreach (var filter in input.Objects("Filters"))
        {
            var name = filter.Str("Name") ?? "";
            var values = filter.Strings("Values");
            var actual = attribute(name) ?? throw new FakeAwsException("InvalidParameterValue", $"The filter '{name}' is invalid (or not modelled by the fake).");
            var patterns = values.Select(v => new Regex("^" + Regex.Escape(v).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$", RegexOptions.CultureInvariant)).ToList();
            if (!actual.Any(a => patterns.Any(p => p.IsMatch(a))))
            {
                return false;
            }
        }

        return true;
    }

    private static IEnumerable<string>? TagFilter(string name, Dictionary<string, string> tags) =>
        name.StartsWith("tag:", StringComparison.Ordinal) ? tags.TryGetValue(name[4..], out var value) ? [value] : []
        : name == "tag-key" ? tags.Keys
        : name == "tag-value" ? tags.Values
        : null;

    // ---- instances ----

    private JsonObject DescribeInstances(JsonObject input)
    {
        var ids = input.Strings("InstanceIds");
        if (ids.Count > 0 && input["MaxResults"] is not null)
        {
            throw new FakeAwsException("InvalidParameterCombination", "The parameter instancesSet cannot be used with the parameter maxResults");
        }

        foreach (var id in ids)
        {
            FindInstance(id);
        }

        var instances = _instances
            .Where(i => ids.Count == 0 || ids.Contains(i.Id))
            .Where(i => Matches(input, name => name switch
            {
                "instance-id" => [i.Id],
                "instance-state-name" => [i.State],
                "instance-state-code" => [i.StateCode.ToString(CultureInfo.InvariantCulture)],
                "instance-type" => [i.InstanceType],
                "image-id" => [i.ImageId],
                "subnet-id" => i.SubnetId is null ? [] : [i.SubnetId],
                "vpc-id" => [VpcId],
                "availability-zone" => [i.AvailabilityZone],
                "reservation-id" => [i.ReservationId],
                "spot-instance-request-id" => i.SpotInstanceRequestId is null ? [] : [i.SpotInstanceRequestId],
                "instance-lifecycle" => i.SpotInstanceRequestId is null ? [] : ["spot"],
                "key-name" => i.KeyName is null ? [] : [i.KeyName],
                "private-ip-address" => [i.PrivateIpAddress],
                _ => TagFilter(name, i.Tags),
            }))
            .ToList();
        var (page, next) = Page(instances, input, 1000, 5, 1000);
        var reservations = page.GroupBy(i => i.ReservationId).Select(g => (JsonNode)new JsonObject
        {
            ["ReservationId"] = g.Key,
            ["OwnerId"] = server.AccountId,
            ["RequesterId"] = g.First().FleetId is null ? null : "226008221399",
            ["Groups"] = new JsonArray(),
            ["Instances"] = g.Select(i => (JsonNode)InstanceJson(i)).ToJsonArray(),
        }).ToJsonArray();
        return new JsonObject { ["Reservations"] = reservations, ["NextToken"] = next };
    }

    private JsonObject InstanceJson(Ec2Instance instance) => new()
    {
        ["InstanceId"] = instance.Id,
        ["ImageId"] = instance.ImageId,
        ["State"] = new JsonObject { ["Code"] = instance.StateCode, ["Name"] = instance.State },
        ["PrivateDnsName"] = $"ip-{instance.PrivateIpAddress.Replace('.', '-')}.ec2.internal",
        ["PublicDnsName"] = "",
        ["StateTransitionReason"] = instance.StateReason ?? "",
        ["KeyName"] = instance.KeyName,
        ["AmiLaunchIndex"] = 0,
        ["InstanceType"] = instance.InstanceType,
        ["LaunchTime"] = instance.LaunchTime.Iso(),
        ["Placement"] = new JsonObject { ["AvailabilityZone"] = instance.AvailabilityZone, ["GroupName"] = "", ["Tenancy"] = "default" },
        ["Monitoring"] = new JsonObject { ["State"] = "disabled" },
        ["SubnetId"] = instance.State == "terminated" ? null : instance.SubnetId,
        ["VpcId"] = instance.State == "terminated" ? null : VpcId,
        ["PrivateIpAddress"] = instance.State == "terminated" ? null : instance.PrivateIpAddress,
        ["Architecture"] = "x86_64",
        ["RootDeviceName"] = "/dev/xvda",
        ["RootDeviceType"] = "ebs",
        ["IamInstanceProfile"] = instance.IamInstanceProfileArn is null ? null : new JsonObject { ["Arn"] = instance.IamInstanceProfileArn, ["Id"] = "AIPA" + Hex(16).ToUpperInvariant() },
        ["InstanceLifecycle"] = instance.SpotInstanceRequestId is null ? null : "spot",
        ["SpotInstanceRequestId"] = instance.SpotInstanceRequestId,
        ["SecurityGroups"] = instance.SecurityGroupIds.Select(g => (JsonNode)new JsonObject { ["GroupId"] = g, ["GroupName"] = GroupName(g) }).ToJsonArray(),
        ["StateReason"] = instance.StateReason is null ? null : new JsonObject { ["Code"] = "Client.UserInitiatedShutdown", ["Message"] = instance.StateReason },
        ["Tags"] = instance.Tags.Count == 0 ? null : TagsJson(instance.Tags),
        ["VirtualizationType"] = "hvm",
        ["Hypervisor"] = "xen",
        ["EnaSupport"] = true,
        ["EbsOptimized"] = false,
        ["ClientToken"] = instance.FleetId ?? "",
        ["PlatformDetails"] = "Linux/UNIX",
        ["UsageOperation"] = "RunInstances",
    };

    private Ec2Instance FindInstance(string id)
    {
        if (!Regex.IsMatch(id, "^i-([0-9a-f]{8}|[0-9a-f]{17})$"))
        {
            throw new FakeAwsException("InvalidInstanceID.Malformed", $"Invalid id: \"{id}\"");
        }

        return _instances.FirstOrDefault(i => i.Id == id)
            ?? throw new FakeAwsException("InvalidInstanceID.NotFound", $"The instance ID '{id}' does not exist");
    }

    private JsonObject TerminateInstances(JsonObject input)
    {
        var instances = input.Strings("InstanceIds").Select(FindInstance).ToList();
        var changes = new JsonArray();
        foreach (var instance in instances)
        {
            var previous = new JsonObject { ["Code"] = instance.StateCode, ["Name"] = instance.State };
            Terminate(instance, "User initiated");
            changes.Add(new JsonObject
            {
                ["InstanceId"] = instance.Id,
                ["CurrentState"] = new JsonObject { ["Code"] = instance.StateCode, ["Name"] = instance.State },
                ["PreviousState"] = previous,
            });
        }

        return new JsonObject { ["TerminatingInstances"] = changes };
    }

    private JsonObject CreateTags(JsonObject input)
    {
        var tags = input.KeyValueTags("Tags", "Key", "Value");
        foreach (var key in tags.Keys)
        {
            CheckTagKey(key);
        }

        var targets = new List<Dictionary<string, string>>();
        foreach (var id in input.Strings("Resources"))
        {
            if (id.StartsWith("i-", StringComparison.Ordinal))
            {
                targets.Add(FindInstance(id).Tags);
            }
            else if (id.StartsWith("sfr-", StringComparison.Ordinal) || id.StartsWith("fleet-", StringComparison.Ordinal))
            {
                targets.Add((_fleets.FirstOrDefault(f => f.Id == id) ?? throw new FakeAwsException(id.StartsWith("sfr-", StringComparison.Ordinal) ? "InvalidSpotFleetRequestId.NotFound" : "InvalidFleetId.NotFound", $"The resource ID '{id}' does not exist")).Tags);
            }
            else if (id.StartsWith("lt-", StringComparison.Ordinal))
            {
                targets.Add((_launchTemplates.FirstOrDefault(t => t.Id == id) ?? throw new FakeAwsException("InvalidLaunchTemplateId.NotFound", $"The specified launch template, with template ID {id}, does not exist.")).Tags);
            }
            else if (!Regex.IsMatch(id, "^[a-z]+-[0-9a-f]{8,17}$"))
            {
                throw new FakeAwsException("InvalidID", $"The ID '{id}' is not valid");
            }

            // Volumes, snapshots, network interfaces... are not modelled: their tags are accepted and dropped.
        }

        foreach (var target in targets)
        {
            foreach (var (key, value) in tags)
            {
                target[key] = value;
            }
        }

        return [];
    }

    // ---- images, subnets, security groups ----

    private JsonObject DescribeImages(JsonObject input)
    {
        var ids = input.Strings("ImageIds");
        foreach (var id in ids)
        {
            if (!Regex.IsMatch(id, "^ami-([0-9a-f]{8}|[0-9a-f]{17})$"))
            {
                throw new FakeAwsException("InvalidAMIID.Malformed", $"Invalid id: \"{id}\" (expecting \"ami-...\")");
            }

            if (!server.KnownImageIds.Contains(id))
            {
                throw new FakeAwsException("InvalidAMIID.NotFound", $"The image id '[{id}]' does not exist");
            }
        }

        var owners = input.Strings("Owners");
        var images = server.KnownImageIds.Order(StringComparer.Ordinal)
            .Where(id => ids.Count == 0 || ids.Contains(id))
            .Where(_ => owners.Count == 0 || owners.Any(o => o is "amazon" or "591542846629" or "self" || o == server.AccountId))
            .Where(id => Matches(input, name => name switch
            {
                "image-id" => [id],
                "name" => [ImageName(id)],
                "state" => ["available"],
                "architecture" => ["x86_64"],
                "owner-alias" => ["amazon"],
                "owner-id" => ["591542846629"],
                "root-device-type" => ["ebs"],
                "virtualization-type" => ["hvm"],
                "is-public" => ["true"],
                _ => null,
            }))
            .Select(id => (JsonNode)new JsonObject
            {
                ["ImageId"] = id,
                ["ImageLocation"] = "amazon/" + ImageName(id),
                ["State"] = "available",
                ["OwnerId"] = "591542846629",
                ["ImageOwnerAlias"] = "amazon",
                ["CreationDate"] = "2024-01-01T00:00:00.000Z",
                ["Public"] = true,
                ["Architecture"] = "x86_64",
                ["ImageType"] = "machine",
                ["Name"] = ImageName(id),
                ["Description"] = "Amazon Linux AMI amzn2 x86_64 ECS HVM EBS (fake)",
                ["RootDeviceName"] = "/dev/xvda",
                ["RootDeviceType"] = "ebs",
                ["VirtualizationType"] = "hvm",
                ["Hypervisor"] = "xen",
                ["EnaSupport"] = true,
                ["PlatformDetails"] = "Linux/UNIX",
                ["UsageOperation"] = "RunInstances",
                ["BlockDeviceMappings"] = new JsonArray
                {
                    new JsonObject
                    {
                        ["DeviceName"] = "/dev/xvda",
                        ["Ebs"] = new JsonObject { ["DeleteOnTermination"] = true, ["SnapshotId"] = "snap-" + id[4..].PadRight(17, '0')[..17], ["VolumeSize"] = 30, ["VolumeType"] = "gp2", ["Encrypted"] = false },
                    },
                },
            })
            .ToList();
        var (page, next) = Page(images, input, 1000, 5, 1000);
        return new JsonObject { ["Images"] = page.ToJsonArray(), ["NextToken"] = next };
    }

    private static string ImageName(string id) => $"amzn2-ami-ecs-hvm-2.0.20240101-x86_64-ebs-{id[4..]}";

    private JsonObject DescribeSubnets(JsonObject input)
    {
        var ids = input.Strings("SubnetIds");
        foreach (var id in ids.Where(id => !server.KnownSubnetIds.Contains(id)))
        {
            throw new FakeAwsException("InvalidSubnetID.NotFound", $"The subnet ID '{id}' does not exist");
        }

        var subnets = server.KnownSubnetIds.Order(StringComparer.Ordinal)
            .Select((id, index) => (id, index))
            .Where(s => ids.Count == 0 || ids.Contains(s.id))
            .Where(s => Matches(input, name => name switch
            {
                "subnet-id" => [s.id],
                "vpc-id" => [VpcId],
                "availability-zone" => [AvailabilityZone(s.id)],
                "state" => ["available"],
                "default-for-az" => ["false"],
                _ => TagFilter(name, []),
            }))
            .Select(s => (JsonNode)new JsonObject
            {
                ["SubnetId"] = s.id,
                ["SubnetArn"] = $"arn:aws:ec2:{server.Region}:{server.AccountId}:subnet/{s.id}",
                ["VpcId"] = VpcId,
                ["State"] = "available",
                ["CidrBlock"] = $"10.0.{s.index}.0/24",
                ["AvailabilityZone"] = AvailabilityZone(s.id),
                ["AvailabilityZoneId"] = "use1-az" + (1 + (AvailabilityZone(s.id)[^1] - 'a')).ToString(CultureInfo.InvariantCulture),
                ["AvailableIpAddressCount"] = 250,
                ["DefaultForAz"] = false,
                ["MapPublicIpOnLaunch"] = false,
                ["OwnerId"] = server.AccountId,
            })
            .ToList();
        var (page, next) = Page(subnets, input, 1000, 5, 1000);
        return new JsonObject { ["Subnets"] = page.ToJsonArray(), ["NextToken"] = next };
    }

    private static string GroupName(string groupId) => "fleetbook-" + groupId;

    private JsonObject DescribeSecurityGroups(JsonObject input)
    {
        var ids = input.Strings("GroupIds");
        foreach (var id in ids.Where(id => !server.KnownSecurityGroupIds.Contains(id)))
        {
            throw new FakeAwsException("InvalidGroup.NotFound", $"The security group '{id}' does not exist");
        }

        var names = input.Strings("GroupNames");
        foreach (var name in names.Where(n => !server.KnownSecurityGroupIds.Any(id => GroupName(id) == n)))
        {
            throw new FakeAwsException("InvalidGroup.NotFound", $"The security group '{name}' does not exist in default VPC '{VpcId}'");
        }

        var groups = server.KnownSecurityGroupIds.Order(StringComparer.Ordinal)
            .Where(id => (ids.Count == 0 || ids.Contains(id)) && (names.Count == 0 || names.Contains(GroupName(id))))
            .Where(id => Matches(input, name => name switch
            {
                "group-id" => [id],
                "group-name" => [GroupName(id)],
                "vpc-id" => [VpcId],
                _ => TagFilter(name, []),
            }))
            .Select(id => (JsonNode)new JsonObject
            {
                ["GroupId"] = id,
                ["GroupName"] = GroupName(id),
                ["Description"] = "security group of the fake AWS server",
                ["VpcId"] = VpcId,
                ["OwnerId"] = server.AccountId,
                ["SecurityGroupArn"] = $"arn:aws:ec2:{server.Region}:{server.AccountId}:security-group/{id}",
                ["IpPermissions"] = new JsonArray(),
                ["IpPermissionsEgress"] = new JsonArray
                {
                    new JsonObject { ["IpProtocol"] = "-1", ["IpRanges"] = new JsonArray { new JsonObject { ["CidrIp"] = "0.0.0.0/0" } } },
                },
            })
            .ToList();
        var (page, next) = Page(groups, input, 1000, 5, 1000);
        return new JsonObject { ["SecurityGroups"] = page.ToJsonArray(), ["NextToken"] = next };
    }

    // ---- instance types and prices ----

    private JsonObject DescribeInstanceTypes(JsonObject input)
    {
        var requested = input.Strings("InstanceTypes");
        var unknown = requested.Where(t => !server.InstanceTypes.ContainsKey(t)).ToList();
        if (unknown.Count > 0)
        {
            throw new FakeAwsException("InvalidInstanceType", $"The following supplied instance types do not exist: [{string.Join(", ", unknown)}]");
        }

        var types = server.InstanceTypes.Values.OrderBy(t => t.Name, StringComparer.Ordinal)
            .Where(t => requested.Count == 0 || requested.Contains(t.Name))
            .Where(t => Matches(input, name => name switch
            {
                "instance-type" => [t.Name],
                "vcpu-info.default-vcpus" => [t.VCpus.ToString(CultureInfo.InvariantCulture)],
                "memory-info.size-in-mib" => [t.MemoryMiB.ToString(CultureInfo.InvariantCulture)],
                "current-generation" => ["true"],
                "supported-usage-class" => ["on-demand", "spot"],
                "processor-info.supported-architecture" => ["x86_64"],
                _ => null,
            }))
            .Select(t => (JsonNode)new JsonObject
            {
                ["InstanceType"] = t.Name,
                ["CurrentGeneration"] = true,
                ["FreeTierEligible"] = false,
                ["SupportedUsageClasses"] = new JsonArray("on-demand", "spot"),
                ["SupportedRootDeviceTypes"] = new JsonArray("ebs"),
                ["SupportedVirtualizationTypes"] = new JsonArray("hvm"),
                ["BareMetal"] = false,
                ["Hypervisor"] = "nitro",
                ["ProcessorInfo"] = new JsonObject { ["SupportedArchitectures"] = new JsonArray("x86_64"), ["SustainedClockSpeedInGhz"] = 3.1 },
                ["VCpuInfo"] = new JsonObject { ["DefaultVCpus"] = t.VCpus, ["DefaultCores"] = Math.Max(1, t.VCpus / 2), ["DefaultThreadsPerCore"] = t.VCpus > 1 ? 2 : 1 },
                ["MemoryInfo"] = new JsonObject { ["SizeInMiB"] = t.MemoryMiB },
                ["InstanceStorageSupported"] = false,
                ["HibernationSupported"] = false,
                ["BurstablePerformanceSupported"] = t.Name.StartsWith('t'),
                ["DedicatedHostsSupported"] = true,
                ["AutoRecoverySupported"] = true,
                ["SupportedBootModes"] = new JsonArray("legacy-bios", "uefi"),
            })
            .ToList();
        var (page, next) = Page(types, input, 100, 5, 100);
        return new JsonObject { ["InstanceTypes"] = page.ToJsonArray(), ["NextToken"] = next };
    }

    private JsonObject DescribeSpotPriceHistory(JsonObject input)
    {
        var requested = input.Strings("InstanceTypes");
        var products = input.Strings("ProductDescriptions");
        var zone = input.Str("AvailabilityZone");
        var at = input.Time("StartTime") is { } start && start < server.Now ? start : server.Now.AddMinutes(-37);
        var zones = new[] { server.Region + "a", server.Region + "b", server.Region + "c" }.Where(z => zone is null || z == zone).ToList();
        var records = server.InstanceTypes.Values.OrderBy(t => t.Name, StringComparer.Ordinal)
            .Where(t => requested.Count == 0 || requested.Contains(t.Name))
            .SelectMany(t => zones.SelectMany(z => new[] { "Linux/UNIX", "Linux/UNIX (Amazon VPC)" }
                .Where(p => products.Count == 0 || products.Contains(p))
                .Select(p => (Type: t, Zone: z, Product: p))))
            .Where(r => Matches(input, name => name switch
            {
                "instance-type" => [r.Type.Name],
                "product-description" => [r.Product],
                "availability-zone" => [r.Zone],
                "spot-price" => [r.Type.SpotPrice.ToString("0.000000", CultureInfo.InvariantCulture)],
                _ => null,
            }))
            .Select(r => (JsonNode)new JsonObject
            {
                ["AvailabilityZone"] = r.Zone,
                ["InstanceType"] = r.Type.Name,
                ["ProductDescription"] = r.Product,
                ["SpotPrice"] = r.Type.SpotPrice.ToString("0.000000", CultureInfo.InvariantCulture),
                ["Timestamp"] = at.Iso(),
            })
            .ToList();
        var (page, next) = Page(records, input, 1000, 5, 1000);
        return new JsonObject { ["SpotPriceHistory"] = page.ToJsonArray(), ["NextToken"] = next ?? "" };
    }

    // ---- launch templates ----

    private JsonObject CreateLaunchTemplate(JsonObject input)
    {
        var name = input.Str("LaunchTemplateName")!;
        if (_launchTemplates.Any(t => t.Name == name))
        {
            throw new FakeAwsException("InvalidLaunchTemplateName.AlreadyExistsException", $"Launch template name already in use: {name}.");
        }

        var data = (JsonObject)input.Obj("LaunchTemplateData")!.DeepClone();
        var template = new LaunchTemplate { Id = "lt-" + Hex(17), Name = name, CreateTime = server.Now, Data = data };
        foreach (var (key, value) in TagsFor(input, "launch-template"))
        {
            template.Tags[key] = value;
        }

        _launchTemplates.Add(template);
        var warnings = new JsonArray();
        if (data.Str("ImageId") is { } image && !server.KnownImageIds.Contains(image))
        {
            warnings.Add(new JsonObject { ["Code"] = "InvalidAMIID.NotFound", ["Message"] = $"The image id '[{image}]' does not exist" });
        }

        return new JsonObject
        {
            ["LaunchTemplate"] = LaunchTemplateJson(template),
            ["Warning"] = warnings.Count == 0 ? null : new JsonObject { ["Errors"] = warnings },
        };
    }

    private JsonObject DeleteLaunchTemplate(JsonObject input)
    {
        var template = FindLaunchTemplate(input.Str("LaunchTemplateId"), input.Str("LaunchTemplateName"));
        _launchTemplates.Remove(template);
        return new JsonObject { ["LaunchTemplate"] = LaunchTemplateJson(template) };
    }

    private JsonObject DescribeLaunchTemplates(JsonObject input)
    {
        var ids = input.Strings("LaunchTemplateIds");
        var names = input.Strings("LaunchTemplateNames");
        foreach (var id in ids)
        {
            FindLaunchTemplate(id, null);
        }

        foreach (var name in names)
        {
            FindLaunchTemplate(null, name);
        }

        var templates = _launchTemplates
            .Where(t => (ids.Count == 0 || ids.Contains(t.Id)) && (names.Count == 0 || names.Contains(t.Name)))
            .Where(t => Matches(input, name => name switch
            {
                "launch-template-name" => [t.Name],
                "create-time" => [t.CreateTime.Iso()],
                _ => TagFilter(name, t.Tags),
            }))
            .Select(t => (JsonNode)LaunchTemplateJson(t))
            .ToList();
        var (page, next) = Page(templates, input, 1000, 1, 200);
        return new JsonObject { ["LaunchTemplates"] = page.ToJsonArray(), ["NextToken"] = next };
    }

    private LaunchTemplate FindLaunchTemplate(string? id, string? name)
    {
        if (id is null && name is null)
        {
            throw new FakeAwsException("MissingParameter", "The request must contain the parameter LaunchTemplateId or LaunchTemplateName.");
        }

        if (id is not null)
        {
            return _launchTemplates.FirstOrDefault(t => t.Id == id)
                ?? throw new FakeAwsException("InvalidLaunchTemplateId.NotFound", $"The specified launch template, with template ID {id}, does not exist.");
        }

        return _launchTemplates.FirstOrDefault(t => t.Name == name)
            ?? throw new FakeAwsException("InvalidLaunchTemplateName.NotFoundException", $"The specified launch template, with template name {name}, does not exist.");
    }

    private JsonObject LaunchTemplateJson(LaunchTemplate template) => new()
    {
        ["LaunchTemplateId"] = template.Id,
        ["LaunchTemplateName"] = template.Name,
        ["CreateTime"] = template.CreateTime.Iso(),
        ["CreatedBy"] = $"arn:aws:iam::{server.AccountId}:root",
        ["DefaultVersionNumber"] = 1,
        ["LatestVersionNumber"] = 1,
        ["Tags"] = template.Tags.Count == 0 ? null : TagsJson(template.Tags),
    };
}

using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Fleetbook.Tests.Aws.Fake;

/// <summary>Spot Fleet requests (RequestSpotFleet …) and EC2 Fleets (CreateFleet …) as the API shows them.</summary>
internal sealed partial class FakeEc2
{
    private static readonly Regex SpotFleetIdPattern = new("^sfr-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", RegexOptions.CultureInvariant);
    private static readonly Regex FleetIdPattern = new("^fleet-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", RegexOptions.CultureInvariant);

    // ---- Spot Fleet ----

    private JsonObject RequestSpotFleet(JsonObject input)
    {
        var config = input.Obj("SpotFleetRequestConfig")!;
        var invalid = (string what) => new FakeAwsException("InvalidSpotFleetRequestConfig", $"Parameter: SpotFleetRequestConfig.{what} is invalid.");
        if (!Regex.IsMatch(config.Str("IamFleetRole") ?? "", @"^arn:aws[a-z-]*:iam::\d{12}:role/.+$"))
        {
            throw invalid("IamFleetRole");
        }

        var specifications = config.Objects("LaunchSpecifications").ToList();
        var templateConfigs = config.Objects("LaunchTemplateConfigs").ToList();
        if ((specifications.Count == 0) == (templateConfigs.Count == 0))
        {
            throw new FakeAwsException("InvalidSpotFleetRequestConfig", "Either LaunchSpecifications or LaunchTemplateConfigs (not both) must be specified.");
        }

        var type = config.Str("Type") ?? "maintain";
        if (type == "instant")
        {
            throw new FakeAwsException("InvalidSpotFleetRequestConfig", "Type 'instant' is not supported by Spot Fleet (use CreateFleet).");
        }

        var target = config.Int("TargetCapacity")!.Value;
        if (target < 0)
        {
            throw invalid("TargetCapacity");
        }

        var validUntil = config.Time("ValidUntil");
        if (validUntil is { } until && (until <= server.Now || (config.Time("ValidFrom") is { } from && until <= from)))
        {
            throw invalid("ValidUntil");
        }

        decimal? fleetPrice = null;
        if (config.Str("SpotPrice") is { } priceText)
        {
            fleetPrice = ParsePrice(priceText) ?? throw invalid("SpotPrice");
        }

        var options = new List<FleetLaunchOption>();
        foreach (var specification in specifications)
        {
            options.AddRange(OptionsOf(specification, fleetPrice));
        }

        foreach (var templateConfig in templateConfigs)
        {
            options.AddRange(OptionsOf(templateConfig, fleetPrice, spotFleet: true));
        }

        var fleet = new Ec2Fleet
        {
            Id = "sfr-" + Guid.NewGuid().ToString(),
            IsSpotFleet = true,
            Type = type,
            TargetCapacity = target,
            ExcessCapacityTerminationPolicy = config.Str("ExcessCapacityTerminationPolicy") ?? "default",
            AllocationStrategy = config.Str("AllocationStrategy") ?? "lowestPrice",
            Options = options,
            CreateTime = server.Now,
            ValidUntil = validUntil,
            TerminateInstancesWithExpiration = config.Bool("TerminateInstancesWithExpiration") ?? false,
            Config = (JsonObject)config.DeepClone(),
        };
        foreach (var (key, value) in TagsFor(config, "spot-fleet-request"))
        {
            fleet.Tags[key] = value;
        }

        fleet.History.Add(new FleetHistoryRecord(server.Now, "fleetRequestChange", "submitted", null, null));
        _fleets.Add(fleet);
        return new JsonObject { ["SpotFleetRequestId"] = fleet.Id };
    }

    private static decimal? ParsePrice(string text) =>
        decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var price) && price > 0 ? price : null;

    /// <summary>The launch options of a Spot Fleet launch specification (one per subnet of a comma-separated SubnetId), each with its problem if it cannot launch.</summary>
    private IEnumerable<FleetLaunchOption> OptionsOf(JsonObject specification, decimal? fleetPrice)
    {
        var imageId = specification.Str("ImageId") ?? throw new FakeAwsException("InvalidSpotFleetRequestConfig", "Parameter: SpotFleetRequestConfig.LaunchSpecifications.ImageId is missing.");
        var instanceType = specification.Str("InstanceType") ?? throw new FakeAwsException("InvalidSpotFleetRequestConfig", "Parameter: SpotFleetRequestConfig.LaunchSpecifications.InstanceType is missing (InstanceRequirements are not modelled by the fake).");
        var interfaces = specification.Objects("NetworkInterfaces").ToList();
        var primary = interfaces.FirstOrDefault(n => n.Int("DeviceIndex") is 0 or null);
        var subnets = (specification.Str("SubnetId") ?? primary?.Str("SubnetId") ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => (string?)s).DefaultIfEmpty(null).ToList();
        var groups = specification.Objects("SecurityGroups").Select(g => g.Str("GroupId") ?? g.Str("GroupName") ?? "").ToList();
        groups.AddRange(primary?.Strings("Groups") ?? []);
        var price = specification.Str("SpotPrice") is { } text ? ParsePrice(text) : fleetPrice;
        var profile = specification.Obj("IamInstanceProfile");
        var profileArn = profile?.Str("Arn") ?? (profile?.Str("Name") is { } name ? $"arn:aws:iam::{server.AccountId}:instance-profile/{name}" : null);

        string? problemOfSpec = null;
        if (interfaces.Count > 0 && specification.Objects("SecurityGroups").Any())
        {
            problemOfSpec = "Network interfaces and an instance-level security groups may not be specified on the same request";
        }
        else if (interfaces.Count > 0 && specification.Str("SubnetId") is not null)
        {
            problemOfSpec = "Network interfaces and an instance-level subnet ID may not be specified on the same request";
        }
        else if (profile?.Str("Arn") is { } arn && !Regex.IsMatch(arn, @"^arn:aws[a-z-]*:iam::\d{12}:instance-profile/.+$"))
        {
            problemOfSpec = $"Value ({arn}) for parameter iamInstanceProfile.arn is invalid. Invalid IAM Instance Profile ARN";
        }
        else if (specification.Str("UserData") is { } userData && !IsBase64(userData))
        {
            problemOfSpec = "Invalid BASE64 encoding of user data.";
        }
        else if (BlockDeviceProblem(specification.Objects("BlockDeviceMappings")) is { } deviceProblem)
        {
            problemOfSpec = deviceProblem;
        }
        else if (price is { } max && server.InstanceTypes.TryGetValue(instanceType, out var priced) && max < priced.SpotPrice)
        {
            problemOfSpec = $"Your Spot request price of {max.ToString(CultureInfo.InvariantCulture)} is lower than the minimum required Spot request fulfillment price of {priced.SpotPrice.ToString(CultureInfo.InvariantCulture)}.";
        }

        foreach (var subnet in subnets)
        {
            yield return Option(instanceType, imageId, subnet, groups, specification.Str("KeyName"), specification.Str("UserData"), profileArn,
                specification.Double("WeightedCapacity") ?? 1, problemOfSpec is null ? null : ("spotFleetRequestConfigurationInvalid", problemOfSpec), TagsFor(specification, "instance"));
        }
    }

    /// <summary>The launch options of a launch template config (Spot Fleet LaunchTemplateConfigs or CreateFleet LaunchTemplateConfigs).</summary>
    private IEnumerable<FleetLaunchOption> OptionsOf(JsonObject templateConfig, decimal? fleetPrice, bool spotFleet)
    {
        var specification = templateConfig.Obj("LaunchTemplateSpecification") ?? [];
        var template = FindLaunchTemplate(specification.Str("LaunchTemplateId"), specification.Str("LaunchTemplateName"));
        var version = specification.Str("Version");
        if (version is not null and not ("$Latest" or "$Default" or "1"))
        {
            throw new FakeAwsException("InvalidLaunchTemplateId.VersionNotFound", $"Could not find launch template version {version} for template {template.Id} (the fake keeps version 1 only).");
        }

        var data = template.Data;
        var overrides = templateConfig.Objects("Overrides").ToList();
        if (overrides.Count == 0)
        {
            overrides.Add([]);
        }

        foreach (var item in overrides)
        {
            var interfaces = data.Objects("NetworkInterfaces").ToList();
            var primary = interfaces.FirstOrDefault(n => n.Int("DeviceIndex") is 0 or null);
            var groups = data.Strings("SecurityGroupIds").Concat(primary?.Strings("Groups") ?? []).ToList();
            var profile = item.Obj("IamInstanceProfile") ?? data.Obj("IamInstanceProfile");
            var profileArn = profile?.Str("Arn") ?? (profile?.Str("Name") is { } name ? $"arn:aws:iam::{server.AccountId}:instance-profile/{name}" : null);
            var instanceType = item.Str("InstanceType") ?? data.Str("InstanceType");
            var imageId = item.Str("ImageId") ?? data.Str("ImageId");
            var price = (spotFleet ? item.Str("SpotPrice") : item.Str("MaxPrice")) is { } text ? ParsePrice(text) : fleetPrice;
            (string, string)? problem = null;
            if (instanceType is null)
            {
                problem = ("spotFleetRequestConfigurationInvalid", "The launch template and its overrides name no instance type (InstanceRequirements are not modelled by the fake).");
            }
            else if (imageId is null)
            {
                problem = ("spotFleetRequestConfigurationInvalid", "The launch template and its overrides name no image id.");
            }
            else if (data.Str("UserData") is { } userData && !IsBase64(userData))
            {
                problem = ("spotFleetRequestConfigurationInvalid", "Invalid BASE64 encoding of user data.");
            }
            else if (BlockDeviceProblem(data.Objects("BlockDeviceMappings")) is { } deviceProblem)
            {
                problem = ("spotFleetRequestConfigurationInvalid", deviceProblem);
            }
            else if (price is { } max && server.InstanceTypes.TryGetValue(instanceType, out var priced) && max < priced.SpotPrice)
            {
                problem = ("spotFleetRequestConfigurationInvalid", $"Your Spot request price of {max.ToString(CultureInfo.InvariantCulture)} is lower than the minimum required Spot request fulfillment price of {priced.SpotPrice.ToString(CultureInfo.InvariantCulture)}.");
            }

            yield return Option(instanceType ?? "(none)", imageId ?? "(none)", item.Str("SubnetId") ?? primary?.Str("SubnetId"), groups, item.Str("KeyName") ?? data.Str("KeyName"),
                data.Str("UserData"), profileArn, item.Double("WeightedCapacity") ?? 1, problem, TagsFor(data, "instance"));
        }
    }

    /// <summary>An option with every check of what it names (AMI, subnet, groups, key, instance type).</summary>
    private FleetLaunchOption Option(string instanceType, string imageId, string? subnetId, IReadOnlyList<string> groups, string? keyName,
        string? userData, string? profileArn, double weight, (string, string)? problem, IReadOnlyDictionary<string, string> instanceTags)
    {
        var label = $"{instanceType}, {imageId}, Linux/UNIX{(subnetId is null ? "" : ", " + subnetId)}";
        if (problem is null)
        {
            if (!server.KnownImageIds.Contains(imageId))
            {
                problem = ("launchSpecUnusable", $"{label}: The image id '[{imageId}]' does not exist");
            }
            else if (!server.InstanceTypes.ContainsKey(instanceType))
            {
                problem = ("launchSpecUnusable", $"{label}: {instanceType} is not an instance type the fake can launch (add it to FakeAwsServer.InstanceTypes)");
            }
            else if (subnetId is not null && !server.KnownSubnetIds.Contains(subnetId))
            {
                problem = ("spotFleetRequestConfigurationInvalid", $"{label}: The subnet ID '{subnetId}' does not exist");
            }
            else if (groups.FirstOrDefault(g => !server.KnownSecurityGroupIds.Contains(g) && !server.KnownSecurityGroupIds.Any(id => GroupName(id) == g)) is { } group)
            {
                problem = ("spotFleetRequestConfigurationInvalid", $"{label}: The security group '{group}' does not exist in VPC '{VpcId}'");
            }
            else if (keyName is not null && server.KnownKeyNames is { } keys && !keys.Contains(keyName))
            {
                problem = ("spotFleetRequestConfigurationInvalid", $"{label}: The key pair '{keyName}' does not exist");
            }
        }
        else
        {
            problem = (problem.Value.Item1, $"{label}: {problem.Value.Item2}");
        }

        return new FleetLaunchOption
        {
            InstanceType = instanceType,
            ImageId = imageId,
            SubnetId = subnetId,
            SecurityGroupIds = groups.Select(g => server.KnownSecurityGroupIds.FirstOrDefault(id => GroupName(id) == g) ?? g).ToList(),
            KeyName = keyName,
            UserData = userData,
            IamInstanceProfileArn = profileArn,
            Weight = weight <= 0 ? 1 : weight,
            Price = server.InstanceTypes.TryGetValue(instanceType, out var size) ? size.SpotPrice : 0,
            Problem = problem,
            InstanceTags = instanceTags,
        };
    }

    private static bool IsBase64(string text) => Convert.TryFromBase64String(text, new byte[text.Length], out _);

    private static string? BlockDeviceProblem(IEnumerable<JsonObject> mappings)
    {
        foreach (var mapping in mappings)
        {
            if (mapping.Obj("Ebs") is not { } ebs)
            {
                continue;
            }

            if (ebs["VolumeSize"] is null && ebs.Str("SnapshotId") is null)
            {
                return $"The request must contain the parameter size or snapshotId (block device {mapping.Str("DeviceName")}).";
            }

            if (ebs.Int("VolumeSize") is < 1 or > 16384)
            {
                return $"Volume of size {ebs.Int("VolumeSize")} is not valid (block device {mapping.Str("DeviceName")}).";
            }
        }

        return null;
    }

    private Ec2Fleet FindSpotFleet(string id) =>
        _fleets.FirstOrDefault(f => f.IsSpotFleet && f.Id == id)
        ?? throw new FakeAwsException("InvalidSpotFleetRequestId.NotFound", $"The spot fleet request ID '{id}' does not exist");

    private JsonObject DescribeSpotFleetRequests(JsonObject input)
    {
        var ids = input.Strings("SpotFleetRequestIds");
        var fleets = ids.Count > 0 ? ids.Select(FindSpotFleet).ToList() : _fleets.Where(f => f.IsSpotFleet).ToList();
        var (page, next) = Page(fleets, input, 1000, 1, 1000);
        var configs = page.Select(f =>
        {
            var config = (JsonObject)f.Config.DeepClone();
            config["TargetCapacity"] = f.TargetCapacity;
            config["FulfilledCapacity"] = Fulfilled(f);
            config["Type"] = f.Type;
            config["ExcessCapacityTerminationPolicy"] = f.ExcessCapacityTerminationPolicy;
            config["AllocationStrategy"] = f.AllocationStrategy;
            return (JsonNode)new JsonObject
            {
                ["SpotFleetRequestId"] = f.Id,
                ["SpotFleetRequestState"] = f.State,
                ["ActivityStatus"] = ActivityStatus(f),
                ["CreateTime"] = f.CreateTime.Iso(),
                ["SpotFleetRequestConfig"] = config,
                ["Tags"] = f.Tags.Count == 0 ? null : TagsJson(f.Tags),
            };
        }).ToJsonArray();
        return new JsonObject { ["SpotFleetRequestConfigs"] = configs, ["NextToken"] = next };
    }

    private JsonObject DescribeSpotFleetInstances(JsonObject input)
    {
        var fleet = FindSpotFleet(input.Str("SpotFleetRequestId")!);
        var (page, next) = Page(RunningInstances(fleet), input, 1000, 1, 1000);
        return new JsonObject
        {
            ["SpotFleetRequestId"] = fleet.Id,
            ["ActiveInstances"] = page.Select(ActiveInstanceJson).ToJsonArray(),
            ["NextToken"] = next,
        };
    }

    private JsonObject DescribeSpotFleetRequestHistory(JsonObject input)
    {
        var fleet = FindSpotFleet(input.Str("SpotFleetRequestId")!);
        var start = input.Time("StartTime")!.Value;
        var eventType = input.Str("EventType");
        var records = fleet.History.Where(r => r.At >= start && (eventType is null || r.EventType == eventType)).ToList();
        var (page, next) = Page(records, input, 1000, 1, 1000);
        return new JsonObject
        {
            ["SpotFleetRequestId"] = fleet.Id,
            ["StartTime"] = start.Iso(),
            ["LastEvaluatedTime"] = server.Now.Iso(),
            ["HistoryRecords"] = page.Select(r => HistoryJson(r, spotFleet: true)).ToJsonArray(),
            ["NextToken"] = next,
        };
    }

    private static JsonNode HistoryJson(FleetHistoryRecord record, bool spotFleet) => new JsonObject
    {
        ["Timestamp"] = record.At.Iso(),
        ["EventType"] = spotFleet ? record.EventType : record.EventType switch
        {
            "instanceChange" => "instance-change",
            "error" => "service-error",
            _ => "fleet-change",
        },
        ["EventInformation"] = new JsonObject
        {
            ["EventSubType"] = record.SubType,
            ["EventDescription"] = record.Description,
            ["InstanceId"] = record.InstanceId,
        },
    };

    private JsonObject ModifySpotFleetRequest(JsonObject input)
    {
        var fleet = FindSpotFleet(input.Str("SpotFleetRequestId")!);
        if (fleet.Cancelled)
        {
            throw new FakeAwsException("IncorrectState", $"The spot fleet request {fleet.Id} is in state {fleet.State} and cannot be modified.");
        }

        if (fleet.Type != "maintain")
        {
            throw new FakeAwsException("UnsupportedOperation", "You can only modify a Spot Fleet request of type maintain.");
        }

        if (input["LaunchTemplateConfigs"] is not null || input["OnDemandTargetCapacity"] is not null)
        {
            throw new NotSupportedException("ModifySpotFleetRequest LaunchTemplateConfigs/OnDemandTargetCapacity");
        }

        fleet.History.Add(new FleetHistoryRecord(server.Now, "fleetRequestChange", "modify_in_progress", null, null));
        if (input.Str("ExcessCapacityTerminationPolicy") is { } policy)
        {
            fleet.ExcessCapacityTerminationPolicy = policy;
        }

        if (input.Int("TargetCapacity") is { } target)
        {
            if (target < 0)
            {
                throw new FakeAwsException("InvalidParameterValue", "TargetCapacity must not be negative.");
            }

            fleet.TargetCapacity = target;
            fleet.ShortageReported = false;
        }

        MaintainCapacity(fleet);
        fleet.History.Add(new FleetHistoryRecord(server.Now, "fleetRequestChange", "modify_succeeded", null, null));
        return new JsonObject { ["Return"] = true };
    }

    private JsonObject CancelSpotFleetRequests(JsonObject input)
    {
        var terminate = input.Bool("TerminateInstances")!.Value;
        var successful = new JsonArray();
        var unsuccessful = new JsonArray();
        foreach (var id in input.Strings("SpotFleetRequestIds"))
        {
            JsonNode Failure(string code, string message) => new JsonObject
            {
                ["SpotFleetRequestId"] = id,
                ["Error"] = new JsonObject { ["Code"] = code, ["Message"] = message },
            };

            if (!SpotFleetIdPattern.IsMatch(id))
            {
                unsuccessful.Add(Failure("fleetRequestIdMalformed", $"The spot fleet request ID '{id}' is malformed"));
                continue;
            }

            var fleet = _fleets.FirstOrDefault(f => f.IsSpotFleet && f.Id == id);
            if (fleet is null)
            {
                unsuccessful.Add(Failure("fleetRequestIdDoesNotExist", $"The spot fleet request ID '{id}' does not exist"));
                continue;
            }

            if (fleet.Cancelled)
            {
                unsuccessful.Add(Failure("fleetRequestNotInCancellableState", $"The spot fleet request {id} is already {fleet.State}"));
                continue;
            }

            var previous = fleet.State;
            Cancel(fleet, terminate, "cancelled");
            successful.Add(new JsonObject
            {
                ["SpotFleetRequestId"] = id,
                ["PreviousSpotFleetRequestState"] = previous,
                ["CurrentSpotFleetRequestState"] = fleet.State,
            });
        }

        return new JsonObject { ["SuccessfulFleetRequests"] = successful, ["UnsuccessfulFleetRequests"] = unsuccessful };
    }

    // ---- EC2 Fleet ----

    private JsonObject CreateFleet(JsonObject input)
    {
        var type = input.Str("Type") ?? "maintain";
        if (type == "instant")
        {
            throw new NotSupportedException("CreateFleet of type instant");
        }

        var capacity = input.Obj("TargetCapacitySpecification")!;
        var total = capacity.Int("TotalTargetCapacity")!.Value;
        if (total < 0 || (type != "maintain" && total == 0))
        {
            throw new FakeAwsException("InvalidTargetCapacitySpecification", "TotalTargetCapacity must be at least 1 (0 only for fleets of type maintain).");
        }

        var configs = input.Objects("LaunchTemplateConfigs").ToList();
        if (configs.Count == 0)
        {
            throw new FakeAwsException("MissingParameter", "The request must contain the parameter LaunchTemplateConfigs.");
        }

        var options = configs.SelectMany(c => OptionsOf(c, null, spotFleet: false)).ToList();
        var spotOptions = input.Obj("SpotOptions");
        var fleet = new Ec2Fleet
        {
            Id = "fleet-" + Guid.NewGuid().ToString(),
            IsSpotFleet = false,
            Type = type,
            TargetCapacity = total,
            ExcessCapacityTerminationPolicy = input.Str("ExcessCapacityTerminationPolicy") ?? "termination",
            AllocationStrategy = spotOptions?.Str("AllocationStrategy") ?? "lowest-price",
            Options = options,
            CreateTime = server.Now,
            ValidUntil = input.Time("ValidUntil"),
            TerminateInstancesWithExpiration = input.Bool("TerminateInstancesWithExpiration") ?? false,
            Config = (JsonObject)input.DeepClone(),
        };
        foreach (var (key, value) in TagsFor(input, "fleet"))
        {
            fleet.Tags[key] = value;
        }

        fleet.History.Add(new FleetHistoryRecord(server.Now, "fleetRequestChange", "submitted", null, null));
        _fleets.Add(fleet);
        return new JsonObject { ["FleetId"] = fleet.Id, ["Errors"] = new JsonArray(), ["Instances"] = new JsonArray() };
    }

    private Ec2Fleet FindFleet(string id) =>
        _fleets.FirstOrDefault(f => !f.IsSpotFleet && f.Id == id)
        ?? throw new FakeAwsException("InvalidFleetId.NotFound", $"The fleet ID '{id}' does not exist");

    private JsonObject DescribeFleets(JsonObject input)
    {
        var ids = input.Strings("FleetIds");
        var fleets = (ids.Count > 0 ? ids.Select(FindFleet) : _fleets.Where(f => !f.IsSpotFleet))
            .Where(f => Matches(input, name => name switch
            {
                "fleet-state" => [f.State],
                "activity-status" => [ActivityStatus(f)],
                "type" => [f.Type],
                "excess-capacity-termination-policy" => [f.ExcessCapacityTerminationPolicy ?? "termination"],
                _ => TagFilter(name, f.Tags),
            }))
            .ToList();
        var (page, next) = Page(fleets, input, 1000, 1, 1000);
        var json = page.Select(f =>
        {
            var capacity = f.Config.Obj("TargetCapacitySpecification")!;
            return (JsonNode)new JsonObject
            {
                ["FleetId"] = f.Id,
                ["FleetState"] = f.State,
                ["ActivityStatus"] = ActivityStatus(f),
                ["CreateTime"] = f.CreateTime.Iso(),
                ["Type"] = f.Type,
                ["ClientToken"] = f.Config.Str("ClientToken"),
                ["ExcessCapacityTerminationPolicy"] = f.ExcessCapacityTerminationPolicy,
                ["FulfilledCapacity"] = Fulfilled(f),
                ["FulfilledOnDemandCapacity"] = 0.0,
                ["LaunchTemplateConfigs"] = ModelEcho.Conform(Model, "FleetLaunchTemplateConfigList", f.Config["LaunchTemplateConfigs"]),
                ["TargetCapacitySpecification"] = new JsonObject
                {
                    ["TotalTargetCapacity"] = f.TargetCapacity,
                    ["OnDemandTargetCapacity"] = capacity.Int("OnDemandTargetCapacity") ?? 0,
                    ["SpotTargetCapacity"] = capacity.Int("SpotTargetCapacity") ?? f.TargetCapacity,
                    ["DefaultTargetCapacityType"] = capacity.Str("DefaultTargetCapacityType"),
                },
                ["TerminateInstancesWithExpiration"] = f.TerminateInstancesWithExpiration,
                ["ValidUntil"] = f.ValidUntil?.Iso(),
                ["SpotOptions"] = ModelEcho.Conform(Model, "SpotOptions", f.Config["SpotOptions"]) ?? new JsonObject { ["AllocationStrategy"] = f.AllocationStrategy },
                ["Tags"] = f.Tags.Count == 0 ? null : TagsJson(f.Tags),
                ["Errors"] = new JsonArray(),
                ["Instances"] = new JsonArray(),
            };
        }).ToJsonArray();
        return new JsonObject { ["Fleets"] = json, ["NextToken"] = next };
    }

    private JsonObject DescribeFleetInstances(JsonObject input)
    {
        var fleet = FindFleet(input.Str("FleetId")!);
        var (page, next) = Page(RunningInstances(fleet), input, 1000, 1, 1000);
        return new JsonObject { ["FleetId"] = fleet.Id, ["ActiveInstances"] = page.Select(ActiveInstanceJson).ToJsonArray(), ["NextToken"] = next };
    }

    private JsonObject DescribeFleetHistory(JsonObject input)
    {
        var fleet = FindFleet(input.Str("FleetId")!);
        var start = input.Time("StartTime")!.Value;
        var eventType = input.Str("EventType") switch
        {
            "instance-change" => "instanceChange",
            "service-error" => "error",
            "fleet-change" => "fleetRequestChange",
            _ => null,
        };
        var records = fleet.History.Where(r => r.At >= start && (eventType is null || r.EventType == eventType)).ToList();
        var (page, next) = Page(records, input, 1000, 1, 1000);
        return new JsonObject
        {
            ["FleetId"] = fleet.Id,
            ["StartTime"] = start.Iso(),
            ["LastEvaluatedTime"] = server.Now.Iso(),
            ["HistoryRecords"] = page.Select(r => HistoryJson(r, spotFleet: false)).ToJsonArray(),
            ["NextToken"] = next,
        };
    }

    private JsonObject ModifyFleet(JsonObject input)
    {
        var fleet = FindFleet(input.Str("FleetId")!);
        if (fleet.Cancelled)
        {
            throw new FakeAwsException("IncorrectState", $"The fleet {fleet.Id} is in state {fleet.State} and cannot be modified.");
        }

        if (fleet.Type != "maintain")
        {
            throw new FakeAwsException("UnsupportedOperation", "You can only modify an EC2 Fleet of type maintain.");
        }

        if (input["LaunchTemplateConfigs"] is not null)
        {
            throw new NotSupportedException("ModifyFleet LaunchTemplateConfigs");
        }

        if (input.Str("ExcessCapacityTerminationPolicy") is { } policy)
        {
            fleet.ExcessCapacityTerminationPolicy = policy;
        }

        if (input.Obj("TargetCapacitySpecification")?.Int("TotalTargetCapacity") is { } total)
        {
            fleet.TargetCapacity = total;
            fleet.ShortageReported = false;
        }

        fleet.History.Add(new FleetHistoryRecord(server.Now, "fleetRequestChange", "modify_succeeded", null, null));
        MaintainCapacity(fleet);
        return new JsonObject { ["Return"] = true };
    }

    private JsonObject DeleteFleets(JsonObject input)
    {
        var terminate = input.Bool("TerminateInstances")!.Value;
        var successful = new JsonArray();
        var unsuccessful = new JsonArray();
        foreach (var id in input.Strings("FleetIds"))
        {
            JsonNode Failure(string code, string message) => new JsonObject
            {
                ["FleetId"] = id,
                ["Error"] = new JsonObject { ["Code"] = code, ["Message"] = message },
            };

            if (!FleetIdPattern.IsMatch(id))
            {
                unsuccessful.Add(Failure("fleetIdMalformed", $"The fleet ID '{id}' is malformed"));
                continue;
            }

            var fleet = _fleets.FirstOrDefault(f => !f.IsSpotFleet && f.Id == id);
            if (fleet is null)
            {
                unsuccessful.Add(Failure("fleetIdDoesNotExist", $"The fleet ID '{id}' does not exist"));
                continue;
            }

            if (fleet.Cancelled)
            {
                unsuccessful.Add(Failure("fleetNotInDeletableState", $"The fleet {id} is already {fleet.State}"));
                continue;
            }

            var previous = fleet.State;
            Cancel(fleet, terminate, "deleted");
            successful.Add(new JsonObject { ["FleetId"] = id, ["PreviousFleetState"] = previous, ["CurrentFleetState"] = fleet.State });
        }

        return new JsonObject { ["SuccessfulFleetDeletions"] = successful, ["UnsuccessfulFleetDeletions"] = unsuccessful };
    }

    private JsonNode ActiveInstanceJson(Ec2Instance instance) => new JsonObject
    {
        ["InstanceId"] = instance.Id,
        ["InstanceType"] = instance.InstanceType,
        ["SpotInstanceRequestId"] = instance.SpotInstanceRequestId,
        ["InstanceHealth"] = "healthy",
    };
}

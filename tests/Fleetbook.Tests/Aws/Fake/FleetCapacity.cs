using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Fleetbook.Tests.Aws.Fake;

/// <summary>
/// How fleets and instances move on: fleets launch instances up to their target from their usable options (and
/// record why the others cannot launch), maintain fleets replace lost instances, excess capacity is terminated or
/// kept by policy; instances go pending → running → (ECS agent registers) → shutting-down → terminated.
/// </summary>
internal sealed partial class FakeEc2
{
    public void Reconcile()
    {
        var now = server.Now;
        foreach (var instance in _instances)
        {
            var age = now - instance.StateChangedAt;
            switch (instance.State)
            {
                case "pending" when age >= server.InstanceStartDelay:
                    SetState(instance, "running");
                    break;
                case "running" when instance.EcsCluster is null && age >= server.ContainerInstanceDelay:
                    RegisterWithEcs(instance);
                    break;
                case "shutting-down" when age >= server.InstanceShutdownDelay:
                    SetState(instance, "terminated");
                    server.Ecs.InstanceTerminated(instance.Id);
                    break;
            }
        }

        foreach (var fleet in _fleets)
        {
            if (fleet.Cancelled)
            {
                FinishCancelling(fleet);
                continue;
            }

            if (fleet.State == "submitted")
            {
                fleet.State = "active";
                fleet.History.Add(new FleetHistoryRecord(now, "fleetRequestChange", "active", null, null));
            }

            if (fleet.ValidUntil is { } until && now >= until)
            {
                fleet.History.Add(new FleetHistoryRecord(now, "fleetRequestChange", "expired", null, null));
                Cancel(fleet, fleet.TerminateInstancesWithExpiration, fleet.IsSpotFleet ? "cancelled" : "deleted");
                continue;
            }

            MaintainCapacity(fleet);
        }
    }

    private void SetState(Ec2Instance instance, string state)
    {
        instance.State = state;
        instance.StateChangedAt = server.Now;
    }

    private void MaintainCapacity(Ec2Fleet fleet)
    {
        var now = server.Now;
        var usable = fleet.Options.Where(o => o.Problem is null).ToList();
        if (!fleet.UnusableReported)
        {
            fleet.UnusableReported = true;
            foreach (var option in fleet.Options.Where(o => o.Problem is not null))
            {
                fleet.History.Add(new FleetHistoryRecord(now, "error", option.Problem!.Value.SubType, option.Problem.Value.Description, null));
            }

            if (usable.Count == 0)
            {
                // As EC2 does when no launch specification can be used; this record has no EventDescription (DS #157).
                fleet.History.Add(new FleetHistoryRecord(now, "error", "allLaunchSpecsTemporarilyBlacklisted", null, null));
            }
        }

        var fulfilled = Fulfilled(fleet);
        var wantsMore = fleet.Type == "maintain" || !fleet.LaunchedOnce;
        while (wantsMore && usable.Count > 0 && fulfilled < fleet.TargetCapacity)
        {
            if (server.SpotCapacityLimit is { } limit && _instances.Count(i => i.Alive && i.SpotInstanceRequestId is not null) >= limit)
            {
                if (!fleet.ShortageReported)
                {
                    fleet.ShortageReported = true;
                    fleet.History.Add(new FleetHistoryRecord(now, "error", "allLaunchSpecsTemporarilyBlacklisted", null, null));
                }

                break;
            }

            var option = Choose(fleet, usable);
            var instance = Launch(fleet, option);
            _instanceWeights[instance.Id] = option.Weight;
            fulfilled += option.Weight;
        }

        if (fulfilled >= fleet.TargetCapacity)
        {
            fleet.LaunchedOnce = true;
        }

        if (fulfilled > fleet.TargetCapacity && fleet.ExcessCapacityTerminationPolicy is "default" or "termination")
        {
            foreach (var instance in fleet.InstanceIds.Select(id => _instances.First(i => i.Id == id)).Where(i => i.Alive).OrderByDescending(i => i.LaunchTime).ToList())
            {
                var weight = _instanceWeights.GetValueOrDefault(instance.Id, 1);
                if (fulfilled - weight < fleet.TargetCapacity)
                {
                    break;
                }

                Terminate(instance, "Service initiated (fleet capacity decreased)");
                fulfilled -= weight;
            }
        }
    }

    /// <summary>The option the allocation strategy picks: cheapest per unit for the lowest-price strategies, else round robin.</summary>
    private static FleetLaunchOption Choose(Ec2Fleet fleet, IReadOnlyList<FleetLaunchOption> usable)
    {
        if (fleet.AllocationStrategy is "lowestPrice" or "lowest-price" or "priceCapacityOptimized" or "price-capacity-optimized")
        {
            return usable.OrderBy(o => o.Price / (decimal)o.Weight).First();
        }

        var option = usable[fleet.NextOption % usable.Count];
        fleet.NextOption++;
        return option;
    }

    private Ec2Instance Launch(Ec2Fleet fleet, FleetLaunchOption option)
    {
        var now = server.Now;
        var spot = fleet.IsSpotFleet || fleet.Config.Obj("TargetCapacitySpecification")?.Str("DefaultTargetCapacityType") != "on-demand";
        var instance = new Ec2Instance
        {
            Id = "i-" + Hex(17),
            InstanceType = option.InstanceType,
            ImageId = option.ImageId,
            SubnetId = option.SubnetId ?? server.KnownSubnetIds.Order(StringComparer.Ordinal).FirstOrDefault(),
            SecurityGroupIds = option.SecurityGroupIds,
            KeyName = option.KeyName,
            UserData = option.UserData,
            IamInstanceProfileArn = option.IamInstanceProfileArn,
            AvailabilityZone = AvailabilityZone(option.SubnetId),
            ReservationId = "r-" + Hex(17),
            PrivateIpAddress = $"10.0.{Random.Shared.Next(0, 255)}.{Random.Shared.Next(4, 255)}",
            SpotInstanceRequestId = spot ? "sir-" + Hex(8) : null,
            FleetId = fleet.Id,
            LaunchTime = now,
            StateChangedAt = now,
        };
        foreach (var (key, value) in option.InstanceTags)
        {
            instance.Tags[key] = value;
        }

        if (!fleet.IsSpotFleet)
        {
            foreach (var (key, value) in TagsFor(fleet.Config, "instance"))
            {
                instance.Tags[key] = value;
            }
        }

        _instances.Add(instance);
        fleet.InstanceIds.Add(instance.Id);
        var description = new JsonObject
        {
            ["instanceType"] = option.InstanceType,
            ["image"] = option.ImageId,
            ["productDescription"] = "Linux/UNIX",
            ["availabilityZone"] = instance.AvailabilityZone,
        }.ToJsonString();
        fleet.History.Add(new FleetHistoryRecord(now, "instanceChange", "launched", description, instance.Id));
        return instance;
    }

    /// <summary>Starts terminating an instance: ECS tasks on it get SIGTERM; its fleet records instanceChange/terminated.</summary>
    private void Terminate(Ec2Instance instance, string reason)
    {
        if (!instance.Alive)
        {
            return;
        }

        SetState(instance, "shutting-down");
        instance.StateReason = reason;
        server.Ecs.InstanceShuttingDown(instance.Id);
        if (_fleets.FirstOrDefault(f => f.Id == instance.FleetId) is { } fleet)
        {
            fleet.History.Add(new FleetHistoryRecord(server.Now, "instanceChange", "terminated", null, instance.Id));
        }
    }

    private void Cancel(Ec2Fleet fleet, bool terminateInstances, string word)
    {
        fleet.State = terminateInstances ? $"{word}_terminating" : $"{word}_running";
        fleet.History.Add(new FleetHistoryRecord(server.Now, "fleetRequestChange", fleet.State, null, null));
        if (terminateInstances)
        {
            foreach (var instance in InstancesOf(fleet).Where(i => i.Alive))
            {
                Terminate(instance, "Service initiated (fleet request cancelled)");
            }
        }

        FinishCancelling(fleet);
    }

    private void FinishCancelling(Ec2Fleet fleet)
    {
        if (fleet.State.EndsWith("_terminating", StringComparison.Ordinal) && InstancesOf(fleet).All(i => i.State == "terminated"))
        {
            fleet.State = fleet.IsSpotFleet ? "cancelled" : "deleted";
            fleet.History.Add(new FleetHistoryRecord(server.Now, "fleetRequestChange", fleet.State, null, null));
        }
    }

    private IEnumerable<Ec2Instance> InstancesOf(Ec2Fleet fleet) => fleet.InstanceIds.Select(id => _instances.First(i => i.Id == id));

    private List<Ec2Instance> RunningInstances(Ec2Fleet fleet) => InstancesOf(fleet).Where(i => i.State == "running").ToList();

    private double Fulfilled(Ec2Fleet fleet) => InstancesOf(fleet).Where(i => i.Alive).Sum(i => _instanceWeights.GetValueOrDefault(i.Id, 1));

    private string ActivityStatus(Ec2Fleet fleet)
    {
        if (fleet.State.EndsWith("_terminating", StringComparison.Ordinal))
        {
            return "pending_termination";
        }

        if (fleet.Options.All(o => o.Problem is not null))
        {
            return "error";
        }

        return Fulfilled(fleet) >= fleet.TargetCapacity ? "fulfilled" : "pending_fulfillment";
    }

    /// <summary>The ECS agent: joins the cluster named by the user data (ECS_CLUSTER=…, directly or in an ecs.config copied from S3), else "default".</summary>
    private void RegisterWithEcs(Ec2Instance instance)
    {
        var cluster = ClusterFromUserData(instance.UserData) ?? "default";
        if (server.InstanceTypes.TryGetValue(instance.InstanceType, out var size)
            && server.Ecs.RegisterInstance(instance.Id, instance.InstanceType, instance.AvailabilityZone, cluster, size))
        {
            instance.EcsCluster = cluster;
        }
    }

    private string? ClusterFromUserData(string? userData)
    {
        if (userData is null)
        {
            return null;
        }

        string text;
        try
        {
            text = Encoding.UTF8.GetString(Convert.FromBase64String(userData));
        }
        catch (FormatException)
        {
            return null;
        }

        var direct = Regex.Match(text, @"ECS_CLUSTER=(?<name>[A-Za-z0-9_-]+)", RegexOptions.CultureInvariant);
        if (direct.Success)
        {
            return direct.Groups["name"].Value;
        }

        var copy = Regex.Match(text, @"s3://(?<bucket>[^/\s]+)/(?<key>\S*ecs\.config)", RegexOptions.CultureInvariant);
        if (copy.Success && server.ReadS3Object?.Invoke(copy.Groups["bucket"].Value, copy.Groups["key"].Value) is { } config)
        {
            var named = Regex.Match(config, @"ECS_CLUSTER=(?<name>[A-Za-z0-9_-]+)", RegexOptions.CultureInvariant);
            if (named.Success)
            {
                return named.Groups["name"].Value;
            }
        }

        return null;
    }

    // ---- for tests ----

    /// <summary>A Spot interruption: the instance terminates (its tasks get SIGTERM); a maintain fleet replaces it.</summary>
    public bool Interrupt(string instanceId)
    {
        var instance = _instances.FirstOrDefault(i => i.Id == instanceId && i.Alive);
        if (instance is null)
        {
            return false;
        }

        Terminate(instance, "Server.SpotInstanceTermination: Spot instance termination");
        return true;
    }

    public IReadOnlyList<FakeEc2Instance> Snapshot() => _instances.Select(i => new FakeEc2Instance(
        i.Id, i.InstanceType, i.ImageId, i.State, i.FleetId, i.EcsCluster, i.SubnetId, i.LaunchTime,
        new Dictionary<string, string>(i.Tags, StringComparer.Ordinal))).ToList();

    public IReadOnlyList<FakeFleetHistoryRecord> History(string fleetId) =>
        (_fleets.FirstOrDefault(f => f.Id == fleetId)?.History ?? []).Select(r => new FakeFleetHistoryRecord(r.At, r.EventType, r.SubType, r.Description, r.InstanceId)).ToList();

    public static string Describe(IEnumerable<FakeEc2Instance> instances) =>
        string.Join("; ", instances.Select(i => string.Create(CultureInfo.InvariantCulture, $"{i.InstanceId} {i.State} {i.EcsCluster}")));
}

/// <summary>An EC2 instance as the fake sees it (for assertions).</summary>
public sealed record FakeEc2Instance(
    string InstanceId,
    string InstanceType,
    string ImageId,
    string State,
    string? FleetId,
    string? EcsCluster,
    string? SubnetId,
    DateTimeOffset LaunchTime,
    IReadOnlyDictionary<string, string> Tags);

/// <summary>A Spot Fleet / EC2 Fleet history record as stored (Spot Fleet event type names).</summary>
public sealed record FakeFleetHistoryRecord(DateTimeOffset At, string EventType, string? SubType, string? Description, string? InstanceId);

using System.Text;
using System.Text.Json.Nodes;
using Fleetbook.Backends.Aws.Capacity;
using Fleetbook.Fleet;
using Fleetbook.Inputs;
using static Fleetbook.Tests.Aws.Capacity.CapacityTestKit;

namespace Fleetbook.Tests.Aws.Capacity;

/// <summary>The fleet file merged with the config as startCluster does (anchors §2.3), without its defects (§6 items 2, 10).</summary>
public sealed class SpotFleetMergeTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 30, 0, TimeSpan.Zero);

    [Fact]
    public void The_merge_sets_validity_capacity_price_volume_type_and_user_data()
    {
        var merged = SpotFleetLaunch.Merge(Request(Config(machines: 3) with { MachinePrice = 0.2 }, now: Now));

        Assert.Equal("2026-03-01T12:30:00Z", merged["ValidFrom"]!.GetValue<string>());
        Assert.Equal("2027-03-01T12:30:00Z", merged["ValidUntil"]!.GetValue<string>());
        Assert.Equal(3, merged["TargetCapacity"]!.GetValue<int>());
        Assert.Equal("0.20", merged["SpotPrice"]!.GetValue<string>());
        var spec = Assert.Single(merged["LaunchSpecifications"]!.AsArray())!.AsObject();
        Assert.Equal(22, spec["BlockDeviceMappings"]![1]!["Ebs"]!["VolumeSize"]!.GetValue<int>());
        Assert.Equal(8, spec["BlockDeviceMappings"]![0]!["Ebs"]!["VolumeSize"]!.GetValue<int>());
        Assert.Equal("m5.xlarge", spec["InstanceType"]!.GetValue<string>());
        Assert.Contains("ECS_CLUSTER=CapacityCluster\n", Encoding.UTF8.GetString(Convert.FromBase64String(spec["UserData"]!.GetValue<string>())), StringComparison.Ordinal);
        Assert.Equal("arn:aws:iam::123456789012:role/aws-ec2-spot-fleet-tagging-role", merged["IamFleetRole"]!.GetValue<string>());
        Assert.Equal("lowestPrice", merged["AllocationStrategy"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(0.1, "0.10")]
    [InlineData(1.5, "1.50")]
    [InlineData(0.456, "0.46")]
    public void The_spot_price_is_written_as_percent_point_two_f(double price, string expected)
    {
        var merged = SpotFleetLaunch.Merge(Request(Config() with { MachinePrice = price }));

        Assert.Equal(expected, merged["SpotPrice"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AssignIp_sets_the_public_address_that_way_round_on_every_launch_specification(bool assignIp)
    {
        var fleet = TwoSpecs(firstIp: !assignIp, secondIp: !assignIp);

        var merged = SpotFleetLaunch.Merge(Request(Config() with { AssignIp = assignIp, MachineTypes = ["m5.xlarge", "c5.xlarge"] }, fleet));

        var specs = merged["LaunchSpecifications"]!.AsArray();
        Assert.Equal(2, specs.Count);
        Assert.All(specs, s => Assert.Equal(assignIp, s!["NetworkInterfaces"]![0]!["AssociatePublicIpAddress"]!.GetValue<bool>()));
    }

    [Fact]
    public void More_machine_types_than_specs_offers_every_type_from_every_spec()
    {
        var merged = SpotFleetLaunch.Merge(Request(Config() with { MachineTypes = ["m5.xlarge", "m5a.xlarge", "c5.2xlarge"] }));

        var specs = merged["LaunchSpecifications"]!.AsArray();
        Assert.Equal(["m5.xlarge", "m5a.xlarge", "c5.2xlarge"], specs.Select(s => s!["InstanceType"]!.GetValue<string>()));
        Assert.All(specs, s => Assert.Equal(22, s!["BlockDeviceMappings"]![1]!["Ebs"]!["VolumeSize"]!.GetValue<int>()));
        Assert.All(specs, s => Assert.NotNull(s!["UserData"]));
    }

    [Fact]
    public void One_type_per_spec_goes_in_order_and_extra_specs_reuse_the_last_type()
    {
        var same = SpotFleetLaunch.Merge(Request(Config() with { MachineTypes = ["m5.xlarge", "c5.xlarge"] }, TwoSpecs()));
        var fewer = SpotFleetLaunch.Merge(Request(Config() with { MachineTypes = ["r5.large"] }, TwoSpecs()));

        Assert.Equal(["m5.xlarge", "c5.xlarge"], same["LaunchSpecifications"]!.AsArray().Select(s => s!["InstanceType"]!.GetValue<string>()));
        Assert.Equal(["r5.large", "r5.large"], fewer["LaunchSpecifications"]!.AsArray().Select(s => s!["InstanceType"]!.GetValue<string>()));
        Assert.Equal(["subnet-a", "subnet-b"], same["LaunchSpecifications"]!.AsArray().Select(s => s!["NetworkInterfaces"]![0]!["SubnetId"]!.GetValue<string>()));
    }

    [Fact]
    public void The_request_and_its_machines_carry_the_run_tags()
    {
        var merged = SpotFleetLaunch.Merge(Request(Config() with { MachineTypes = ["m5.xlarge", "c5.xlarge"] }));

        Assert.Equal(App, TagValue(merged, "spot-fleet-request"));
        Assert.All(merged["LaunchSpecifications"]!.AsArray(), s => Assert.Equal(App, TagValue(s!.AsObject(), "instance")));
    }

    [Fact]
    public void A_fleet_file_without_a_second_disk_is_an_input_problem_naming_the_file_and_the_fix()
    {
        var json = JsonNode.Parse(ExampleFleetJson())!.AsObject();
        json["LaunchSpecifications"]![0]!["BlockDeviceMappings"]!.AsArray().RemoveAt(1);
        var fleet = FleetFile.Parse(json.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }), "myFleet.json");

        var exception = Assert.Throws<InputException>(() => SpotFleetLaunch.Merge(Request(Config(), fleet)));

        var problem = Assert.Single(exception.Problems);
        Assert.Equal("myFleet.json", problem.File);
        Assert.Equal("LaunchSpecifications[0].BlockDeviceMappings", problem.Where);
        Assert.NotNull(problem.Line);
        Assert.Contains("/dev/xvdcz", problem.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void The_fleet_file_itself_is_left_as_it_was()
    {
        var fleet = ExampleFleet();

        SpotFleetLaunch.Merge(Request(Config(), fleet));
        var again = SpotFleetLaunch.Merge(Request(Config() with { AssignIp = true }, fleet));

        Assert.Null(fleet.Root["TargetCapacity"]);
        Assert.True(again["LaunchSpecifications"]![0]!["NetworkInterfaces"]![0]!["AssociatePublicIpAddress"]!.GetValue<bool>());
    }

    private static string? TagValue(JsonObject owner, string resourceType) =>
        owner["TagSpecifications"]!.AsArray().Single(t => t!["ResourceType"]!.GetValue<string>() == resourceType)!["Tags"]!.AsArray()
            .SingleOrDefault(t => t!["Key"]!.GetValue<string>() == "fleetbook:run")?["Value"]!.GetValue<string>();

    /// <summary>The example with a second launch specification in another subnet (the DCP#216 shape: one spec per machine type).</summary>
    private static FleetFileContents TwoSpecs(bool firstIp = false, bool secondIp = false)
    {
        var json = JsonNode.Parse(ExampleFleetJson())!.AsObject();
        var specs = json["LaunchSpecifications"]!.AsArray();
        specs.Add(specs[0]!.DeepClone());
        specs[0]!["NetworkInterfaces"]![0]!["SubnetId"] = "subnet-a";
        specs[1]!["NetworkInterfaces"]![0]!["SubnetId"] = "subnet-b";
        specs[0]!["NetworkInterfaces"]![0]!["AssociatePublicIpAddress"] = firstIp;
        specs[1]!["NetworkInterfaces"]![0]!["AssociatePublicIpAddress"] = secondIp;
        return FleetFile.Parse(json.ToJsonString(), "twoSpecs.json");
    }
}

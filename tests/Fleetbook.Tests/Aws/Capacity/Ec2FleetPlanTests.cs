using System.Text;
using System.Text.Json.Nodes;
using Fleetbook.Backends.Aws.Capacity;
using Fleetbook.Backends.Aws.Services.Ec2;
using Fleetbook.Configuration;
using Fleetbook.Fleet;
using static Fleetbook.Tests.Aws.Capacity.CapacityTestKit;

namespace Fleetbook.Tests.Aws.Capacity;

/// <summary>The same fleet file turned into a launch template and an EC2 Fleet.</summary>
public sealed class Ec2FleetPlanTests
{
    [Fact]
    public void The_template_takes_the_first_launch_specification_with_the_run_settings()
    {
        var plan = Ec2FleetPlan.From(Request(Config(FleetMode.Ec2Fleet) with { AssignIp = true }));

        var data = plan.TemplateData;
        Assert.Equal("ami-0ce03502c5bb5e188", data.ImageId);
        Assert.Equal("your_key_file_name", data.KeyName);
        Assert.Equal("arn:aws:iam::123456789012:instance-profile/ecsInstanceRole", data.IamInstanceProfile!.Arn);
        Assert.Equal(["/dev/xvda", "/dev/xvdcz"], data.BlockDeviceMappings!.Select(m => m.DeviceName));
        Assert.Equal(new LaunchTemplateEbs(8, VolumeType.Gp3, true, SnapshotId: "snap-0a7b4ece894d62882"), data.BlockDeviceMappings![0].Ebs);
        Assert.Equal(new LaunchTemplateEbs(22, VolumeType.Gp3, true), data.BlockDeviceMappings![1].Ebs);
        var network = Assert.Single(data.NetworkInterfaces!);
        Assert.Equal(["sg-ZZZZZZZZZ"], network.Groups);
        Assert.True(network.AssociatePublicIpAddress);
        Assert.Null(network.SubnetId);
        Assert.Contains("ECS_CLUSTER=CapacityCluster", Encoding.UTF8.GetString(Convert.FromBase64String(data.UserData!)), StringComparison.Ordinal);
        Assert.Equal(new LaunchTemplateInstanceMetadataOptions(LaunchTemplateHttpTokens.Required, 2, LaunchTemplateMetadataEndpoint.Enabled), data.MetadataOptions);
        Assert.Equal([Ec2ResourceType.Instance, Ec2ResourceType.Volume], data.TagSpecifications!.Select(t => t.ResourceType));
    }

    [Fact]
    public void AssignIp_off_means_no_public_address()
    {
        var plan = Ec2FleetPlan.From(Request(Config(FleetMode.Ec2Fleet) with { AssignIp = false }));

        Assert.False(Assert.Single(plan.TemplateData.NetworkInterfaces!).AssociatePublicIpAddress);
    }

    [Fact]
    public void There_is_one_override_per_machine_type_and_subnet()
    {
        var json = JsonNode.Parse(ExampleFleetJson())!.AsObject();
        json["LaunchSpecifications"]![0]!["NetworkInterfaces"]![0]!["SubnetId"] = "subnet-a";
        var fleet = FleetFile.Parse(json.ToJsonString(), "fleet.json");
        var config = Config(FleetMode.Ec2Fleet) with { MachineTypes = ["m5.xlarge", "c5.xlarge"], Subnets = ["subnet-b", "subnet-a"], MachinePrice = 0.3 };

        var plan = Ec2FleetPlan.From(Request(config, fleet));

        Assert.Equal(
            [("m5.xlarge", "subnet-a"), ("m5.xlarge", "subnet-b"), ("c5.xlarge", "subnet-a"), ("c5.xlarge", "subnet-b")],
            plan.Overrides.Select(o => (o.InstanceType!, o.SubnetId!)));
        Assert.All(plan.Overrides, o => Assert.Equal("0.30", o.MaxPrice));
        Assert.Equal(["m5.xlarge", "c5.xlarge"], plan.InstanceTypes);
    }

    [Fact]
    public void The_fleet_is_a_tagged_maintain_spot_fleet_allocating_capacity_optimized()
    {
        var request = Request(Config(FleetMode.Ec2Fleet, machines: 4));

        var fleet = Ec2FleetPlan.From(request).Fleet("lt-0123");

        Assert.Equal(FleetType.Maintain, fleet.Type);
        Assert.Equal(new TargetCapacitySpecification(4, DefaultTargetCapacityType: DefaultTargetCapacityType.Spot), fleet.TargetCapacitySpecification);
        Assert.Equal(SpotAllocationStrategy.CapacityOptimized, fleet.SpotOptions!.AllocationStrategy);
        Assert.Equal("lt-0123", Assert.Single(fleet.LaunchTemplateConfigs).LaunchTemplateSpecification.LaunchTemplateId);
        Assert.Equal(Ec2ResourceType.Fleet, Assert.Single(fleet.TagSpecifications!).ResourceType);
        Assert.Equal(request.Now.AddDays(365), fleet.ValidUntil);
        Assert.Equal(fleet.ClientToken, Ec2FleetPlan.From(request).Fleet("lt-0123").ClientToken);
    }

    [Fact]
    public void The_user_data_writes_the_cluster_into_the_agent_config_directly()
    {
        var script = ClusterUserData.Script("my_cluster-1");

        Assert.StartsWith("#!/bin/bash\n", script, StringComparison.Ordinal);
        Assert.Contains("/etc/ecs/ecs.config", script, StringComparison.Ordinal);
        Assert.Contains("ECS_CLUSTER=my_cluster-1\n", script, StringComparison.Ordinal);
        Assert.Contains("ECS_AVAILABLE_LOGGING_DRIVERS=[\"json-file\",\"awslogs\"]\n", script, StringComparison.Ordinal);
        Assert.DoesNotContain("s3://", script, StringComparison.Ordinal);
        Assert.DoesNotContain("yum", script, StringComparison.Ordinal);
        Assert.DoesNotContain('\r', script);
        Assert.Equal(script, Encoding.UTF8.GetString(Convert.FromBase64String(ClusterUserData.Base64("my_cluster-1"))));
    }

    [Theory]
    [InlineData("bad name")]
    [InlineData("x; rm -rf /")]
    [InlineData("")]
    public void A_cluster_name_ECS_would_refuse_never_reaches_a_shell_script(string cluster)
    {
        Assert.Throws<ArgumentException>(() => ClusterUserData.Script(cluster));
    }
}

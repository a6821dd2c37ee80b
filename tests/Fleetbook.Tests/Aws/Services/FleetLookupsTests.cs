using System.Text.Json.Nodes;
using Fleetbook.Backends.Aws.Services.Ec2;

namespace Fleetbook.Tests.Aws.Services;

/// <summary>What Fleetbook reads from EC2 to size and explain a fleet.</summary>
public class FleetLookupsTests
{
    [Fact]
    public async Task An_instance_type_reads_as_vCPUs_and_MiB_of_memory()
    {
        var invoker = new RecordingAwsInvoker().Answer("DescribeInstanceTypes", JsonNode.Parse("""
            {"InstanceTypes":[{"InstanceType":"m5.xlarge","VCpuInfo":{"DefaultVCpus":4,"DefaultCores":2},"MemoryInfo":{"SizeInMiB":16384},
              "SupportedUsageClasses":["on-demand","spot"],"ProcessorInfo":{"SupportedArchitectures":["x86_64"]}}]}
            """)!.AsObject());
        var ec2 = new Ec2Client(invoker);

        var types = await ec2.DescribeInstanceTypesAsync(new DescribeInstanceTypesRequest(["m5.xlarge"]));

        var m5 = Assert.Single(types.InstanceTypes);
        Assert.Equal((4, 16384L), (m5.VCpus, m5.MemoryMiB));
        Assert.Contains("spot", m5.SupportedUsageClasses);
    }

    [Fact]
    public async Task A_spot_price_reads_as_dollars_per_hour()
    {
        var invoker = new RecordingAwsInvoker().Answer("DescribeSpotPriceHistory", JsonNode.Parse("""
            {"SpotPriceHistory":[{"InstanceType":"m5.xlarge","AvailabilityZone":"us-east-1a","ProductDescription":"Linux/UNIX","SpotPrice":"0.041200","Timestamp":"2024-05-06T07:00:00Z"}]}
            """)!.AsObject());
        var ec2 = new Ec2Client(invoker);

        var history = await ec2.DescribeSpotPriceHistoryAsync(new DescribeSpotPriceHistoryRequest(["m5.xlarge"], ["Linux/UNIX"]));

        var price = Assert.Single(history.SpotPriceHistory);
        Assert.Equal(0.0412m, price.PricePerHour);
        Assert.Equal("us-east-1a", price.AvailabilityZone);
    }

    [Fact]
    public async Task A_fleet_error_names_the_pool_it_could_not_launch_into()
    {
        var invoker = new RecordingAwsInvoker().Answer("CreateFleet", JsonNode.Parse("""
            {"FleetId":"fleet-1","Errors":[{"ErrorCode":"InsufficientInstanceCapacity","ErrorMessage":"no capacity","Lifecycle":"spot",
              "LaunchTemplateAndOverrides":{"LaunchTemplateSpecification":{"LaunchTemplateName":"lt"},"Overrides":{"InstanceType":"m5.xlarge","SubnetId":"subnet-a"}}}]}
            """)!.AsObject());
        var ec2 = new Ec2Client(invoker);

        var created = await ec2.CreateFleetAsync(new CreateFleetRequest([new FleetLaunchTemplateConfig(new FleetLaunchTemplateSpecification(LaunchTemplateName: "lt"))], new TargetCapacitySpecification(1)));

        var error = Assert.Single(created.Errors);
        Assert.Equal("fleet-1", created.FleetId);
        Assert.Equal(("InsufficientInstanceCapacity", "m5.xlarge", "subnet-a"), (error.ErrorCode, error.LaunchTemplateAndOverrides!.Overrides!.InstanceType, error.LaunchTemplateAndOverrides.Overrides.SubnetId));
    }

    [Fact]
    public async Task The_machines_of_every_reservation_read_as_one_list()
    {
        var invoker = new RecordingAwsInvoker().Answer("DescribeInstances", JsonNode.Parse("""
            {"Reservations":[{"Instances":[{"InstanceId":"i-1","State":{"Code":16,"Name":"running"}}]},
                             {"Instances":[{"InstanceId":"i-2","State":{"Code":48,"Name":"terminated"},"StateReason":{"Code":"Server.SpotInstanceTermination"}}]}]}
            """)!.AsObject());
        var ec2 = new Ec2Client(invoker);

        var described = await ec2.DescribeInstancesAsync(new DescribeInstancesRequest(["i-1", "i-2"]));

        Assert.Equal(["i-1", "i-2"], described.Instances.Select(i => i.InstanceId));
        Assert.Equal("Server.SpotInstanceTermination", described.Instances[1].StateReason!.Code);
    }
}

using System.Text.Json.Nodes;
using Fleetbook.Backends.Aws.Services;
using Fleetbook.Backends.Aws.Services.Ec2;

namespace Fleetbook.Tests.Aws.Services;

public class SpotFleetConfigsTests
{
    [Fact]
    public void Tagging_a_fleet_file_tags_the_request_and_the_machines_of_every_launch_specification()
    {
        var config = JsonNode.Parse("""{"IamFleetRole":"r","TargetCapacity":1,"LaunchSpecifications":[{"ImageId":"a"},{"ImageId":"b"}]}""")!.AsObject();

        var tagged = SpotFleetConfigs.WithTags(config, [AwsTag.Run("app")]);

        Assert.Equal("""[{"ResourceType":"spot-fleet-request","Tags":[{"Key":"fleetbook:run","Value":"app"}]}]""", tagged["TagSpecifications"]!.ToJsonString());
        Assert.All(tagged["LaunchSpecifications"]!.AsArray(), specification =>
            Assert.Equal("""[{"ResourceType":"instance","Tags":[{"Key":"fleetbook:run","Value":"app"}]}]""", specification!["TagSpecifications"]!.ToJsonString()));
    }

    [Fact]
    public void Tagging_keeps_the_files_own_tags_and_overwrites_a_tag_with_the_same_key()
    {
        var config = JsonNode.Parse("""
            {"LaunchSpecifications":[{"TagSpecifications":[{"ResourceType":"instance","Tags":[{"Key":"Name","Value":"worker"},{"Key":"fleetbook:run","Value":"old"}]}]}]}
            """)!.AsObject();

        var tagged = SpotFleetConfigs.WithTags(config, [AwsTag.Run("app")]);

        Assert.Equal("""[{"ResourceType":"instance","Tags":[{"Key":"Name","Value":"worker"},{"Key":"fleetbook:run","Value":"app"}]}]""",
            tagged["LaunchSpecifications"]![0]!["TagSpecifications"]!.ToJsonString());
    }

    [Fact]
    public void Tagging_leaves_the_original_config_untouched()
    {
        var config = DistributedSomethingCalls.MergedFleetConfig();
        var before = config.ToJsonString();

        _ = SpotFleetConfigs.WithTags(config, [AwsTag.Run("app")]);

        Assert.Equal(before, config.ToJsonString());
    }
}

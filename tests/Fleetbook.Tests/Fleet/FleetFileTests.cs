using Fleetbook.Cli.Commands;
using Fleetbook.Fleet;
using Fleetbook.Inputs;
using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Fleet;

public class FleetFileTests
{
    [Fact]
    public void Distributed_Somethings_example_fleet_file_is_accepted_unchanged()
    {
        var fleet = FleetFile.Parse(StarterFiles.FleetFile, "exampleFleet_us-east-1.json");

        Assert.Equal(1, fleet.LaunchSpecifications);
        Assert.Equal("maintain", fleet.Root["Type"]!.Text);
    }

    [Theory]
    [InlineData("[1, 2]", "", "JSON object")]
    [InlineData("""{"IamFleetRole": "r", "LaunchSpecification": [{}]}""", "LaunchSpecification", "did you mean 'LaunchSpecifications'")]
    [InlineData("""{"IamFleetRole": "r", "LaunchSpecifications": [{"ImageId": "a"}], "TargetCapacity": "3"}""", "TargetCapacity", "without quotes")]
    [InlineData("""{"IamFleetRole": "r", "LaunchSpecifications": [{"ImageId": "a"}], "Type": "maintian"}""", "Type", "\"maintain\"")]
    [InlineData("""{"IamFleetRole": "r", "LaunchSpecifications": [{"BlockDeviceMappings": [{"Ebs": {"VolumeSize": "30"}}]}]}""", "LaunchSpecifications[0].BlockDeviceMappings[0].Ebs.VolumeSize", "without quotes")]
    [InlineData("""{"IamFleetRole": "r", "LaunchSpecifications": [{"NetworkInterfaces": [{"AssociatePublicIpAddress": "false"}]}]}""", "LaunchSpecifications[0].NetworkInterfaces[0].AssociatePublicIpAddress", "write false")]
    [InlineData("""{"LaunchSpecifications": [{"ImageId": "a"}]}""", "IamFleetRole", "aws-ec2-spot-fleet-tagging-role")]
    [InlineData("""{"IamFleetRole": "r", "LaunchSpecifications": []}""", "LaunchSpecifications", "add one launch specification")]
    [InlineData("""{"IamFleetRole": "r", "LaunchSpecifications": [{"ImageId": "a"}], "ValidFrom": "tomorrow"}""", "ValidFrom", "start sets ValidFrom")]
    [InlineData("""{"IamFleetRole": "r", "LaunchSpecifications": [{"imageId": "a"}]}""", "LaunchSpecifications[0].imageId", "case-sensitive")]
    [InlineData("""{"IamFleetRole": "r", "LaunchSpecifications": [{"BlockDeviceMappings": [{"Ebs": {"VolumeType": "gp5"}}]}]}""", "LaunchSpecifications[0].BlockDeviceMappings[0].Ebs.VolumeType", "gp")]
    public void A_bad_fleet_file_names_the_member_and_the_fix(string json, string where, string fixFragment)
    {
        var problem = Assert.Single(Assert.Throws<InputException>(() => FleetFile.Parse(json, "fleet.json")).Problems);

        Assert.Equal("fleet.json", problem.File);
        Assert.NotNull(problem.Line);
        Assert.Equal(where, problem.Where ?? "");
        Assert.Contains(fixFragment, problem.ToString());
    }
}

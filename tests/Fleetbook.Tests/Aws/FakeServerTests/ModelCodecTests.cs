using System.Text.Json.Nodes;
using System.Xml.Linq;
using Fleetbook.Tests.Aws.Fake;
using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Aws.FakeServerTests;

/// <summary>The validator, the EC2 query reader and the EC2 XML writer on their own, against the real EC2/ECS models.</summary>
public sealed class ModelCodecTests
{
    private static ServiceModel Ec2 => ServiceModel.Get("ec2");

    [AwsModelFact]
    public void The_validator_checks_outputs_too_nested_types_and_enums()
    {
        var output = JsonNode.Parse("""
            {"Reservations": [{"Instances": [{"InstanceId": "i-1", "State": {"Code": "16", "Name": "runnin"}, "Colour": "red"}]}]}
            """)!;

        var problems = ModelValidator.Validate(Ec2, "DescribeInstancesResult", output, TimestampForm.Iso8601);

        Assert.Contains(problems, p => p.Path == "Reservations[0].Instances[0].State.Code" && p.Problem.Contains("integer", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Path == "Reservations[0].Instances[0].State.Name" && p.Problem.Contains("'runnin'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Path == "Reservations[0].Instances[0].Colour" && p.Problem.Contains("unknown member", StringComparison.Ordinal));
        Assert.Equal(3, problems.Count);
    }

    [AwsModelFact]
    public void Nulls_are_violations_and_a_near_miss_member_is_named()
    {
        var input = new JsonObject { ["clusterName"] = null, ["Tags"] = new JsonArray() };

        var problems = ModelValidator.Validate(ServiceModel.Get("ecs"), "CreateClusterRequest", input, TimestampForm.EpochSeconds);

        Assert.Contains(problems, p => p.Path == "clusterName" && p.Problem.Contains("null", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Path == "Tags" && p.Problem.Contains("did you mean tags?", StringComparison.Ordinal));
    }

    [AwsModelFact]
    public void EC2_query_parameters_become_a_typed_tree_by_model_names()
    {
        var problems = new List<ShapeProblem>();
        var tree = Ec2QueryParser.Parse(Ec2, Ec2.Shape("RequestSpotFleetRequest"), new Dictionary<string, string>
        {
            ["SpotFleetRequestConfig.TargetCapacity"] = "3",
            ["SpotFleetRequestConfig.TerminateInstancesWithExpiration"] = "true",
            ["SpotFleetRequestConfig.ValidUntil"] = "2030-01-01T00:00:00Z",
            ["SpotFleetRequestConfig.LaunchSpecifications.1.NetworkInterfaceSet.1.SecurityGroupId.1"] = "sg-1",
            ["SpotFleetRequestConfig.LaunchSpecifications.1.NetworkInterfaceSet.1.SecurityGroupId.2"] = "sg-2",
            ["SpotFleetRequestConfig.LaunchSpecifications.1.BlockDeviceMapping.1.Ebs.VolumeSize"] = "22",
        }, problems);

        Assert.Empty(problems);
        var config = tree["SpotFleetRequestConfig"]!;
        Assert.Equal(3, config["TargetCapacity"]!.GetValue<long>());
        Assert.True(config["TerminateInstancesWithExpiration"]!.GetValue<bool>());
        Assert.Equal("2030-01-01T00:00:00Z", config["ValidUntil"]!.GetValue<string>());
        Assert.Equal(["sg-1", "sg-2"], config["LaunchSpecifications"]![0]!["NetworkInterfaces"]![0]!["Groups"]!.AsArray().Select(g => g!.GetValue<string>()));
        Assert.Equal(22, config["LaunchSpecifications"]![0]!["BlockDeviceMappings"]![0]!["Ebs"]!["VolumeSize"]!.GetValue<long>());
    }

    [AwsModelFact]
    public void EC2_list_indices_must_run_from_1_without_gaps()
    {
        var problems = new List<ShapeProblem>();

        Ec2QueryParser.Parse(Ec2, Ec2.Shape("DescribeInstancesRequest"), new Dictionary<string, string> { ["InstanceId.1"] = "i-1", ["InstanceId.3"] = "i-3", ["InstanceId.x"] = "i-x" }, problems);

        Assert.Contains(problems, p => p.Problem.Contains("without gaps", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Problem.Contains("InstanceId.x", StringComparison.Ordinal));
    }

    [AwsModelFact]
    public void EC2_XML_uses_locationNames_item_elements_and_ISO_timestamps()
    {
        var output = new JsonObject
        {
            ["SpotFleetRequestId"] = "sfr-1",
            ["StartTime"] = "2024-01-02T03:04:05Z",
            ["HistoryRecords"] = new JsonArray
            {
                new JsonObject
                {
                    ["EventType"] = "error",
                    ["Timestamp"] = "2024-01-02T03:04:06Z",
                    ["EventInformation"] = new JsonObject { ["EventSubType"] = "allLaunchSpecsTemporarilyBlacklisted" },
                },
            },
        };

        var xml = XDocument.Parse(Ec2XmlWriter.Response(Ec2, "DescribeSpotFleetRequestHistory", "DescribeSpotFleetRequestHistoryResponse", output, "req-1"));

        XNamespace ns = Ec2XmlWriter.Namespace;
        var root = xml.Root!;
        Assert.Equal(ns + "DescribeSpotFleetRequestHistoryResponse", root.Name);
        Assert.Equal("req-1", root.Element(ns + "requestId")!.Value);
        Assert.Equal("2024-01-02T03:04:05.000Z", root.Element(ns + "startTime")!.Value);
        var record = root.Element(ns + "historyRecordSet")!.Element(ns + "item")!;
        Assert.Equal("error", record.Element(ns + "eventType")!.Value);
        Assert.Equal("allLaunchSpecsTemporarilyBlacklisted", record.Element(ns + "eventInformation")!.Element(ns + "eventSubType")!.Value);
        Assert.Null(record.Element(ns + "eventInformation")!.Element(ns + "eventDescription"));
    }
}

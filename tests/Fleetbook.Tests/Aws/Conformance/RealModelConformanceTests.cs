using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Fleetbook.Backends.Aws.Models;
using Fleetbook.Backends.Aws.Protocol;
using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Aws.Conformance;

/// <summary>The protocols driven by the official models of the five services, checked against the wire forms the AWS API references show.</summary>
public sealed class RealModelConformanceTests
{
    [AwsModelFact]
    public void Every_shape_the_five_service_models_refer_to_resolves()
    {
        foreach (var name in new[] { "sqs", "ecs", "ec2", "logs", "cloudwatch" })
        {
            // Act
            var model = Load(name);

            // Assert
            Assert.NotEmpty(model.Operations);
            foreach (var operation in model.Operations.Values)
            {
                foreach (var shape in new[] { operation.InputShape, operation.OutputShape }.OfType<string>().Concat(operation.Errors))
                {
                    Assert.True(model.Shapes.ContainsKey(shape), $"{name} {operation.Name} refers to the missing shape {shape}.");
                }
            }

            foreach (var shape in model.Shapes.Values)
            {
                foreach (var reference in shape.Members.Append(shape.Member).Append(shape.Key).Append(shape.Value).OfType<MemberModel>())
                {
                    Assert.True(model.Shapes.ContainsKey(reference.ShapeName), $"{name} {shape.Name}.{reference.Name} refers to the missing shape {reference.ShapeName}.");
                }
            }
        }
    }

    [AwsModelFact]
    public void RequestSpotFleet_uses_the_parameter_names_of_the_EC2_API_reference()
    {
        // Arrange
        var model = Load("ec2");
        var input = JsonNode.Parse("""
            {"SpotFleetRequestConfig":{
               "IamFleetRole":"arn:aws:iam::123456789012:role/fleet",
               "TargetCapacity":2,
               "ValidUntil":"2026-12-31T00:00:00Z",
               "LaunchSpecifications":[{
                 "ImageId":"ami-1234",
                 "IamInstanceProfile":{"Arn":"arn:aws:iam::123456789012:instance-profile/ecs"},
                 "BlockDeviceMappings":[{"DeviceName":"/dev/xvda","Ebs":{"VolumeSize":22,"DeleteOnTermination":true}}],
                 "UserData":"IyEvYmluL2Jhc2g="}]}}
            """)!.AsObject();

        // Act
        var parameters = Form(Serialize(model, "RequestSpotFleet", input));

        // Assert
        Assert.Equal(
        [
            "Action=RequestSpotFleet",
            "SpotFleetRequestConfig.IamFleetRole=arn:aws:iam::123456789012:role/fleet",
            "SpotFleetRequestConfig.LaunchSpecifications.1.BlockDeviceMapping.1.DeviceName=/dev/xvda",
            "SpotFleetRequestConfig.LaunchSpecifications.1.BlockDeviceMapping.1.Ebs.DeleteOnTermination=true",
            "SpotFleetRequestConfig.LaunchSpecifications.1.BlockDeviceMapping.1.Ebs.VolumeSize=22",
            "SpotFleetRequestConfig.LaunchSpecifications.1.IamInstanceProfile.Arn=arn:aws:iam::123456789012:instance-profile/ecs",
            "SpotFleetRequestConfig.LaunchSpecifications.1.ImageId=ami-1234",
            "SpotFleetRequestConfig.LaunchSpecifications.1.UserData=IyEvYmluL2Jhc2g=",
            "SpotFleetRequestConfig.TargetCapacity=2",
            "SpotFleetRequestConfig.ValidUntil=2026-12-31T00:00:00Z",
            "Version=2016-11-15",
        ], parameters);
    }

    [AwsModelFact]
    public void DescribeInstances_filters_are_numbered_as_in_the_EC2_API_reference()
    {
        // Arrange
        var model = Load("ec2");
        var input = JsonNode.Parse("""{"Filters":[{"Name":"instance-state-name","Values":["running","pending"]}],"InstanceIds":["i-1"]}""")!.AsObject();

        // Act
        var parameters = Form(Serialize(model, "DescribeInstances", input));

        // Assert
        Assert.Equal(
            ["Action=DescribeInstances", "Filter.1.Name=instance-state-name", "Filter.1.Value.1=running", "Filter.1.Value.2=pending", "InstanceId.1=i-1", "Version=2016-11-15"],
            parameters);
    }

    [AwsModelFact]
    public void DescribeSpotFleetRequests_answers_are_read_by_their_location_names()
    {
        // Arrange
        var model = Load("ec2");
        const string answer = """
            <DescribeSpotFleetRequestsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
              <requestId>4d68a6cc-8f2e-4be1-b425-example</requestId>
              <spotFleetRequestConfigSet>
                <item>
                  <spotFleetRequestId>sfr-123f8fc2-cb31-425e-abcd-example2710</spotFleetRequestId>
                  <spotFleetRequestState>active</spotFleetRequestState>
                  <activityStatus>fulfilled</activityStatus>
                  <createTime>2026-11-21T19:01:52.000Z</createTime>
                  <spotFleetRequestConfig>
                    <targetCapacity>20</targetCapacity>
                    <launchSpecifications><item><imageId>ami-1234</imageId></item></launchSpecifications>
                  </spotFleetRequestConfig>
                </item>
              </spotFleetRequestConfigSet>
            </DescribeSpotFleetRequestsResponse>
            """;

        // Act
        var output = AwsProtocols.For(model.Metadata).ReadOutput(model, model.Operation("DescribeSpotFleetRequests"), Answer(answer));

        // Assert
        var config = output["SpotFleetRequestConfigs"]![0]!;
        Assert.Equal("sfr-123f8fc2-cb31-425e-abcd-example2710", config["SpotFleetRequestId"]!.GetValue<string>());
        Assert.Equal("active", config["SpotFleetRequestState"]!.GetValue<string>());
        Assert.Equal("2026-11-21T19:01:52.0000000+00:00", config["CreateTime"]!.GetValue<string>());
        Assert.Equal(20, config["SpotFleetRequestConfig"]!["TargetCapacity"]!.GetValue<long>());
        Assert.Equal("ami-1234", config["SpotFleetRequestConfig"]!["LaunchSpecifications"]![0]!["ImageId"]!.GetValue<string>());
    }

    [AwsModelFact]
    public void A_large_PutMetricData_body_is_gzipped_as_its_model_asks()
    {
        // Arrange
        var model = Load("cloudwatch");
        model = model with { Metadata = model.Metadata with { Protocol = "json", JsonVersion = "1.0", TargetPrefix = "GraniteServiceVersion20100801" } };
        var data = new JsonArray(Enumerable.Range(0, 200).Select(i => (JsonNode)new JsonObject
        {
            ["MetricName"] = "JobsVisible",
            ["Dimensions"] = new JsonArray(new JsonObject { ["Name"] = "QueueName", ["Value"] = "fleetbook-run-" + i }),
            ["Timestamp"] = "2026-11-21T19:00:00Z",
            ["Value"] = i,
        }).ToArray());

        // Act
        var request = AwsProtocols.For(model.Metadata).Serialize(model, model.Operation("PutMetricData"), new JsonObject { ["Namespace"] = "Fleetbook", ["MetricData"] = data });

        // Assert
        Assert.Equal("gzip", request.Headers["Content-Encoding"]);
        using var gzip = new GZipStream(new MemoryStream(request.Body), CompressionMode.Decompress);
        var body = JsonNode.Parse(gzip)!;
        Assert.Equal(200, body["MetricData"]!.AsArray().Count);
        Assert.Equal(1795287600m, body["MetricData"]![0]!["Timestamp"]!.GetValue<decimal>());
    }

    [AwsModelFact]
    public void ReceiveMessage_answers_keep_attributes_and_message_attributes()
    {
        // Arrange
        var model = Load("sqs");
        const string answer = """
            {"Messages":[{"MessageId":"m-1","ReceiptHandle":"rh","Body":"{\"group\":{}}","Attributes":{"ApproximateReceiveCount":"2"},
              "MessageAttributes":{"run":{"StringValue":"r-7","DataType":"String"}},"Unmodeled":true}]}
            """;

        // Act
        var output = AwsProtocols.For(model.Metadata).ReadOutput(model, model.Operation("ReceiveMessage"), Answer(answer));

        // Assert
        var message = output["Messages"]![0]!;
        Assert.Equal("2", message["Attributes"]!["ApproximateReceiveCount"]!.GetValue<string>());
        Assert.Equal("r-7", message["MessageAttributes"]!["run"]!["StringValue"]!.GetValue<string>());
        Assert.Null(message["Unmodeled"]);
    }

    private static ServiceModel Load(string name) => ModelLoader.LoadFile(Path.Combine(AwsModels.Folder!, name + ".json"));

    private static SerializedRequest Serialize(ServiceModel model, string operation, JsonObject input) =>
        AwsProtocols.For(model.Metadata).Serialize(model, model.Operation(operation), input);

    private static string[] Form(SerializedRequest request) =>
        Encoding.UTF8.GetString(request.Body).Split('&')
            .Select(pair => string.Join('=', pair.Split('=', 2).Select(WebUtility.UrlDecode)))
            .Order(StringComparer.Ordinal)
            .ToArray();

    private static ProtocolResponse Answer(string body) =>
        new(200, ProtocolResponse.HeaderMap([]), Encoding.UTF8.GetBytes(body));
}

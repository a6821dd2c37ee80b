using System.Text.Json.Nodes;
using System.Xml.Linq;
using Fleetbook.Backends.Aws;
using Fleetbook.Tests.Aws.Fake;
using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Aws.FakeServerTests;

/// <summary>The wire: signatures must be present and scoped, errors and XML look as each protocol has them.</summary>
public sealed class ProtocolTests : IAsyncLifetime
{
    private static readonly XNamespace Ec2 = "http://ec2.amazonaws.com/doc/2016-11-15/";

    private FakeAwsServer _server = null!;
    private RawAwsClient _client = null!;

    public Task InitializeAsync()
    {
        if (AwsModels.Available)
        {
            _server = FakeAwsServer.Start();
            _client = new RawAwsClient(_server);
        }

        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [AwsModelFact]
    public async Task An_unsigned_JSON_request_is_refused_with_403()
    {
        var reply = await _client.Json(AwsService.Ecs, "ListClusters", [], signed: false);

        Assert.Equal(403, reply.Status);
        Assert.Equal("MissingAuthenticationTokenException", reply.ErrorCode);
        Assert.Contains(_server.Violations, v => v.Problem.Contains("not signed", StringComparison.Ordinal));
    }

    [AwsModelFact]
    public async Task An_unsigned_EC2_request_is_refused_with_403_MissingAuthenticationToken()
    {
        var reply = await _client.Ec2("DescribeSubnets", [], signed: false);

        Assert.Equal(403, reply.Status);
        Assert.Equal("MissingAuthenticationToken", reply.ErrorCode);
    }

    [AwsModelFact]
    public async Task A_credential_scoped_to_another_service_is_refused()
    {
        var reply = await _client.Json(AwsService.Logs, "DescribeLogGroups", [], scope: "ecs");

        Assert.Equal(403, reply.Status);
        Assert.Contains(_server.Violations, v => v.Problem.Contains("scoped to service 'ecs', not 'logs'", StringComparison.Ordinal));
    }

    [AwsModelFact]
    public async Task JSON_errors_carry___type_and_message()
    {
        var reply = await _client.Ecs("DescribeServices", new JsonObject { ["cluster"] = "missing", ["services"] = new JsonArray("s") });

        Assert.Equal(400, reply.Status);
        Assert.Equal("ClusterNotFoundException", reply.ErrorCode);
        Assert.Equal("Cluster not found.", reply.Json["message"]!.GetValue<string>());
        Assert.Equal("application/x-amz-json-1.1", reply.Message.Content.Headers.ContentType!.MediaType);
        _server.AssertNoViolations();
    }

    [AwsModelFact]
    public async Task CloudWatch_speaks_JSON_1_0_with_the_query_error_header()
    {
        var reply = await _client.CloudWatch("DeleteDashboards", new JsonObject { ["DashboardNames"] = new JsonArray("nope") });

        Assert.Equal(404, reply.Status);
        Assert.Equal("DashboardNotFoundError", reply.ErrorCode);
        Assert.Equal("application/x-amz-json-1.0", reply.Message.Content.Headers.ContentType!.MediaType);
        Assert.Equal("ResourceNotFound;Sender", reply.Message.Headers.GetValues("x-amzn-query-error").Single());
    }

    [AwsModelFact]
    public async Task EC2_errors_are_Response_Errors_Error_Code()
    {
        var reply = await _client.Ec2("DescribeImages", ("ImageId.1", "ami-12345678"));

        Assert.Equal(400, reply.Status);
        var root = reply.Xml.Root!;
        Assert.Equal("Response", root.Name.LocalName);
        Assert.Equal("InvalidAMIID.NotFound", root.Element("Errors")!.Element("Error")!.Element("Code")!.Value);
        Assert.Contains("ami-12345678", root.Element("Errors")!.Element("Error")!.Element("Message")!.Value, StringComparison.Ordinal);
        Assert.NotEmpty(root.Element("RequestID")!.Value);
    }

    [AwsModelFact]
    public async Task EC2_responses_are_namespaced_XML_with_requestId_and_item_lists()
    {
        var reply = await _client.Ec2("DescribeSubnets", ("SubnetId.1", "subnet-0123abcd"));

        Assert.Equal(200, reply.Status);
        var root = reply.Xml.Root!;
        Assert.Equal(Ec2 + "DescribeSubnetsResponse", root.Name);
        Assert.NotEmpty(root.Element(Ec2 + "requestId")!.Value);
        var item = Assert.Single(root.Element(Ec2 + "subnetSet")!.Elements());
        Assert.Equal(Ec2 + "item", item.Name);
        Assert.Equal("subnet-0123abcd", item.Element(Ec2 + "subnetId")!.Value);
        Assert.Equal("available", item.Element(Ec2 + "state")!.Value);
        Assert.Equal("false", item.Element(Ec2 + "defaultForAz")!.Value);
        _server.AssertNoViolations();
    }

    [AwsModelFact]
    public async Task EC2_XML_names_members_by_their_locationName()
    {
        var images = await _client.Ec2("DescribeImages", ("ImageId.1", "ami-fad25980"));
        var types = await _client.Ec2("DescribeInstanceTypes", ("InstanceType.1", "m5.xlarge"));

        var image = images.Xml.Root!.Element(Ec2 + "imagesSet")!.Element(Ec2 + "item")!;
        Assert.Equal("available", image.Element(Ec2 + "imageState")!.Value);
        Assert.Equal("591542846629", image.Element(Ec2 + "imageOwnerId")!.Value);
        Assert.Equal("true", image.Element(Ec2 + "isPublic")!.Value);
        var type = types.Xml.Root!.Element(Ec2 + "instanceTypeSet")!.Element(Ec2 + "item")!;
        Assert.Equal("4", type.Element(Ec2 + "vCpuInfo")!.Element(Ec2 + "defaultVCpus")!.Value);
        Assert.Equal("16384", type.Element(Ec2 + "memoryInfo")!.Element(Ec2 + "sizeInMiB")!.Value);
        _server.AssertNoViolations();
    }

    [AwsModelFact]
    public async Task An_unknown_action_or_target_is_refused_and_recorded()
    {
        var action = await _client.Ec2("LaunchRockets", []);
        var target = await _client.Ecs("LaunchRockets", []);

        Assert.Equal("InvalidAction", action.ErrorCode);
        Assert.Equal("UnknownOperationException", target.ErrorCode);
        Assert.Equal(2, _server.Violations.Count);
    }

    [AwsModelFact]
    public async Task CloudWatch_over_the_query_protocol_is_refused_with_the_reason()
    {
        var reply = await _client.Ec2("DescribeAlarms", [], version: "2010-08-01");

        Assert.Equal(400, reply.Status);
        var violation = Assert.Single(_server.Violations);
        Assert.Equal(AwsService.CloudWatch, violation.Service);
        Assert.Contains("X-Amz-Target GraniteServiceVersion20100801.DescribeAlarms", violation.Problem, StringComparison.Ordinal);
    }

    [AwsModelFact]
    public async Task A_known_operation_the_fake_does_not_model_is_flagged()
    {
        var reply = await _client.Ec2("DescribeVolumes", []);

        Assert.Equal(400, reply.Status);
        Assert.Equal("NotImplementedByFake", reply.ErrorCode);
        Assert.Contains(_server.Violations, v => v.Side == ViolationSide.Response && v.Problem.Contains("does not model", StringComparison.Ordinal));
    }

    [AwsModelFact]
    public async Task Paginated_answers_honour_the_page_size_limit()
    {
        _server.KnownSubnetIds.UnionWith(["subnet-0000000a", "subnet-0000000b", "subnet-0000000c"]);
        _server.PageSizeLimit = 2;

        var first = await _client.Ec2("DescribeSubnets", []);
        var token = RawAwsClient.Values(first, "nextToken").Single();
        var second = await _client.Ec2("DescribeSubnets", ("NextToken", token));

        Assert.Equal(2, RawAwsClient.Values(first, "subnetId").Count);
        Assert.Equal(2, RawAwsClient.Values(second, "subnetId").Count);
        Assert.Empty(RawAwsClient.Values(second, "nextToken"));
        _server.AssertNoViolations();
    }
}

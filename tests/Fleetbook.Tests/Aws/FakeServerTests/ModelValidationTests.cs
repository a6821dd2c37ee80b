using System.Text.Json.Nodes;
using Fleetbook.Backends.Aws;
using Fleetbook.Tests.Aws.Fake;
using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Aws.FakeServerTests;

/// <summary>Every request is held to the official model: each kind of violation is recorded and answered with a 400.</summary>
public sealed class ModelValidationTests : IAsyncLifetime
{
    private FakeAwsServer _server = null!;
    private RawAwsClient _client = null!;

    public Task InitializeAsync()
    {
        if (AwsModels.Available)
        {
            _server = FakeAwsServer.Start();
            _server.TaskLauncher = new CommandTaskLauncher("/bin/sh", "-c", "sleep 30");
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

    private ModelViolation SingleViolation()
    {
        var violation = Assert.Single(_server.Violations);
        Assert.Equal(ViolationSide.Request, violation.Side);
        return violation;
    }

    [AwsModelFact]
    public async Task An_unknown_member_is_a_violation_and_a_ValidationException()
    {
        var reply = await _client.Ecs("CreateCluster", new JsonObject { ["clusterNme"] = "typo" });

        Assert.Equal(400, reply.Status);
        Assert.Equal("ValidationException", reply.ErrorCode);
        var violation = SingleViolation();
        Assert.Equal("CreateCluster", violation.Operation);
        Assert.Equal("clusterNme", violation.Path);
        Assert.Contains("unknown member", violation.Problem, StringComparison.Ordinal);
        Assert.True(Assert.Single(_server.Calls).Failed);
    }

    [AwsModelFact]
    public async Task An_unknown_EC2_query_member_names_the_right_wire_name()
    {
        // NetworkInterfaces is sent as NetworkInterfaceSet (its locationName, capitalized): the model's member name is wrong on the wire.
        var reply = await _client.Ec2("RequestSpotFleet",
            ("SpotFleetRequestConfig.IamFleetRole", "arn:aws:iam::123456789012:role/r"),
            ("SpotFleetRequestConfig.TargetCapacity", "1"),
            ("SpotFleetRequestConfig.LaunchSpecifications.1.ImageId", "ami-fad25980"),
            ("SpotFleetRequestConfig.LaunchSpecifications.1.NetworkInterfaces.1.SubnetId", "subnet-0123abcd"));

        Assert.Equal(400, reply.Status);
        Assert.Equal("InvalidParameterValue", reply.ErrorCode);
        var violation = SingleViolation();
        Assert.Contains("'NetworkInterfaceSet'", violation.Problem, StringComparison.Ordinal);
        Assert.Contains("(parameter SpotFleetRequestConfig.LaunchSpecifications.1.NetworkInterfaces)", violation.Problem, StringComparison.Ordinal);
    }

    [AwsModelFact]
    public async Task A_missing_required_member_is_a_violation()
    {
        var reply = await _client.Ecs("RegisterTaskDefinition", new JsonObject { ["family"] = "NoContainers" });

        Assert.Equal(400, reply.Status);
        var violation = SingleViolation();
        Assert.Equal("containerDefinitions", violation.Path);
        Assert.Contains("required", violation.Problem, StringComparison.Ordinal);
    }

    [AwsModelFact]
    public async Task A_missing_required_EC2_member_is_a_violation()
    {
        var reply = await _client.Ec2("CancelSpotFleetRequests", ("SpotFleetRequestId.1", "sfr-00000000-0000-0000-0000-000000000000"));

        Assert.Equal(400, reply.Status);
        Assert.Equal("TerminateInstances", SingleViolation().Path);
    }

    [AwsModelFact]
    public async Task A_wrong_type_is_a_violation()
    {
        var reply = await _client.Ecs("ListClusters", new JsonObject { ["maxResults"] = "10" });

        Assert.Equal(400, reply.Status);
        var violation = SingleViolation();
        Assert.Equal("maxResults", violation.Path);
        Assert.Contains("integer", violation.Problem, StringComparison.Ordinal);
    }

    [AwsModelFact]
    public async Task A_wrong_EC2_scalar_is_a_violation_booleans_are_lowercase()
    {
        var reply = await _client.Ec2("CancelSpotFleetRequests",
            ("SpotFleetRequestId.1", "sfr-00000000-0000-0000-0000-000000000000"),
            ("TerminateInstances", "True"));

        Assert.Equal(400, reply.Status);
        var violation = SingleViolation();
        Assert.Equal("TerminateInstances", violation.Path);
        Assert.Contains("boolean", violation.Problem, StringComparison.Ordinal);
    }

    [AwsModelFact]
    public async Task A_JSON_timestamp_must_be_epoch_seconds()
    {
        var reply = await _client.CloudWatch("GetMetricData", new JsonObject
        {
            ["MetricDataQueries"] = new JsonArray(),
            ["StartTime"] = "2024-01-01T00:00:00Z",
            ["EndTime"] = 1704070800,
        });

        Assert.Equal(400, reply.Status);
        var violation = SingleViolation();
        Assert.Equal("StartTime", violation.Path);
        Assert.Contains("epoch seconds", violation.Problem, StringComparison.Ordinal);
    }

    [AwsModelFact]
    public async Task An_illegal_enum_value_is_a_violation()
    {
        var reply = await _client.Ecs("ListServices", new JsonObject { ["launchType"] = "SPOT" });

        Assert.Equal(400, reply.Status);
        var violation = SingleViolation();
        Assert.Equal("launchType", violation.Path);
        Assert.Contains("'SPOT' is not a value of the enum LaunchType", violation.Problem, StringComparison.Ordinal);
    }

    [AwsModelFact]
    public async Task An_illegal_EC2_enum_value_is_a_violation()
    {
        var reply = await _client.Ec2("DescribeSpotFleetRequestHistory",
            ("SpotFleetRequestId", "sfr-00000000-0000-0000-0000-000000000000"),
            ("StartTime", "2024-01-01T00:00:00Z"),
            ("EventType", "errors"));

        Assert.Equal(400, reply.Status);
        Assert.Equal("EventType", SingleViolation().Path);
    }

    [AwsModelFact]
    public async Task Ranges_lengths_and_patterns_are_checked()
    {
        var range = await _client.CloudWatch("DescribeAlarms", new JsonObject { ["MaxRecords"] = 500 });
        var pattern = await _client.Logs("CreateLogGroup", new JsonObject { ["logGroupName"] = "bad name!" });
        var length = await _client.Logs("CreateLogGroup", new JsonObject { ["logGroupName"] = "" });

        Assert.Equal([400, 400, 400], new[] { range.Status, pattern.Status, length.Status });
        var problems = _server.Violations.Select(v => v.Problem).ToList();
        Assert.Contains(problems, p => p.Contains("above the maximum 100", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("does not match the pattern", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("below the minimum 1", StringComparison.Ordinal));
    }

    [AwsModelFact]
    public async Task AssertNoViolations_fails_listing_every_violation()
    {
        await _client.Ecs("ListServices", new JsonObject { ["launchType"] = "SPOT" });
        await _client.Ecs("ListClusters", new JsonObject { ["maxResults"] = "10" });

        var failure = Assert.ThrowsAny<Exception>(() => _server.AssertNoViolations());

        Assert.Contains("2 AWS model violation(s)", failure.Message, StringComparison.Ordinal);
        Assert.Contains("launchType", failure.Message, StringComparison.Ordinal);
        Assert.Contains("maxResults", failure.Message, StringComparison.Ordinal);
    }

    [AwsModelFact]
    public async Task A_valid_request_has_no_violation_and_is_recorded_with_its_input()
    {
        var reply = await _client.Ecs("CreateCluster", new JsonObject { ["clusterName"] = "Good" });

        Assert.Equal(200, reply.Status);
        _server.AssertNoViolations();
        var call = Assert.Single(_server.Calls);
        Assert.Equal(AwsService.Ecs, call.Service);
        Assert.Equal("Good", call.Input["clusterName"]!.GetValue<string>());
    }
}

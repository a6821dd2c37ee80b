using System.Text.Json.Nodes;
using Fleetbook.Backends.Aws;
using Fleetbook.Backends.Aws.Services;
using Fleetbook.Backends.Aws.Services.CloudWatch;
using Fleetbook.Backends.Aws.Services.Ec2;
using Fleetbook.Backends.Aws.Services.Ecs;
using Fleetbook.Backends.Aws.Services.Logs;

namespace Fleetbook.Tests.Aws.Services;

/// <summary>How records map to the connection's DOM and back.</summary>
public class JsonMappingTests
{
    [Fact]
    public async Task Unset_optional_members_are_not_sent()
    {
        var invoker = new RecordingAwsInvoker();

        await new EcsClient(invoker).CreateServiceAsync(new CreateServiceRequest("svc"));

        Assert.Equal("""{"serviceName":"svc"}""", invoker.SingleCall.Input.ToJsonString());
    }

    [Fact]
    public async Task An_empty_list_is_sent_as_an_empty_list()
    {
        var invoker = new RecordingAwsInvoker();

        await new CloudWatchClient(invoker).PutMetricAlarmAsync(MetricAlarms.QueueIsEmpty("app", "appQueue", "ApproximateNumberOfMessagesVisible", "arn:topic"));

        Assert.Equal("[]", invoker.SingleCall.Input["OKActions"]!.ToJsonString());
        Assert.Equal("[]", invoker.SingleCall.Input["InsufficientDataActions"]!.ToJsonString());
    }

    [Fact]
    public async Task ECS_and_Logs_members_are_camelCase_and_EC2_and_CloudWatch_members_PascalCase()
    {
        var invoker = new RecordingAwsInvoker();
        var clients = AwsClients.Over(invoker);

        await clients.Ecs.DeleteClusterAsync(new DeleteClusterRequest("c"));
        await clients.Logs.DeleteLogGroupAsync(new DeleteLogGroupRequest("g"));
        await clients.Ec2.DescribeFleetInstancesAsync(new DescribeFleetInstancesRequest("fleet-1"));
        await clients.CloudWatch.DeleteDashboardsAsync(new DeleteDashboardsRequest(["d"]));

        Assert.Equal(["cluster", "logGroupName", "FleetId", "DashboardNames"], invoker.Calls.Select(c => c.Input.Single().Key));
    }

    [Fact]
    public async Task Map_keys_are_sent_as_they_are()
    {
        var invoker = new RecordingAwsInvoker();

        await new LogsClient(invoker).CreateLogGroupAsync(new CreateLogGroupRequest("g", new Dictionary<string, string> { ["Fleetbook:Run"] = "x" }));

        Assert.Equal("""{"logGroupName":"g","tags":{"Fleetbook:Run":"x"}}""", invoker.SingleCall.Input.ToJsonString());
    }

    [Fact]
    public async Task Timestamps_are_sent_as_ISO_8601_in_UTC()
    {
        var invoker = new RecordingAwsInvoker();
        var localTime = new DateTimeOffset(2024, 5, 6, 9, 8, 9, TimeSpan.FromHours(2));

        await new Ec2Client(invoker).DescribeSpotFleetRequestHistoryAsync(new DescribeSpotFleetRequestHistoryRequest("sfr-1", localTime));

        Assert.Equal("2024-05-06T07:08:09.0000000+00:00", invoker.SingleCall.Input["StartTime"]!.GetValue<string>());
    }

    [Fact]
    public async Task Timestamps_are_read_from_ISO_8601_text_or_epoch_seconds()
    {
        var invoker = new RecordingAwsInvoker().Answer("DescribeSpotFleetRequestHistory", new JsonObject
        {
            ["StartTime"] = "2024-05-06T07:08:09Z",
            ["LastEvaluatedTime"] = 1714979289.5,
        });

        var history = await new Ec2Client(invoker).DescribeSpotFleetRequestHistoryAsync(new DescribeSpotFleetRequestHistoryRequest("sfr-1", DateTimeOffset.UnixEpoch));

        Assert.Equal(new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero), history.StartTime);
        Assert.Equal(new DateTimeOffset(2024, 5, 6, 7, 8, 9, 500, TimeSpan.Zero), history.LastEvaluatedTime);
    }

    [Fact]
    public async Task CloudWatch_Logs_times_are_milliseconds_since_the_epoch_both_ways()
    {
        var invoker = new RecordingAwsInvoker().Answer("GetLogEvents", new JsonObject
        {
            ["events"] = new JsonArray(new JsonObject { ["timestamp"] = 1714979289000L, ["message"] = "hello", ["ingestionTime"] = 1714979290000L }),
        });
        var logs = new LogsClient(invoker);

        var read = await logs.GetLogEventsAsync(new GetLogEventsRequest("s", "g", StartTime: DistributedSomethingCalls.StartedAt));

        Assert.Equal(1714979289000L, invoker.SingleCall.Input["startTime"]!.GetValue<long>());
        var only = Assert.Single(read.Events);
        Assert.Equal(DistributedSomethingCalls.StartedAt, only.Timestamp);
        Assert.Equal(DistributedSomethingCalls.StartedAt.AddSeconds(1), only.IngestionTime);
    }

    [Theory]
    [InlineData(LaunchType.Fargate, "FARGATE")]
    [InlineData(LaunchType.ManagedInstances, "MANAGED_INSTANCES")]
    public async Task Enums_are_sent_as_the_models_exact_strings(LaunchType launchType, string expected)
    {
        var invoker = new RecordingAwsInvoker();

        await new EcsClient(invoker).ListServicesAsync(new ListServicesRequest(LaunchType: launchType));

        Assert.Equal(expected, invoker.SingleCall.Input["launchType"]!.GetValue<string>());
    }

    [Fact]
    public async Task Spot_Fleet_and_EC2_Fleet_spell_no_termination_their_own_way()
    {
        var invoker = new RecordingAwsInvoker();
        var ec2 = new Ec2Client(invoker);

        await ec2.ModifySpotFleetRequestAsync(new ModifySpotFleetRequestRequest("sfr-1", 0, ExcessCapacityTerminationPolicy: ExcessCapacityTerminationPolicy.NoTermination));
        await ec2.ModifyFleetAsync(new ModifyFleetRequest("fleet-1", new TargetCapacitySpecification(0), FleetExcessCapacityTerminationPolicy.NoTermination));

        Assert.Equal("noTermination", invoker.Calls[0].Input["ExcessCapacityTerminationPolicy"]!.GetValue<string>());
        Assert.Equal("no-termination", invoker.Calls[1].Input["ExcessCapacityTerminationPolicy"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_answer_that_does_not_fit_the_response_names_the_service_and_operation()
    {
        var invoker = new RecordingAwsInvoker().Answer("DescribeClusters", new JsonObject { ["clusters"] = "not a list" });

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => new EcsClient(invoker).DescribeClustersAsync(new DescribeClustersRequest()));

        Assert.Equal("UnreadableResponse", error.Code);
        Assert.StartsWith("ECS DescribeClusters failed with UnreadableResponse", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_null_request_is_refused_before_anything_is_sent()
    {
        var invoker = new RecordingAwsInvoker();

        await Assert.ThrowsAsync<ArgumentNullException>(() => new LogsClient(invoker).CreateLogGroupAsync(null!));

        Assert.Empty(invoker.Calls);
    }

    [Fact]
    public void A_client_needs_a_connection()
    {
        Assert.Throws<ArgumentNullException>(() => new CloudWatchClient(null!));
    }

    [Fact]
    public async Task The_cancellation_token_reaches_the_connection()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();
        var invoker = new RecordingAwsInvoker();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new EcsClient(invoker).ListClustersAsync(new ListClustersRequest(), cancellation.Token));
    }

    [Fact]
    public void The_run_tag_is_fleetbook_run_and_the_app_name()
    {
        Assert.Equal(new AwsTag("fleetbook:run", "cellpainting"), AwsTag.Run("cellpainting"));
    }
}

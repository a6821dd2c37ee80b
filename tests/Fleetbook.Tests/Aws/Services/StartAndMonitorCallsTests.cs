using System.Text.Json.Nodes;
using Fleetbook.Backends.Aws.Services.CloudWatch;
using Fleetbook.Backends.Aws.Services.Ec2;
using Fleetbook.Backends.Aws.Services.Ecs;
using Fleetbook.Backends.Aws.Services.Logs;

namespace Fleetbook.Tests.Aws.Services;

/// <summary>What start and monitor send and read, as Distributed-Something does it (anchors §2.3, §2.4, §3.2).</summary>
public class StartAndMonitorCallsTests
{
    private const string FleetId = DistributedSomethingCalls.FleetId;

    [Fact]
    public async Task Start_watches_the_fleets_errors_since_a_minute_before_it_began()
    {
        var invoker = new RecordingAwsInvoker();
        var ec2 = new Ec2Client(invoker);
        var began = new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero);

        await ec2.DescribeSpotFleetRequestHistoryAsync(new DescribeSpotFleetRequestHistoryRequest(FleetId, began.AddMinutes(-1), SpotFleetEventType.Error));

        var input = invoker.SingleCall.Input;
        Assert.Equal("error", input["EventType"]!.GetValue<string>());
        Assert.Equal("2024-05-06T07:07:09.0000000+00:00", input["StartTime"]!.GetValue<string>());
        Assert.Equal(FleetId, input["SpotFleetRequestId"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_error_record_without_a_description_reads_as_a_null_description()
    {
        var invoker = new RecordingAwsInvoker().Answer("DescribeSpotFleetRequestHistory", JsonNode.Parse("""
            {"HistoryRecords":[{"EventType":"error","Timestamp":"2024-05-06T07:08:30Z","EventInformation":{"EventSubType":"allLaunchSpecsTemporarilyBlacklisted"}}],
             "SpotFleetRequestId":"sfr-1","StartTime":"2024-05-06T07:07:09Z"}
            """)!.AsObject());
        var ec2 = new Ec2Client(invoker);

        var history = await ec2.DescribeSpotFleetRequestHistoryAsync(new DescribeSpotFleetRequestHistoryRequest("sfr-1", DateTimeOffset.UnixEpoch, SpotFleetEventType.Error));

        var record = Assert.Single(history.HistoryRecords);
        Assert.Equal(SpotFleetEventType.Error, record.EventType);
        Assert.Equal("allLaunchSpecsTemporarilyBlacklisted", record.EventInformation!.EventSubType);
        Assert.Null(record.EventInformation.EventDescription);
    }

    [Fact]
    public async Task Monitor_lowers_the_fleet_without_terminating_running_machines()
    {
        var invoker = new RecordingAwsInvoker().Answer("ModifySpotFleetRequest", new JsonObject { ["Return"] = true });
        var ec2 = new Ec2Client(invoker);

        var modified = await ec2.ModifySpotFleetRequestAsync(new ModifySpotFleetRequestRequest(FleetId, TargetCapacity: 1, ExcessCapacityTerminationPolicy: ExcessCapacityTerminationPolicy.NoTermination));

        Assert.True(modified.Return);
        Assert.Equal($$"""{"SpotFleetRequestId":"{{FleetId}}","TargetCapacity":1,"ExcessCapacityTerminationPolicy":"noTermination"}""", invoker.SingleCall.Input.ToJsonString());
    }

    [Fact]
    public async Task The_idle_alarm_terminates_a_machine_whose_CPU_stays_below_1_percent_for_15_minutes()
    {
        var invoker = new RecordingAwsInvoker();
        var cloudWatch = new CloudWatchClient(invoker);

        await cloudWatch.PutMetricAlarmAsync(MetricAlarms.IdleInstance("DistributedCP", "i-0123456789abcdef0", "us-east-1", "123456789012"));

        var input = invoker.SingleCall.Input;
        Assert.Equal("DistributedCP_i-0123456789abcdef0", input["AlarmName"]!.GetValue<string>());
        Assert.Equal(("AWS/EC2", "CPUUtilization", "Maximum"), (input["Namespace"]!.GetValue<string>(), input["MetricName"]!.GetValue<string>(), input["Statistic"]!.GetValue<string>()));
        Assert.Equal((60, 15, 1.0), (input["Period"]!.GetValue<int>(), input["EvaluationPeriods"]!.GetValue<int>(), input["Threshold"]!.GetValue<double>()));
        Assert.Equal("LessThanThreshold", input["ComparisonOperator"]!.GetValue<string>());
        Assert.Equal("""[{"Name":"InstanceId","Value":"i-0123456789abcdef0"}]""", input["Dimensions"]!.ToJsonString());
        Assert.Equal("""["arn:aws:swf:us-east-1:123456789012:action/actions/AWS_EC2.InstanceId.Terminate/1.0"]""", input["AlarmActions"]!.ToJsonString());
    }

    [Fact]
    public async Task A_cluster_with_nothing_registered_running_pending_or_serving_is_unused()
    {
        var invoker = new RecordingAwsInvoker().Answer("DescribeClusters", JsonNode.Parse("""
            {"clusters":[{"clusterName":"a","registeredContainerInstancesCount":0,"runningTasksCount":0,"pendingTasksCount":0,"activeServicesCount":0},
                         {"clusterName":"b","registeredContainerInstancesCount":2,"runningTasksCount":0,"pendingTasksCount":0,"activeServicesCount":0}],
             "failures":[{"arn":"arn:aws:ecs:us-east-1:1:cluster/c","reason":"MISSING"}]}
            """)!.AsObject());
        var ecs = new EcsClient(invoker);

        var described = await ecs.DescribeClustersAsync(new DescribeClustersRequest(["a", "b", "c"]));

        Assert.Equal([true, false], described.Clusters.Select(c => c.IsUnused));
        Assert.Equal("MISSING", Assert.Single(described.Failures).Reason);
    }

    [Fact]
    public async Task An_export_is_underway_while_pending_or_running()
    {
        var invoker = new RecordingAwsInvoker().Answer("DescribeExportTasks",
            JsonNode.Parse("""{"exportTasks":[{"taskId":"t","status":{"code":"RUNNING"}}]}""")!.AsObject(),
            JsonNode.Parse("""{"exportTasks":[{"taskId":"t","status":{"code":"FAILED","message":"GetBucketAcl call on the given bucket failed"}}]}""")!.AsObject());
        var logs = new LogsClient(invoker);

        var running = await logs.DescribeExportTasksAsync(new DescribeExportTasksRequest("t"));
        var failed = await logs.DescribeExportTasksAsync(new DescribeExportTasksRequest("t"));

        Assert.True(running.ExportTasks[0].Status!.IsUnderway);
        Assert.False(failed.ExportTasks[0].Status!.IsUnderway);
        Assert.Equal(ExportTaskStatusCode.Failed, failed.ExportTasks[0].Status!.Code);
    }

    [Fact]
    public async Task Spot_fleet_capacity_reads_target_and_fulfilled_counts()
    {
        var invoker = new RecordingAwsInvoker().Answer("DescribeSpotFleetRequests", JsonNode.Parse("""
            {"SpotFleetRequestConfigs":[{"SpotFleetRequestId":"sfr-1","SpotFleetRequestState":"active","ActivityStatus":"fulfilled",
              "SpotFleetRequestConfig":{"IamFleetRole":"arn:role","TargetCapacity":3,"FulfilledCapacity":2.0,"Type":"maintain"}}]}
            """)!.AsObject());
        var ec2 = new Ec2Client(invoker);

        var requests = await ec2.DescribeSpotFleetRequestsAsync(new DescribeSpotFleetRequestsRequest(["sfr-1"]));

        var config = Assert.Single(requests.SpotFleetRequestConfigs).SpotFleetRequestConfig!;
        Assert.Equal((3, 2.0), (config.TargetCapacity, config.FulfilledCapacity));
    }
}

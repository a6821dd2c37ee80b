using System.Text.Json.Nodes;
using Fleetbook.Backends.Aws;
using Fleetbook.Backends.Aws.Services.CloudWatch;
using Fleetbook.Backends.Aws.Services.Ec2;
using Fleetbook.Backends.Aws.Services.Ecs;
using Fleetbook.Backends.Aws.Services.Paging;

namespace Fleetbook.Tests.Aws.Services;

public class PagingTests
{
    [Fact]
    public async Task Following_pages_yields_every_item_and_sends_each_token_back()
    {
        var invoker = new RecordingAwsInvoker().Answer("ListClusters",
            new JsonObject { ["clusterArns"] = new JsonArray("arn:a", "arn:b"), ["nextToken"] = "page-2" },
            new JsonObject { ["clusterArns"] = new JsonArray("arn:c") });
        var ecs = new EcsClient(invoker);

        var arns = await ecs.ListClustersAllAsync(new ListClustersRequest(MaxResults: 2)).ReadAllAsync();

        Assert.Equal(["arn:a", "arn:b", "arn:c"], arns);
        Assert.Equal(2, invoker.Calls.Count);
        Assert.Equal("""{"maxResults":2}""", invoker.Calls[0].Input.ToJsonString());
        Assert.Equal("""{"maxResults":2,"nextToken":"page-2"}""", invoker.Calls[1].Input.ToJsonString());
    }

    [Fact]
    public async Task Await_foreach_reads_EC2_pages_with_EC2s_token_names()
    {
        var invoker = new RecordingAwsInvoker().Answer("DescribeSpotFleetInstances",
            new JsonObject { ["ActiveInstances"] = new JsonArray(new JsonObject { ["InstanceId"] = "i-1" }), ["NextToken"] = "t" },
            new JsonObject { ["ActiveInstances"] = new JsonArray(new JsonObject { ["InstanceId"] = "i-2" }), ["NextToken"] = "" });
        var ec2 = new Ec2Client(invoker);

        var ids = new List<string?>();
        await foreach (var instance in ec2.DescribeSpotFleetInstancesAllAsync(new DescribeSpotFleetInstancesRequest("sfr-1")))
        {
            ids.Add(instance.InstanceId);
        }

        Assert.Equal(["i-1", "i-2"], ids);
        Assert.Equal("t", invoker.Calls[1].Input["NextToken"]!.GetValue<string>());
        Assert.Equal("sfr-1", invoker.Calls[1].Input["SpotFleetRequestId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Spot_fleet_history_pages_though_botocore_has_no_paginator_for_it()
    {
        var invoker = new RecordingAwsInvoker().Answer("DescribeSpotFleetRequestHistory",
            new JsonObject { ["HistoryRecords"] = new JsonArray(new JsonObject { ["EventType"] = "error" }), ["NextToken"] = "t" },
            new JsonObject { ["HistoryRecords"] = new JsonArray(new JsonObject { ["EventType"] = "instanceChange" }) });
        var ec2 = new Ec2Client(invoker);

        var records = await ec2.DescribeSpotFleetRequestHistoryAllAsync(new DescribeSpotFleetRequestHistoryRequest("sfr-1", DistributedSomethingCalls.StartedAt)).ReadAllAsync();

        Assert.Equal([SpotFleetEventType.Error, SpotFleetEventType.InstanceChange], records.Select(r => r.EventType));
    }

    [Fact]
    public async Task Alarm_pages_yield_the_metric_alarms()
    {
        var invoker = new RecordingAwsInvoker().Answer("DescribeAlarms",
            new JsonObject { ["MetricAlarms"] = new JsonArray(new JsonObject { ["AlarmName"] = "app_i-1" }), ["CompositeAlarms"] = new JsonArray(new JsonObject { ["AlarmName"] = "composite" }) });
        var cloudWatch = new CloudWatchClient(invoker);

        var alarms = await cloudWatch.DescribeAlarmsAllAsync(new DescribeAlarmsRequest(AlarmNamePrefix: "app")).ReadAllAsync();

        Assert.Equal(["app_i-1"], alarms.Select(a => a.AlarmName));
    }

    [Fact]
    public async Task Nothing_is_fetched_until_the_pages_are_read()
    {
        var invoker = new RecordingAwsInvoker();
        var ecs = new EcsClient(invoker);

        var pages = ecs.ListServicesAllAsync(new ListServicesRequest("c"));
        Assert.Empty(invoker.Calls);
        var services = await pages.ReadAllAsync();

        Assert.Empty(services);
        Assert.Single(invoker.Calls);
    }

    [Fact]
    public async Task The_same_token_twice_stops_paging_with_a_clear_error()
    {
        var invoker = new RecordingAwsInvoker().Answer("ListTasks", new JsonObject { ["taskArns"] = new JsonArray("t"), ["nextToken"] = "same" });
        var ecs = new EcsClient(invoker);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => ecs.ListTasksAllAsync(new ListTasksRequest("c")).ReadAllAsync());

        Assert.Equal("RepeatedPageToken", error.Code);
        Assert.Equal("ListTasks", error.Operation);
        Assert.Equal(2, invoker.Calls.Count);
    }

    [Fact]
    public async Task Cancelling_stops_before_the_next_page()
    {
        using var cancellation = new CancellationTokenSource();
        var invoker = new RecordingAwsInvoker().Answer("ListClusters", new JsonObject { ["clusterArns"] = new JsonArray("a"), ["nextToken"] = "more" });
        var ecs = new EcsClient(invoker);
        var seen = new List<string>();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var arn in ecs.ListClustersAllAsync(new ListClustersRequest(), cancellation.Token))
            {
                seen.Add(arn);
                await cancellation.CancelAsync();
            }
        });

        Assert.Equal(["a"], seen);
        Assert.Single(invoker.Calls);
    }

    [Fact]
    public void Paginators_come_from_the_embedded_definitions()
    {
        var listClusters = AwsPaginators.For(AwsService.Ecs, "ListClusters");
        var filterLogEvents = AwsPaginators.For(AwsService.Logs, "FilterLogEvents");

        Assert.Equal(new AwsPaginator("ListClusters", "nextToken", "nextToken", "maxResults", listClusters.ResultKeys), listClusters);
        Assert.Equal(["clusterArns"], listClusters.ResultKeys);
        Assert.Equal(["events", "searchedLogStreams"], filterLogEvents.ResultKeys);
        Assert.Equal("limit", filterLogEvents.LimitKey);
    }

    [Fact]
    public void An_operation_without_a_paginator_is_named_in_the_error()
    {
        var error = Assert.Throws<ArgumentException>(() => AwsPaginators.For(AwsService.Ecs, "CreateCluster"));

        Assert.Contains("ECS CreateCluster has no paginator", error.Message, StringComparison.Ordinal);
    }
}

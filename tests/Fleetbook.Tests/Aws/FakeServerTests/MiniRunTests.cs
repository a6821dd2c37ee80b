using System.Text.Json.Nodes;
using Fleetbook.Tests.Aws.Fake;
using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Aws.FakeServerTests;

/// <summary>A whole Distributed-Something run, by hand-made requests, against the fake: setup, start, tasks running, cleanup, nothing left.</summary>
public sealed class MiniRunTests
{
    private const string App = DsExample.AppName;
    private const string Cluster = DsExample.Cluster;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [AwsModelFact]
    public async Task A_DS_run_plays_through_and_leaves_nothing_behind()
    {
        await using var server = FakeAwsServer.Start();
        var launcher = new CommandTaskLauncher("/bin/sh", "-c", "echo started $APP_NAME on $FLEETBOOK_WORKER_ID; exec sleep 30");
        server.TaskLauncher = launcher;
        server.TaskEnvironmentOverrides["AWS_ENDPOINT_URL_SQS"] = "http://127.0.0.1:9/fauxqs";
        server.ReadS3Object = (bucket, key) => bucket == DsExample.Bucket && key == $"ecsconfigs/{App}_ecs.config" ? DsExample.EcsConfig : null;
        using var aws = new RawAwsClient(server);

        // setup (§2.1): cluster, task definition, service with desiredCount 0
        Assert.Equal(200, (await aws.Ecs("ListClusters", [])).Status);
        Assert.Equal(200, (await aws.Ecs("CreateCluster", new JsonObject { ["clusterName"] = Cluster })).Status);
        var registered = await aws.Ecs("RegisterTaskDefinition", DsExample.TaskDefinition());
        Assert.Equal($"arn:aws:ecs:us-east-1:123456789012:task-definition/{App}Task:1", registered.Json["taskDefinition"]!["taskDefinitionArn"]!.GetValue<string>());
        Assert.Equal(200, (await aws.Ecs("ListServices", new JsonObject { ["cluster"] = Cluster })).Status);
        var created = await aws.Ecs("CreateService", new JsonObject
        {
            ["cluster"] = Cluster,
            ["serviceName"] = App + "Service",
            ["taskDefinition"] = App + "Task",
            ["desiredCount"] = 0,
        });
        Assert.Equal("ACTIVE", created.Json["service"]!["status"]!.GetValue<string>());
        Assert.Equal(200, (await aws.Ecs("TagResource", new JsonObject
        {
            ["resourceArn"] = $"arn:aws:ecs:us-east-1:123456789012:cluster/{Cluster}",
            ["tags"] = new JsonArray { new JsonObject { ["key"] = "fleetbook:run", ["value"] = "run-1" } },
        })).Status);

        // startCluster (§2.3): fleet, log groups, desiredCount = machines × tasks per machine
        var startTime = DateTimeOffset.UtcNow;
        var fleetReply = await aws.Ec2("RequestSpotFleet", Ec2Form.From("RequestSpotFleet", new JsonObject { ["SpotFleetRequestConfig"] = DsExample.SpotFleetRequestConfig(machines: 2) }));
        Assert.True(fleetReply.Status == 200, fleetReply.ToString());
        var fleetId = RawAwsClient.Values(fleetReply, "spotFleetRequestId").Single();
        Assert.StartsWith("sfr-", fleetId, StringComparison.Ordinal);
        Assert.Equal(200, (await aws.Logs("DescribeLogGroups", new JsonObject { ["logGroupNamePrefix"] = App })).Status);
        foreach (var group in new[] { App, App + "_perInstance" })
        {
            Assert.Equal(200, (await aws.Logs("CreateLogGroup", new JsonObject { ["logGroupName"] = group })).Status);
            Assert.Equal(200, (await aws.Logs("PutRetentionPolicy", new JsonObject { ["logGroupName"] = group, ["retentionInDays"] = 60 })).Status);
        }

        Assert.Equal(200, (await aws.Ecs("UpdateService", new JsonObject { ["cluster"] = Cluster, ["service"] = App + "Service", ["desiredCount"] = 2 })).Status);

        List<string> instanceIds = [];
        await server.WaitUntilAsync(async () =>
        {
            var reply = await aws.Ec2("DescribeSpotFleetInstances", ("SpotFleetRequestId", fleetId));
            instanceIds = [.. RawAwsClient.Values(reply, "instanceId")];
            return instanceIds.Count == 2;
        }, Patience, "2 active fleet instances");
        var errors = await aws.Ec2("DescribeSpotFleetRequestHistory",
            ("SpotFleetRequestId", fleetId), ("EventType", "error"), ("StartTime", startTime.AddMinutes(-1).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Empty(RawAwsClient.Values(errors, "eventSubType"));

        await server.WaitUntilAsync(async () => (await Service(aws))["runningCount"]!.GetValue<int>() == 2, Patience, "2 running tasks");
        var cluster = (await aws.Ecs("DescribeClusters", new JsonObject { ["clusters"] = new JsonArray(Cluster) })).Json["clusters"]![0]!;
        Assert.Equal(2, cluster["registeredContainerInstancesCount"]!.GetValue<int>());
        Assert.Equal(2, cluster["runningTasksCount"]!.GetValue<int>());
        Assert.Equal(1, cluster["activeServicesCount"]!.GetValue<int>());
        var taskArns = (await aws.Ecs("ListTasks", new JsonObject { ["cluster"] = Cluster, ["serviceName"] = App + "Service" })).Json["taskArns"]!.AsArray();
        var tasks = (await aws.Ecs("DescribeTasks", new JsonObject { ["cluster"] = Cluster, ["tasks"] = taskArns.DeepClone() })).Json["tasks"]!.AsArray();
        Assert.Equal(2, tasks.Count);
        Assert.All(tasks, t => Assert.Equal("RUNNING", t!["lastStatus"]!.GetValue<string>()));
        // MEMORY 15000 of an m5.xlarge's 16128 registered MiB: one task per machine.
        Assert.Equal(2, tasks.Select(t => t!["containerInstanceArn"]!.GetValue<string>()).Distinct().Count());

        var launch = launcher.Launches[0];
        Assert.Equal(server.Url, launch.Environment["AWS_ENDPOINT_URL"]);
        Assert.Equal("http://127.0.0.1:9/fauxqs", launch.Environment["AWS_ENDPOINT_URL_SQS"]);
        Assert.Equal(App, launch.Environment["APP_NAME"]);
        Assert.Equal(launch.TaskId, launch.Environment["FLEETBOOK_WORKER_ID"]);
        await server.WaitUntilAsync(() => server.LogEvents(App + "_perInstance", $"{App}/{App}/").Count == 2, Patience, "the tasks' output in their awslogs streams");
        Assert.Contains(server.LogEvents(App + "_perInstance"), e => e.Message == $"started {App} on {launch.TaskId}" && e.Stream == $"{App}/{App}/{launch.TaskId}");

        // the per-instance idle alarm of run-worker.sh (§3.2)
        foreach (var instanceId in instanceIds)
        {
            Assert.Equal(200, (await aws.CloudWatch("PutMetricAlarm", IdleAlarm(instanceId))).Status);
        }

        Assert.Equal(2, (await aws.CloudWatch("DescribeAlarms", new JsonObject { ["AlarmNamePrefix"] = App })).Json["MetricAlarms"]!.AsArray().Count);

        // monitor's cleanup (§2.4), in the brief's order
        Assert.Equal(200, (await aws.CloudWatch("DeleteAlarms", new JsonObject { ["AlarmNames"] = instanceIds.Select(i => $"{App}_{i}").ToJsonArray() })).Status);
        var cancelled = await aws.Ec2("CancelSpotFleetRequests", ("SpotFleetRequestId.1", fleetId), ("TerminateInstances", "true"));
        Assert.Equal("cancelled_terminating", RawAwsClient.Values(cancelled, "currentSpotFleetRequestState").Single());
        Assert.Equal(200, (await aws.Ecs("UpdateService", new JsonObject { ["cluster"] = Cluster, ["service"] = App + "Service", ["desiredCount"] = 0 })).Status);
        Assert.Equal(200, (await aws.Ecs("DeleteService", new JsonObject { ["cluster"] = Cluster, ["service"] = App + "Service" })).Status);
        var definitions = (await aws.Ecs("ListTaskDefinitions", new JsonObject { ["familyPrefix"] = App + "Task", ["status"] = "ACTIVE" })).Json["taskDefinitionArns"]!.AsArray();
        foreach (var arn in definitions)
        {
            Assert.Equal(200, (await aws.Ecs("DeregisterTaskDefinition", new JsonObject { ["taskDefinition"] = arn!.GetValue<string>() })).Status);
        }

        // removeClusterIfUnused, patiently: instances deregister and the DRAINING service goes INACTIVE once its tasks stop.
        await server.WaitUntilAsync(async () =>
        {
            var counts = (await aws.Ecs("DescribeClusters", new JsonObject { ["clusters"] = new JsonArray(Cluster) })).Json["clusters"]![0]!;
            return new[] { "pendingTasksCount", "runningTasksCount", "activeServicesCount", "registeredContainerInstancesCount" }.All(c => counts[c]!.GetValue<int>() == 0)
                && (await Service(aws))["status"]!.GetValue<string>() == "INACTIVE";
        }, Patience, "an unused cluster");
        Assert.Equal("INACTIVE", (await aws.Ecs("DeleteCluster", new JsonObject { ["cluster"] = Cluster })).Json["cluster"]!["status"]!.GetValue<string>());

        foreach (var group in new[] { App, App + "_perInstance" })
        {
            var export = await aws.Logs("CreateExportTask", new JsonObject
            {
                ["taskName"] = group,
                ["logGroupName"] = group,
                ["from"] = startTime.ToUnixTimeMilliseconds(),
                ["to"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
                ["destination"] = DsExample.Bucket,
                ["destinationPrefix"] = "exportedlogs/" + group,
            });
            var status = await aws.Logs("DescribeExportTasks", new JsonObject { ["taskId"] = export.Json["taskId"]!.DeepClone() });
            Assert.Equal("COMPLETED", status.Json["exportTasks"]![0]!["status"]!["code"]!.GetValue<string>());
        }

        Assert.Empty(server.ResourcesLeft());
        Assert.Equal(2, server.LogGroupNames().Count);
        Assert.All(server.EcsTasks(), t => Assert.Equal("STOPPED", t.LastStatus));
        Assert.All(server.Ec2Instances(), i => Assert.Equal("terminated", i.State));
        server.AssertNoViolations();
        AssertInOrder(server.Calls.Select(c => c.Operation).ToList(),
            "CreateCluster", "RegisterTaskDefinition", "CreateService", "RequestSpotFleet", "UpdateService",
            "CancelSpotFleetRequests", "UpdateService", "DeleteService", "DeregisterTaskDefinition", "DeleteCluster");
    }

    private static async Task<JsonNode> Service(RawAwsClient aws) =>
        (await aws.Ecs("DescribeServices", new JsonObject { ["cluster"] = Cluster, ["services"] = new JsonArray(App + "Service") })).Json["services"]![0]!;

    private static JsonObject IdleAlarm(string instanceId) => new()
    {
        ["AlarmName"] = $"{App}_{instanceId}",
        ["AlarmActions"] = new JsonArray("arn:aws:swf:us-east-1:123456789012:action/actions/AWS_EC2.InstanceId.Terminate/1.0"),
        ["Statistic"] = "Maximum",
        ["Period"] = 60,
        ["Threshold"] = 1,
        ["ComparisonOperator"] = "LessThanThreshold",
        ["MetricName"] = "CPUUtilization",
        ["Namespace"] = "AWS/EC2",
        ["EvaluationPeriods"] = 15,
        ["Dimensions"] = new JsonArray { new JsonObject { ["Name"] = "InstanceId", ["Value"] = instanceId } },
    };

    private static void AssertInOrder(IReadOnlyList<string> operations, params string[] expected)
    {
        var at = 0;
        foreach (var operation in operations)
        {
            if (at < expected.Length && operation == expected[at])
            {
                at++;
            }
        }

        Assert.True(at == expected.Length, $"expected {string.Join(" → ", expected)} in order; got {string.Join(", ", operations)}");
    }
}

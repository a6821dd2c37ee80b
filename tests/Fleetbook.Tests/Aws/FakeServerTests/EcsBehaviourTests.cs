using System.Text.Json.Nodes;
using Fleetbook.Tests.Aws.Fake;
using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Aws.FakeServerTests;

/// <summary>The ECS scheduler of the fake: placement, replacement of exited tasks, scale-in with SIGTERM, Fargate Spot, awslogs.</summary>
public sealed class EcsBehaviourTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private const string Cluster = "Behaviour";

    private FakeAwsServer _server = null!;
    private RawAwsClient _aws = null!;

    public Task InitializeAsync()
    {
        if (AwsModels.Available)
        {
            _server = FakeAwsServer.Start();
            _server.TaskLauncher = new CommandTaskLauncher("/bin/sh", "-c", "exec sleep 30");
            _aws = new RawAwsClient(_server);
        }

        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _aws?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private static JsonObject Definition(string family, int memory = 512, JsonObject? logConfiguration = null, JsonObject? extra = null)
    {
        var container = new JsonObject
        {
            ["name"] = "main",
            ["image"] = "example/worker:1",
            ["memory"] = memory,
            ["environment"] = new JsonArray { new JsonObject { ["name"] = "GREETING", ["value"] = "hello" } },
        };
        if (logConfiguration is not null)
        {
            container["logConfiguration"] = logConfiguration;
        }

        var definition = new JsonObject { ["family"] = family, ["containerDefinitions"] = new JsonArray { container } };
        foreach (var (key, value) in extra ?? [])
        {
            definition[key] = value!.DeepClone();
        }

        return definition;
    }

    /// <summary>A cluster with one running m5.xlarge container instance (a Spot Fleet whose user data names the cluster).</summary>
    private async Task ClusterWithOneInstance()
    {
        await _aws.Ecs("CreateCluster", new JsonObject { ["clusterName"] = Cluster });
        var config = DsExample.SpotFleetRequestConfig(machines: 1);
        config["LaunchSpecifications"]![0]!["UserData"] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"#!/bin/bash\necho ECS_CLUSTER={Cluster} >> /etc/ecs/ecs.config\n"));
        var reply = await _aws.Ec2("RequestSpotFleet", Ec2Form.From("RequestSpotFleet", new JsonObject { ["SpotFleetRequestConfig"] = config }));
        Assert.True(reply.Status == 200, reply.ToString());
        await _server.WaitUntilAsync(async () =>
            (await _aws.Ecs("ListContainerInstances", new JsonObject { ["cluster"] = Cluster })).Json["containerInstanceArns"]!.AsArray().Count == 1,
            Patience, "a registered container instance");
    }

    private async Task<RawAwsClient.Reply> CreateService(string name, string family, int desired, JsonObject? extra = null)
    {
        var input = new JsonObject { ["cluster"] = Cluster, ["serviceName"] = name, ["taskDefinition"] = family, ["desiredCount"] = desired };
        foreach (var (key, value) in extra ?? [])
        {
            input[key] = value!.DeepClone();
        }

        return await _aws.Ecs("CreateService", input);
    }

    private async Task<JsonNode> Service(string name) =>
        (await _aws.Ecs("DescribeServices", new JsonObject { ["cluster"] = Cluster, ["services"] = new JsonArray(name) })).Json["services"]![0]!;

    [AwsModelFact]
    public async Task ECS_replaces_a_task_whose_process_exited()
    {
        _server.TaskLauncher = new CommandTaskLauncher("/bin/sh", "-c", "sleep 0.3; exit 3");
        await ClusterWithOneInstance();
        await _aws.Ecs("RegisterTaskDefinition", Definition("Exits"));
        await CreateService("Exits", "Exits", 1);

        await _server.WaitUntilAsync(() => _server.EcsTasks().Count(t => t.LastStatus == "STOPPED") >= 1 && _server.EcsTasks().Count >= 2, Patience, "a stopped task and its replacement");

        var stopped = _server.EcsTasks().First(t => t.LastStatus == "STOPPED");
        Assert.Equal(3, stopped.ExitCode);
        Assert.Equal("EssentialContainerExited", stopped.StopCode);
        var described = (await _aws.Ecs("DescribeTasks", new JsonObject { ["cluster"] = Cluster, ["tasks"] = new JsonArray(stopped.TaskArn) })).Json["tasks"]![0]!;
        Assert.Equal(3, described["containers"]![0]!["exitCode"]!.GetValue<int>());
        Assert.Equal("Essential container in task exited", described["stoppedReason"]!.GetValue<string>());
        var stoppedList = (await _aws.Ecs("ListTasks", new JsonObject { ["cluster"] = Cluster, ["desiredStatus"] = "STOPPED" })).Json["taskArns"]!.AsArray();
        Assert.Contains(stopped.TaskArn, stoppedList.Select(a => a!.GetValue<string>()));
        Assert.Contains((await Service("Exits"))["events"]!.AsArray(), e => e!["message"]!.GetValue<string>().Contains("has stopped 1 running tasks", StringComparison.Ordinal));
        _server.AssertNoViolations();
    }

    [AwsModelFact]
    public async Task Lowering_desiredCount_stops_the_extra_tasks_with_SIGTERM()
    {
        var launcher = new CommandTaskLauncher("/bin/sh", "-c", "trap 'echo got TERM; exit 0' TERM; echo ready; while :; do sleep 0.1; done");
        _server.TaskLauncher = launcher;
        await ClusterWithOneInstance();
        await _aws.Logs("CreateLogGroup", new JsonObject { ["logGroupName"] = "behaviour" });
        var logs = new JsonObject { ["logDriver"] = "awslogs", ["options"] = new JsonObject { ["awslogs-group"] = "behaviour", ["awslogs-region"] = "us-east-1", ["awslogs-stream-prefix"] = "b" } };
        await _aws.Ecs("RegisterTaskDefinition", Definition("Trap", memory: 1024, logConfiguration: logs));
        await CreateService("Trap", "Trap", 3);
        await _server.WaitUntilAsync(async () => (await Service("Trap"))["runningCount"]!.GetValue<int>() == 3, Patience, "3 running tasks");
        await _server.WaitUntilAsync(() => _server.LogEvents("behaviour").Count(e => e.Message == "ready") == 3, Patience, "3 ready tasks");

        await _aws.Ecs("UpdateService", new JsonObject { ["cluster"] = Cluster, ["service"] = "Trap", ["desiredCount"] = 1 });

        await _server.WaitUntilAsync(() => _server.EcsTasks().Count(t => t.LastStatus == "STOPPED") == 2, Patience, "2 stopped tasks");
        var stopped = _server.EcsTasks().Where(t => t.LastStatus == "STOPPED").ToList();
        Assert.All(stopped, t => Assert.Equal("ServiceSchedulerInitiated", t.StopCode));
        Assert.All(stopped, t => Assert.Equal(0, t.ExitCode));
        Assert.Equal(2, _server.LogEvents("behaviour").Count(e => e.Message == "got TERM"));
        Assert.Equal(1, (await Service("Trap"))["runningCount"]!.GetValue<int>());
        Assert.Equal(3, launcher.Launches.Count);
        _server.AssertNoViolations();
    }

    [AwsModelFact]
    public async Task Tasks_wait_for_capacity_and_the_service_says_why()
    {
        await _aws.Ecs("CreateCluster", new JsonObject { ["clusterName"] = Cluster });
        await _aws.Ecs("RegisterTaskDefinition", Definition("Waits"));
        await CreateService("Waits", "Waits", 1);
        await Task.Delay(500);

        var service = await Service("Waits");
        Assert.Equal(0, service["runningCount"]!.GetValue<int>());
        Assert.Contains(service["events"]!.AsArray(), e => e!["message"]!.GetValue<string>().Contains("No Container Instances were found in your cluster", StringComparison.Ordinal));

        await ClusterWithOneInstance();
        await _server.WaitUntilAsync(async () => (await Service("Waits"))["runningCount"]!.GetValue<int>() == 1, Patience, "the task placed");
        _server.AssertNoViolations();
    }

    [AwsModelFact]
    public async Task Instance_memory_limits_tasks_per_machine()
    {
        await ClusterWithOneInstance();
        await _aws.Ecs("RegisterTaskDefinition", Definition("Big", memory: 7000));
        await CreateService("Big", "Big", 3);

        await _server.WaitUntilAsync(async () => (await Service("Big"))["runningCount"]!.GetValue<int>() == 2, Patience, "2 tasks");
        await Task.Delay(500);

        Assert.Equal(2, (await Service("Big"))["runningCount"]!.GetValue<int>());
        var instanceArn = (await _aws.Ecs("ListContainerInstances", new JsonObject { ["cluster"] = Cluster })).Json["containerInstanceArns"]![0]!.GetValue<string>();
        var instance = (await _aws.Ecs("DescribeContainerInstances", new JsonObject { ["cluster"] = Cluster, ["containerInstances"] = new JsonArray(instanceArn) })).Json["containerInstances"]![0]!;
        var remaining = instance["remainingResources"]!.AsArray().Single(r => r!["name"]!.GetValue<string>() == "MEMORY")!["integerValue"]!.GetValue<int>();
        Assert.Equal(16384 - 256 - 14000, remaining);
        Assert.Contains((await Service("Big"))["events"]!.AsArray(), e => e!["message"]!.GetValue<string>().Contains("insufficient memory", StringComparison.Ordinal));
        _server.AssertNoViolations();
    }

    [AwsModelFact]
    public async Task A_Fargate_Spot_service_runs_without_instances_once_the_capacity_provider_is_associated()
    {
        await _aws.Ecs("CreateCluster", new JsonObject { ["clusterName"] = Cluster });
        var definition = Definition("Spotty", extra: new JsonObject
        {
            ["requiresCompatibilities"] = new JsonArray("FARGATE"),
            ["networkMode"] = "awsvpc",
            ["cpu"] = "1024",
            ["memory"] = "2048",
        });
        Assert.Equal(200, (await _aws.Ecs("RegisterTaskDefinition", definition)).Status);
        var spot = new JsonObject
        {
            ["capacityProviderStrategy"] = new JsonArray { new JsonObject { ["capacityProvider"] = "FARGATE_SPOT", ["weight"] = 1 } },
            ["networkConfiguration"] = new JsonObject { ["awsvpcConfiguration"] = new JsonObject { ["subnets"] = new JsonArray("subnet-0123abcd"), ["securityGroups"] = new JsonArray("sg-0123abcd"), ["assignPublicIp"] = "ENABLED" } },
        };

        var refused = await CreateService("Spotty", "Spotty", 2, spot);
        Assert.Equal("InvalidParameterException", refused.ErrorCode);
        Assert.Contains("not associated with the cluster", refused.Json["message"]!.GetValue<string>(), StringComparison.Ordinal);

        await _aws.Ecs("PutClusterCapacityProviders", new JsonObject
        {
            ["cluster"] = Cluster,
            ["capacityProviders"] = new JsonArray("FARGATE", "FARGATE_SPOT"),
            ["defaultCapacityProviderStrategy"] = new JsonArray(),
        });
        Assert.Equal(200, (await CreateService("Spotty", "Spotty", 2, spot)).Status);
        await _server.WaitUntilAsync(async () => (await Service("Spotty"))["runningCount"]!.GetValue<int>() == 2, Patience, "2 Fargate Spot tasks");

        var task = _server.EcsTasks().First();
        Assert.Equal("FARGATE", task.LaunchType);
        Assert.Null(task.Ec2InstanceId);
        Assert.True(_server.InterruptTask(task.TaskArn));
        await _server.WaitUntilAsync(() => _server.EcsTasks().Count(t => t.LastStatus == "RUNNING") == 2 && _server.EcsTasks().Count == 3, Patience, "a replacement task");
        Assert.Equal("SpotInterruption", _server.EcsTasks().Single(t => t.TaskArn == task.TaskArn).StopCode);
        _server.AssertNoViolations();
    }

    [AwsModelFact]
    public async Task Fargate_task_definitions_are_held_to_Fargate_rules()
    {
        var noCpu = await _aws.Ecs("RegisterTaskDefinition", Definition("F1", extra: new JsonObject { ["requiresCompatibilities"] = new JsonArray("FARGATE"), ["networkMode"] = "awsvpc", ["memory"] = "2048" }));
        var badSize = await _aws.Ecs("RegisterTaskDefinition", Definition("F2", extra: new JsonObject { ["requiresCompatibilities"] = new JsonArray("FARGATE"), ["networkMode"] = "awsvpc", ["cpu"] = "256", ["memory"] = "4096" }));
        var bridge = await _aws.Ecs("RegisterTaskDefinition", Definition("F3", extra: new JsonObject { ["requiresCompatibilities"] = new JsonArray("FARGATE"), ["cpu"] = "256", ["memory"] = "512" }));

        Assert.Contains("'cpu' be defined at the task level", noCpu.Json["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("No Fargate configuration exists", badSize.Json["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("awsvpc", bridge.Json["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.All(new[] { noCpu, badSize, bridge }, r => Assert.Equal("ClientException", r.ErrorCode));
    }

    [AwsModelFact]
    public async Task A_missing_awslogs_group_fails_the_task_start_and_the_service_retries()
    {
        _server.FailedTaskRetryDelay = TimeSpan.FromMilliseconds(100);
        await ClusterWithOneInstance();
        var logs = new JsonObject { ["logDriver"] = "awslogs", ["options"] = new JsonObject { ["awslogs-group"] = "not-yet", ["awslogs-region"] = "us-east-1", ["awslogs-stream-prefix"] = "p" } };
        await _aws.Ecs("RegisterTaskDefinition", Definition("Logs", logConfiguration: logs));
        await CreateService("Logs", "Logs", 1);

        await _server.WaitUntilAsync(() => _server.EcsTasks().Any(t => t.StopCode == "TaskFailedToStart"), Patience, "a task that failed to start");
        Assert.Contains("The specified log group does not exist", _server.EcsTasks().First().StoppedReason, StringComparison.Ordinal);

        await _aws.Logs("CreateLogGroup", new JsonObject { ["logGroupName"] = "not-yet" });
        await _server.WaitUntilAsync(async () => (await Service("Logs"))["runningCount"]!.GetValue<int>() == 1, Patience, "the task running once the group exists");
        Assert.True((await Service("Logs"))["deployments"]![0]!["failedTasks"]!.GetValue<int>() >= 1);
        _server.AssertNoViolations();
    }

    [AwsModelFact]
    public async Task A_replica_service_needs_a_desiredCount()
    {
        await _aws.Ecs("CreateCluster", new JsonObject { ["clusterName"] = Cluster });
        await _aws.Ecs("RegisterTaskDefinition", Definition("NoCount"));

        var reply = await _aws.Ecs("CreateService", new JsonObject { ["cluster"] = Cluster, ["serviceName"] = "NoCount", ["taskDefinition"] = "NoCount" });

        Assert.Equal("InvalidParameterException", reply.ErrorCode);
        Assert.Contains("desiredCount", reply.Json["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [AwsModelFact]
    public async Task Deleting_a_service_scaled_above_zero_needs_force()
    {
        await _aws.Ecs("CreateCluster", new JsonObject { ["clusterName"] = Cluster });
        await _aws.Ecs("RegisterTaskDefinition", Definition("Del"));
        await CreateService("Del", "Del", 1);

        var clusterBusy = await _aws.Ecs("DeleteCluster", new JsonObject { ["cluster"] = Cluster });
        var refused = await _aws.Ecs("DeleteService", new JsonObject { ["cluster"] = Cluster, ["service"] = "Del" });
        var forced = await _aws.Ecs("DeleteService", new JsonObject { ["cluster"] = Cluster, ["service"] = "Del", ["force"] = true });

        Assert.Equal("ClusterContainsServicesException", clusterBusy.ErrorCode);
        Assert.Equal("InvalidParameterException", refused.ErrorCode);
        Assert.Equal("DRAINING", forced.Json["service"]!["status"]!.GetValue<string>());
        await _server.WaitUntilAsync(async () => (await Service("Del"))["status"]!.GetValue<string>() == "INACTIVE", Patience, "an INACTIVE service");
        Assert.Equal(200, (await _aws.Ecs("DeleteCluster", new JsonObject { ["cluster"] = Cluster })).Status);
        Assert.Equal("ClusterNotFoundException", (await _aws.Ecs("ListServices", new JsonObject { ["cluster"] = Cluster })).ErrorCode);
    }

    [AwsModelFact]
    public async Task Task_definitions_get_revisions_and_ListTaskDefinitions_filters_by_family_and_status()
    {
        await _aws.Ecs("RegisterTaskDefinition", Definition("Fam"));
        await _aws.Ecs("RegisterTaskDefinition", Definition("Fam"));
        await _aws.Ecs("RegisterTaskDefinition", Definition("FamOther"));
        await _aws.Ecs("DeregisterTaskDefinition", new JsonObject { ["taskDefinition"] = "Fam:1" });

        var active = (await _aws.Ecs("ListTaskDefinitions", new JsonObject { ["familyPrefix"] = "Fam" })).Json["taskDefinitionArns"]!.AsArray();
        var inactive = (await _aws.Ecs("ListTaskDefinitions", new JsonObject { ["familyPrefix"] = "Fam", ["status"] = "INACTIVE" })).Json["taskDefinitionArns"]!.AsArray();
        var latest = (await _aws.Ecs("DescribeTaskDefinition", new JsonObject { ["taskDefinition"] = "Fam" })).Json["taskDefinition"]!;
        var familyOnly = await _aws.Ecs("DeregisterTaskDefinition", new JsonObject { ["taskDefinition"] = "Fam" });

        Assert.Equal(["arn:aws:ecs:us-east-1:123456789012:task-definition/Fam:2"], active.Select(a => a!.GetValue<string>()));
        Assert.Equal(["arn:aws:ecs:us-east-1:123456789012:task-definition/Fam:1"], inactive.Select(a => a!.GetValue<string>()));
        Assert.Equal(2, latest["revision"]!.GetValue<int>());
        Assert.Equal("hello", latest["containerDefinitions"]![0]!["environment"]![0]!["value"]!.GetValue<string>());
        Assert.Equal("InvalidParameterException", familyOnly.ErrorCode);
        _server.AssertNoViolations();
    }

    [AwsModelFact]
    public async Task Tags_are_kept_per_resource()
    {
        await _aws.Ecs("CreateCluster", new JsonObject { ["clusterName"] = Cluster, ["tags"] = new JsonArray { new JsonObject { ["key"] = "fleetbook:run", ["value"] = "r1" } } });
        var arn = $"arn:aws:ecs:us-east-1:123456789012:cluster/{Cluster}";
        await _aws.Ecs("TagResource", new JsonObject { ["resourceArn"] = arn, ["tags"] = new JsonArray { new JsonObject { ["key"] = "owner", ["value"] = "me" } } });
        await _aws.Ecs("UntagResource", new JsonObject { ["resourceArn"] = arn, ["tagKeys"] = new JsonArray("owner") });

        var tags = (await _aws.Ecs("ListTagsForResource", new JsonObject { ["resourceArn"] = arn })).Json["tags"]!.AsArray();

        var tag = Assert.Single(tags);
        Assert.Equal("fleetbook:run", tag!["key"]!.GetValue<string>());
        Assert.Equal("r1", tag["value"]!.GetValue<string>());
        _server.AssertNoViolations();
    }
}

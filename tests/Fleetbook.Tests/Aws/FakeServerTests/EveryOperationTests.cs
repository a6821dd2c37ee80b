using System.Text.Json.Nodes;
using Fleetbook.Tests.Aws.Fake;
using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Aws.FakeServerTests;

/// <summary>Every operation the fake models, called once with a valid request: no violation either way (the fake's answers are held to the output shapes too).</summary>
public sealed class EveryOperationTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private static void Ok(RawAwsClient.Reply reply, string what) => Assert.True(reply.Status == 200, $"{what}: {reply}");

    [AwsModelFact]
    public async Task Each_EC2_operation_answers_within_its_output_shape()
    {
        await using var server = FakeAwsServer.Start();
        server.TaskLauncher = new CommandTaskLauncher("/bin/sh", "-c", "exec sleep 30");
        using var aws = new RawAwsClient(server);
        var fleet = await aws.Ec2("RequestSpotFleet", Ec2Form.From("RequestSpotFleet", new JsonObject
        {
            ["SpotFleetRequestConfig"] = DsExample.SpotFleetRequestConfig(machines: 1),
        }));
        Ok(fleet, "RequestSpotFleet");
        var fleetId = RawAwsClient.Values(fleet, "spotFleetRequestId").Single();
        await server.WaitUntilAsync(() => server.Ec2Instances().Any(i => i.State == "running"), Patience, "a running instance");
        var instanceId = server.Ec2Instances().Single().InstanceId;

        Ok(await aws.Ec2("DescribeInstances", ("InstanceId.1", instanceId)), "DescribeInstances");
        Ok(await aws.Ec2("DescribeInstances", ("Filter.1.Name", "instance-state-name"), ("Filter.1.Value.1", "running"), ("Filter.2.Name", "tag-key"), ("Filter.2.Value.1", "*")), "DescribeInstances with filters");
        Ok(await aws.Ec2("CreateTags", ("ResourceId.1", instanceId), ("ResourceId.2", fleetId), ("Tag.1.Key", "fleetbook:run"), ("Tag.1.Value", "r1")), "CreateTags");
        var tagged = await aws.Ec2("DescribeInstances", ("Filter.1.Name", "tag:fleetbook:run"), ("Filter.1.Value.1", "r1"));
        Assert.Equal([instanceId], RawAwsClient.Values(tagged, "instanceId"));
        Ok(await aws.Ec2("DescribeSecurityGroups", ("GroupId.1", "sg-0123abcd")), "DescribeSecurityGroups");
        Ok(await aws.Ec2("DescribeSpotPriceHistory", ("InstanceType.1", "m5.xlarge"), ("ProductDescription.1", "Linux/UNIX"), ("StartTime", "2024-01-01T00:00:00Z")), "DescribeSpotPriceHistory");
        Ok(await aws.Ec2("DescribeImages", ("Owner.1", "amazon"), ("Filter.1.Name", "name"), ("Filter.1.Value.1", "amzn2-ami-ecs-*")), "DescribeImages by name");
        Ok(await aws.Ec2("DescribeInstanceTypes", ("Filter.1.Name", "instance-type"), ("Filter.1.Value.1", "m5.*")), "DescribeInstanceTypes by filter");
        Ok(await aws.Ec2("DescribeSpotFleetRequests"), "DescribeSpotFleetRequests (all)");
        var terminated = await aws.Ec2("TerminateInstances", ("InstanceId.1", instanceId));
        Assert.Equal("shutting-down", RawAwsClient.Values(terminated, "name").First());

        var template = await aws.Ec2("CreateLaunchTemplate", ("LaunchTemplateName", "lt-every"), ("LaunchTemplateData.ImageId", "ami-12345678"), ("LaunchTemplateData.InstanceType", "t3.small"));
        Ok(template, "CreateLaunchTemplate");
        Assert.Equal("InvalidAMIID.NotFound", RawAwsClient.Values(template, "code").Single());
        Ok(await aws.Ec2("DescribeLaunchTemplates", ("LaunchTemplateName.1", "lt-every")), "DescribeLaunchTemplates");
        Assert.Equal("InvalidLaunchTemplateName.AlreadyExistsException", (await aws.Ec2("CreateLaunchTemplate", ("LaunchTemplateName", "lt-every"), ("LaunchTemplateData.ImageId", "ami-fad25980"))).ErrorCode);
        var created = await aws.Ec2("CreateFleet",
            ("LaunchTemplateConfigs.1.LaunchTemplateSpecification.LaunchTemplateName", "lt-every"),
            ("LaunchTemplateConfigs.1.LaunchTemplateSpecification.Version", "$Default"),
            ("TargetCapacitySpecification.TotalTargetCapacity", "1"),
            ("TargetCapacitySpecification.DefaultTargetCapacityType", "spot"),
            ("Type", "maintain"));
        Ok(created, "CreateFleet");
        var ec2FleetId = RawAwsClient.Values(created, "fleetId").Single();
        await server.WaitUntilAsync(async () => RawAwsClient.Values(await aws.Ec2("DescribeFleetHistory", ("FleetId", ec2FleetId), ("StartTime", "2024-01-01T00:00:00Z")), "eventType").Contains("service-error"), Patience, "the unknown AMI's service-error");
        Ok(await aws.Ec2("DescribeFleetHistory", ("FleetId", ec2FleetId), ("StartTime", "2024-01-01T00:00:00Z"), ("EventType", "service-error")), "DescribeFleetHistory");
        Ok(await aws.Ec2("ModifyFleet", ("FleetId", ec2FleetId), ("TargetCapacitySpecification.TotalTargetCapacity", "0")), "ModifyFleet");
        Ok(await aws.Ec2("DescribeFleets", ("Filter.1.Name", "fleet-state"), ("Filter.1.Value.1", "active")), "DescribeFleets by state");
        Ok(await aws.Ec2("DeleteFleets", ("FleetId.1", ec2FleetId), ("TerminateInstances", "false")), "DeleteFleets");
        Ok(await aws.Ec2("DeleteLaunchTemplate", ("LaunchTemplateName", "lt-every")), "DeleteLaunchTemplate");
        Ok(await aws.Ec2("CancelSpotFleetRequests", ("SpotFleetRequestId.1", fleetId), ("TerminateInstances", "true")), "CancelSpotFleetRequests");

        await server.WaitUntilAsync(() => server.ResourcesLeft().Count == 0, Patience, "nothing left");
        server.AssertNoViolations();
    }

    [AwsModelFact]
    public async Task Each_ECS_Logs_and_CloudWatch_operation_answers_within_its_output_shape()
    {
        await using var server = FakeAwsServer.Start();
        server.TaskLauncher = new CommandTaskLauncher("/bin/sh", "-c", "echo hello; exec sleep 30");
        using var aws = new RawAwsClient(server);
        Ok(await aws.Ecs("CreateCluster", new JsonObject { ["clusterName"] = "Every", ["capacityProviders"] = new JsonArray("FARGATE"), ["defaultCapacityProviderStrategy"] = new JsonArray() }), "CreateCluster");
        Ok(await aws.Logs("CreateLogGroup", new JsonObject { ["logGroupName"] = "/every/tasks" }), "CreateLogGroup");
        Ok(await aws.Ecs("RegisterTaskDefinition", new JsonObject
        {
            ["family"] = "Every",
            ["requiresCompatibilities"] = new JsonArray("FARGATE"),
            ["networkMode"] = "awsvpc",
            ["cpu"] = "0.25 vCPU",
            ["memory"] = "512",
            ["executionRoleArn"] = "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
            ["containerDefinitions"] = new JsonArray
            {
                new JsonObject
                {
                    ["name"] = "main",
                    ["image"] = "example/worker:1",
                    ["stopTimeout"] = 2,
                    ["logConfiguration"] = new JsonObject { ["logDriver"] = "awslogs", ["options"] = new JsonObject { ["awslogs-group"] = "/every/tasks", ["awslogs-region"] = "us-east-1", ["awslogs-stream-prefix"] = "every" } },
                },
            },
            ["tags"] = new JsonArray { new JsonObject { ["key"] = "fleetbook:run", ["value"] = "every" } },
        }), "RegisterTaskDefinition");
        Ok(await aws.Ecs("CreateService", new JsonObject
        {
            ["cluster"] = "Every",
            ["serviceName"] = "Every",
            ["taskDefinition"] = "Every:1",
            ["desiredCount"] = 1,
            ["launchType"] = "FARGATE",
            ["networkConfiguration"] = new JsonObject { ["awsvpcConfiguration"] = new JsonObject { ["subnets"] = new JsonArray("subnet-0123abcd"), ["assignPublicIp"] = "ENABLED" } },
        }), "CreateService");
        await server.WaitUntilAsync(() => server.LogEvents("/every/tasks").Any(e => e.Message == "hello"), Patience, "the task's output");
        var task = server.EcsTasks().Single();

        Ok(await aws.Ecs("DescribeClusters", new JsonObject { ["clusters"] = new JsonArray("Every", "Missing"), ["include"] = new JsonArray("TAGS", "SETTINGS") }), "DescribeClusters");
        Ok(await aws.Ecs("ListClusters", new JsonObject { ["maxResults"] = 10 }), "ListClusters");
        Ok(await aws.Ecs("ListTaskDefinitionFamilies", new JsonObject { ["familyPrefix"] = "Ev" }), "ListTaskDefinitionFamilies");
        Ok(await aws.Ecs("DescribeTaskDefinition", new JsonObject { ["taskDefinition"] = "Every", ["include"] = new JsonArray("TAGS") }), "DescribeTaskDefinition");
        Ok(await aws.Ecs("DescribeServices", new JsonObject { ["cluster"] = "Every", ["services"] = new JsonArray("Every", "Missing"), ["include"] = new JsonArray("TAGS") }), "DescribeServices");
        Ok(await aws.Ecs("ListTasks", new JsonObject { ["cluster"] = "Every", ["family"] = "Every", ["launchType"] = "FARGATE" }), "ListTasks");
        Ok(await aws.Ecs("DescribeTasks", new JsonObject { ["cluster"] = "Every", ["tasks"] = new JsonArray(task.TaskArn), ["include"] = new JsonArray("TAGS") }), "DescribeTasks");
        Ok(await aws.Ecs("ListContainerInstances", new JsonObject { ["cluster"] = "Every", ["status"] = "ACTIVE" }), "ListContainerInstances");
        Ok(await aws.Ecs("ListTagsForResource", new JsonObject { ["resourceArn"] = "arn:aws:ecs:us-east-1:123456789012:task-definition/Every:1" }), "ListTagsForResource");
        Ok(await aws.Logs("DescribeLogStreams", new JsonObject { ["logGroupName"] = "/every/tasks", ["orderBy"] = "LastEventTime", ["descending"] = true }), "DescribeLogStreams");
        Ok(await aws.Logs("TagLogGroup", new JsonObject { ["logGroupName"] = "/every/tasks", ["tags"] = new JsonObject { ["a"] = "b" } }), "TagLogGroup");
        Ok(await aws.Logs("ListTagsLogGroup", new JsonObject { ["logGroupName"] = "/every/tasks" }), "ListTagsLogGroup");

        var stopped = await aws.Ecs("StopTask", new JsonObject { ["cluster"] = "Every", ["task"] = task.TaskArn, ["reason"] = "every operation" });
        Assert.Equal("STOPPED", stopped.Json["task"]!["desiredStatus"]!.GetValue<string>());
        await server.WaitUntilAsync(() => server.EcsTasks().Count == 2, Patience, "the stopped task replaced");
        Ok(await aws.Ecs("UpdateService", new JsonObject { ["cluster"] = "Every", ["service"] = "Every", ["desiredCount"] = 0 }), "UpdateService");
        Ok(await aws.Ecs("DeleteService", new JsonObject { ["cluster"] = "Every", ["service"] = "Every" }), "DeleteService");
        Ok(await aws.Ecs("DeregisterTaskDefinition", new JsonObject { ["taskDefinition"] = "Every:1" }), "DeregisterTaskDefinition");
        Ok(await aws.Ecs("DeleteTaskDefinitions", new JsonObject { ["taskDefinitions"] = new JsonArray("Every:1") }), "DeleteTaskDefinitions");
        await server.WaitUntilAsync(() => server.EcsTasks().All(t => t.LastStatus == "STOPPED"), Patience, "every task stopped");
        Ok(await aws.Ecs("DeleteCluster", new JsonObject { ["cluster"] = "Every" }), "DeleteCluster");
        Ok(await aws.Logs("DeleteLogGroup", new JsonObject { ["logGroupName"] = "/every/tasks" }), "DeleteLogGroup");

        Ok(await aws.CloudWatch("PutMetricAlarm", new JsonObject
        {
            ["AlarmName"] = "every",
            ["MetricName"] = "ApproximateNumberOfMessagesVisible",
            ["Namespace"] = "AWS/SQS",
            ["Statistic"] = "Average",
            ["Dimensions"] = new JsonArray { new JsonObject { ["Name"] = "QueueName", ["Value"] = "EveryQueue" } },
            ["Period"] = 300,
            ["EvaluationPeriods"] = 1,
            ["DatapointsToAlarm"] = 1,
            ["Threshold"] = 0,
            ["ComparisonOperator"] = "LessThanOrEqualToThreshold",
            ["TreatMissingData"] = "missing",
            ["AlarmActions"] = new JsonArray("arn:aws:sns:us-east-1:123456789012:Monitor"),
            ["Tags"] = new JsonArray { new JsonObject { ["Key"] = "fleetbook:run", ["Value"] = "every" } },
        }), "PutMetricAlarm");
        var alarmArn = "arn:aws:cloudwatch:us-east-1:123456789012:alarm:every";
        Ok(await aws.CloudWatch("TagResource", new JsonObject { ["ResourceARN"] = alarmArn, ["Tags"] = new JsonArray { new JsonObject { ["Key"] = "k", ["Value"] = "v" } } }), "TagResource");
        Ok(await aws.CloudWatch("UntagResource", new JsonObject { ["ResourceARN"] = alarmArn, ["TagKeys"] = new JsonArray("k") }), "UntagResource");
        Ok(await aws.CloudWatch("ListTagsForResource", new JsonObject { ["ResourceARN"] = alarmArn }), "ListTagsForResource");
        Ok(await aws.CloudWatch("DescribeAlarms", new JsonObject { ["AlarmNames"] = new JsonArray("every"), ["AlarmTypes"] = new JsonArray("MetricAlarm") }), "DescribeAlarms");
        Ok(await aws.CloudWatch("PutDashboard", new JsonObject { ["DashboardName"] = "every", ["DashboardBody"] = "{\"widgets\":[{\"type\":\"text\",\"properties\":{\"markdown\":\"hi\"}}]}" }), "PutDashboard");
        Ok(await aws.CloudWatch("GetDashboard", new JsonObject { ["DashboardName"] = "every" }), "GetDashboard");
        Ok(await aws.CloudWatch("DeleteDashboards", new JsonObject { ["DashboardNames"] = new JsonArray("every") }), "DeleteDashboards");
        Ok(await aws.CloudWatch("DeleteAlarms", new JsonObject { ["AlarmNames"] = new JsonArray("every") }), "DeleteAlarms");

        Assert.Empty(server.ResourcesLeft(includeLogGroups: true));
        server.AssertNoViolations();
    }
}

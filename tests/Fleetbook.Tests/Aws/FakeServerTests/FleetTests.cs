using System.Globalization;
using System.Text.Json.Nodes;
using Fleetbook.Tests.Aws.Fake;
using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Aws.FakeServerTests;

/// <summary>Spot Fleets and EC2 Fleets: capacity, history (errors with and without descriptions), modification, cancellation.</summary>
public sealed class FleetTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

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

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private async Task<string> RequestFleet(JsonObject config)
    {
        var reply = await _aws.Ec2("RequestSpotFleet", Ec2Form.From("RequestSpotFleet", new JsonObject { ["SpotFleetRequestConfig"] = config }));
        Assert.True(reply.Status == 200, reply.ToString());
        return RawAwsClient.Values(reply, "spotFleetRequestId").Single();
    }

    private async Task<IReadOnlyList<string>> ActiveInstances(string fleetId) =>
        RawAwsClient.Values(await _aws.Ec2("DescribeSpotFleetInstances", ("SpotFleetRequestId", fleetId)), "instanceId");

    private async Task<RawAwsClient.Reply> History(string fleetId, DateTimeOffset since, string? eventType = null)
    {
        var parameters = new List<(string, string)> { ("SpotFleetRequestId", fleetId), ("StartTime", Iso(since)) };
        if (eventType is not null)
        {
            parameters.Add(("EventType", eventType));
        }

        return await _aws.Ec2("DescribeSpotFleetRequestHistory", [.. parameters]);
    }

    [AwsModelFact]
    public void The_DS_fleet_file_goes_on_the_wire_with_EC2_query_names()
    {
        var form = Ec2Form.From("RequestSpotFleet", new JsonObject { ["SpotFleetRequestConfig"] = DsExample.SpotFleetRequestConfig() })
            .ToDictionary(p => p.Key, p => p.Value);

        Assert.Equal("sg-0123abcd", form["SpotFleetRequestConfig.LaunchSpecifications.1.NetworkInterfaceSet.1.SecurityGroupId.1"]);
        Assert.Equal("false", form["SpotFleetRequestConfig.LaunchSpecifications.1.NetworkInterfaceSet.1.AssociatePublicIpAddress"]);
        Assert.Equal("22", form["SpotFleetRequestConfig.LaunchSpecifications.1.BlockDeviceMapping.2.Ebs.VolumeSize"]);
        Assert.Equal("arn:aws:iam::123456789012:instance-profile/ecsInstanceRole", form["SpotFleetRequestConfig.LaunchSpecifications.1.IamInstanceProfile.Arn"]);
        Assert.Equal("true", form["SpotFleetRequestConfig.TerminateInstancesWithExpiration"]);
        Assert.Equal("2", form["SpotFleetRequestConfig.TargetCapacity"]);
    }

    [AwsModelFact]
    public async Task An_unknown_AMI_gives_error_records_one_without_EventDescription_and_no_instances()
    {
        var since = DateTimeOffset.UtcNow.AddMinutes(-1);
        var fleetId = await RequestFleet(DsExample.SpotFleetRequestConfig(imageId: "ami-0badbadbadbadbad0"));

        await _server.WaitUntilAsync(async () => RawAwsClient.Values(await History(fleetId, since, "error"), "eventSubType").Count >= 2, Patience, "error records");
        var history = await History(fleetId, since, "error");
        var records = history.Xml.Descendants().Where(e => e.Name.LocalName == "item" && e.Parent!.Name.LocalName == "historyRecordSet").ToList();
        Assert.All(records, r => Assert.Equal("error", r.Elements().Single(e => e.Name.LocalName == "eventType").Value));
        var information = records.Select(r => r.Elements().Single(e => e.Name.LocalName == "eventInformation")).ToList();
        var unusable = information.Single(i => i.Elements().Any(e => e.Name.LocalName == "eventSubType" && e.Value == "launchSpecUnusable"));
        Assert.Contains("The image id '[ami-0badbadbadbadbad0]' does not exist", unusable.Elements().Single(e => e.Name.LocalName == "eventDescription").Value, StringComparison.Ordinal);
        var blacklisted = information.Single(i => i.Elements().Any(e => e.Name.LocalName == "eventSubType" && e.Value == "allLaunchSpecsTemporarilyBlacklisted"));
        Assert.DoesNotContain(blacklisted.Elements(), e => e.Name.LocalName == "eventDescription");
        Assert.Empty(await ActiveInstances(fleetId));
        Assert.Empty(_server.Ec2Instances());
        _server.AssertNoViolations();
    }

    [AwsModelFact]
    public async Task History_filters_by_event_type_and_start_time()
    {
        var before = DateTimeOffset.UtcNow.AddMinutes(-1);
        var fleetId = await RequestFleet(DsExample.SpotFleetRequestConfig(machines: 1));
        await _server.WaitUntilAsync(async () => (await ActiveInstances(fleetId)).Count == 1, Patience, "1 instance");

        var all = RawAwsClient.Values(await History(fleetId, before), "eventType");
        var changes = RawAwsClient.Values(await History(fleetId, before, "instanceChange"), "eventType");
        var later = RawAwsClient.Values(await History(fleetId, DateTimeOffset.UtcNow.AddMinutes(5)), "eventType");

        Assert.Contains("fleetRequestChange", all);
        Assert.Contains("instanceChange", all);
        Assert.Equal(["instanceChange"], changes.Distinct());
        Assert.Empty(later);
        _server.AssertNoViolations();
    }

    [AwsModelFact]
    public async Task Insufficient_capacity_gives_partial_capacity_and_one_allLaunchSpecsTemporarilyBlacklisted()
    {
        _server.SpotCapacityLimit = 1;
        var since = DateTimeOffset.UtcNow.AddMinutes(-1);
        var fleetId = await RequestFleet(DsExample.SpotFleetRequestConfig(machines: 3));

        await _server.WaitUntilAsync(async () => (await ActiveInstances(fleetId)).Count == 1, Patience, "1 instance");
        var subtypes = RawAwsClient.Values(await History(fleetId, since, "error"), "eventSubType");
        var requests = await _aws.Ec2("DescribeSpotFleetRequests", ("SpotFleetRequestId.1", fleetId));

        Assert.Equal(["allLaunchSpecsTemporarilyBlacklisted"], subtypes);
        Assert.Equal("3", RawAwsClient.Values(requests, "targetCapacity").Single());
        Assert.Equal("1", RawAwsClient.Values(requests, "fulfilledCapacity").Single());
        Assert.Equal("pending_fulfillment", RawAwsClient.Values(requests, "activityStatus").Single());
        _server.AssertNoViolations();
    }

    [AwsModelFact]
    public async Task Lowering_the_target_with_noTermination_keeps_every_instance_and_default_terminates()
    {
        var fleetId = await RequestFleet(DsExample.SpotFleetRequestConfig(machines: 3));
        await _server.WaitUntilAsync(async () => (await ActiveInstances(fleetId)).Count == 3, Patience, "3 instances");

        var kept = await _aws.Ec2("ModifySpotFleetRequest", ("SpotFleetRequestId", fleetId), ("TargetCapacity", "1"), ("ExcessCapacityTerminationPolicy", "noTermination"));
        Assert.Equal("true", RawAwsClient.Values(kept, "return").Single());
        await Task.Delay(600);
        Assert.Equal(3, (await ActiveInstances(fleetId)).Count);

        await _aws.Ec2("ModifySpotFleetRequest", ("SpotFleetRequestId", fleetId), ("TargetCapacity", "1"), ("ExcessCapacityTerminationPolicy", "default"));
        await _server.WaitUntilAsync(async () => (await ActiveInstances(fleetId)).Count == 1, Patience, "1 instance left");
        var terminated = (await History(fleetId, DateTimeOffset.UtcNow.AddMinutes(-1), "instanceChange")).Xml.Descendants()
            .Where(e => e.Name.LocalName == "eventInformation" && e.Elements().Any(s => s.Name.LocalName == "eventSubType" && s.Value == "terminated"))
            .ToList();
        Assert.Equal(2, terminated.Count);
        Assert.All(terminated, t => Assert.Contains(t.Elements(), e => e.Name.LocalName == "instanceId"));
        _server.AssertNoViolations();
    }

    [AwsModelFact]
    public async Task A_maintain_fleet_replaces_an_interrupted_instance()
    {
        var fleetId = await RequestFleet(DsExample.SpotFleetRequestConfig(machines: 1));
        await _server.WaitUntilAsync(async () => (await ActiveInstances(fleetId)).Count == 1, Patience, "1 instance");
        var first = (await ActiveInstances(fleetId)).Single();

        Assert.True(_server.InterruptInstance(first));

        await _server.WaitUntilAsync(async () => (await ActiveInstances(fleetId)) is [var next] && next != first, Patience, "a replacement instance");
        _server.AssertNoViolations();
    }

    [AwsModelFact]
    public async Task Cancelling_with_TerminateInstances_takes_instances_container_instances_and_tasks_away()
    {
        _server.ReadS3Object = (_, _) => DsExample.EcsConfig;
        await _aws.Ecs("CreateCluster", new JsonObject { ["clusterName"] = DsExample.Cluster });
        await _aws.Ecs("RegisterTaskDefinition", DsExample.TaskDefinition());
        await _aws.Logs("CreateLogGroup", new JsonObject { ["logGroupName"] = DsExample.AppName + "_perInstance" });
        await _aws.Ecs("CreateService", new JsonObject { ["cluster"] = DsExample.Cluster, ["serviceName"] = "S", ["taskDefinition"] = DsExample.AppName + "Task", ["desiredCount"] = 2 });
        var fleetId = await RequestFleet(DsExample.SpotFleetRequestConfig(machines: 2));
        await _server.WaitUntilAsync(() => _server.EcsTasks().Count(t => t.LastStatus == "RUNNING") == 2, Patience, "2 running tasks");

        var reply = await _aws.Ec2("CancelSpotFleetRequests", ("SpotFleetRequestId.1", fleetId), ("TerminateInstances", "true"));
        Assert.Equal("active", RawAwsClient.Values(reply, "previousSpotFleetRequestState").Single());

        await _server.WaitUntilAsync(() => _server.Ec2Instances().All(i => i.State == "terminated"), Patience, "terminated instances");
        await _server.WaitUntilAsync(async () =>
            (await _aws.Ecs("ListContainerInstances", new JsonObject { ["cluster"] = DsExample.Cluster })).Json["containerInstanceArns"]!.AsArray().Count == 0,
            Patience, "no container instances");
        await _server.WaitUntilAsync(() => _server.EcsTasks().Where(t => t.StopCode == "TerminationNotice").Count() == 2, Patience, "the tasks stopped by the termination");
        var requests = await _aws.Ec2("DescribeSpotFleetRequests", ("SpotFleetRequestId.1", fleetId));
        Assert.Equal("cancelled", RawAwsClient.Values(requests, "spotFleetRequestState").Single());
        var unknown = await _aws.Ec2("CancelSpotFleetRequests", ("SpotFleetRequestId.1", "sfr-00000000-0000-0000-0000-000000000000"), ("TerminateInstances", "true"));
        Assert.Equal("fleetRequestIdDoesNotExist", RawAwsClient.Values(unknown, "code").Single());
        _server.AssertNoViolations();
    }

    [AwsModelFact]
    public async Task Unknown_fleet_ids_are_InvalidSpotFleetRequestId_NotFound()
    {
        var reply = await _aws.Ec2("DescribeSpotFleetInstances", ("SpotFleetRequestId", "sfr-00000000-0000-0000-0000-000000000000"));

        Assert.Equal("InvalidSpotFleetRequestId.NotFound", reply.ErrorCode);
    }

    [AwsModelFact]
    public async Task An_instance_profile_ARN_given_as_IamFleetRole_is_refused()
    {
        var config = DsExample.SpotFleetRequestConfig();
        config["IamFleetRole"] = "arn:aws:iam::123456789012:instance-profile/ecsInstanceRole";

        var reply = await _aws.Ec2("RequestSpotFleet", Ec2Form.From("RequestSpotFleet", new JsonObject { ["SpotFleetRequestConfig"] = config }));

        Assert.Equal("InvalidSpotFleetRequestConfig", reply.ErrorCode);
    }

    [AwsModelFact]
    public async Task A_second_block_device_without_size_or_snapshot_is_a_configuration_error()
    {
        var since = DateTimeOffset.UtcNow.AddMinutes(-1);
        var config = DsExample.SpotFleetRequestConfig();
        config["LaunchSpecifications"]![0]!["BlockDeviceMappings"]![1]!["Ebs"]!.AsObject().Remove("VolumeSize");
        var fleetId = await RequestFleet(config);

        await _server.WaitUntilAsync(async () => RawAwsClient.Values(await History(fleetId, since, "error"), "eventDescription")
            .Any(d => d.Contains("size or snapshotId", StringComparison.Ordinal)), Patience, "the configuration error");
    }

    [AwsModelFact]
    public async Task An_EC2_Fleet_launches_from_its_launch_template_and_is_deleted_with_its_instances()
    {
        var template = await _aws.Ec2("CreateLaunchTemplate", Ec2Form.From("CreateLaunchTemplate", new JsonObject
        {
            ["LaunchTemplateName"] = "fleetbook-run-1",
            ["LaunchTemplateData"] = new JsonObject
            {
                ["ImageId"] = "ami-0ce03502c5bb5e188",
                ["UserData"] = Convert.ToBase64String("#!/bin/bash\necho ECS_CLUSTER=C >> /etc/ecs/ecs.config\n"u8.ToArray()),
                ["IamInstanceProfile"] = new JsonObject { ["Name"] = "ecsInstanceRole" },
                ["NetworkInterfaces"] = new JsonArray { new JsonObject { ["DeviceIndex"] = 0, ["SubnetId"] = "subnet-0123abcd", ["Groups"] = new JsonArray("sg-0123abcd") } },
            },
        }));
        Assert.True(template.Status == 200, template.ToString());
        var templateId = RawAwsClient.Values(template, "launchTemplateId").Single();
        await _aws.Ecs("CreateCluster", new JsonObject { ["clusterName"] = "C" });

        var created = await _aws.Ec2("CreateFleet", Ec2Form.From("CreateFleet", new JsonObject
        {
            ["Type"] = "maintain",
            ["LaunchTemplateConfigs"] = new JsonArray
            {
                new JsonObject
                {
                    ["LaunchTemplateSpecification"] = new JsonObject { ["LaunchTemplateId"] = templateId, ["Version"] = "$Latest" },
                    ["Overrides"] = new JsonArray { new JsonObject { ["InstanceType"] = "c5.xlarge" }, new JsonObject { ["InstanceType"] = "m5.xlarge" } },
                },
            },
            ["TargetCapacitySpecification"] = new JsonObject { ["TotalTargetCapacity"] = 2, ["DefaultTargetCapacityType"] = "spot" },
            ["SpotOptions"] = new JsonObject { ["AllocationStrategy"] = "price-capacity-optimized" },
        }));
        Assert.True(created.Status == 200, created.ToString());
        var fleetId = RawAwsClient.Values(created, "fleetId").Single();

        await _server.WaitUntilAsync(async () => RawAwsClient.Values(await _aws.Ec2("DescribeFleetInstances", ("FleetId", fleetId)), "instanceId").Count == 2, Patience, "2 instances");
        await _server.WaitUntilAsync(() => _server.Ec2Instances().All(i => i.EcsCluster == "C"), Patience, "instances in cluster C");
        var fleets = await _aws.Ec2("DescribeFleets", ("FleetId.1", fleetId));
        Assert.Equal("active", RawAwsClient.Values(fleets, "fleetState").Single());
        Assert.All(_server.Ec2Instances(), i => Assert.Equal("c5.xlarge", i.InstanceType));

        var deleted = await _aws.Ec2("DeleteFleets", ("FleetId.1", fleetId), ("TerminateInstances", "true"));
        Assert.Equal("deleted_terminating", RawAwsClient.Values(deleted, "currentFleetState").Single());
        await _aws.Ec2("DeleteLaunchTemplate", ("LaunchTemplateId", templateId));
        await _server.WaitUntilAsync(() => _server.ResourcesLeft().All(r => r.StartsWith("ECS cluster", StringComparison.Ordinal)), Patience, "only the cluster left");
        _server.AssertNoViolations();
    }
}

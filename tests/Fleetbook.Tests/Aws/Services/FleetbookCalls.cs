using Fleetbook.Backends.Aws;
using Fleetbook.Backends.Aws.Services;
using Fleetbook.Backends.Aws.Services.CloudWatch;
using Fleetbook.Backends.Aws.Services.Ec2;
using Fleetbook.Backends.Aws.Services.Ecs;
using Fleetbook.Backends.Aws.Services.Logs;

namespace Fleetbook.Tests.Aws.Services;

/// <summary>
/// The calls Fleetbook makes beyond Distributed-Something: every created resource tagged <c>fleetbook:run=&lt;app&gt;</c>,
/// ECS on Fargate Spot, EC2 Fleet over a launch template, the look-ups preflight needs, logs and metrics.
/// </summary>
public static class FleetbookCalls
{
    public const string App = "cellpainting";
    public const string Cluster = "cellpainting";
    public const string Subnet = "subnet-0aaa1111bbbb2222c";
    public const string OtherSubnet = "subnet-0ddd3333eeee4444f";
    public const string SecurityGroup = "sg-0123456789abcdef0";
    public static readonly AwsTag RunTag = AwsTag.Run(App);
    private static readonly DateTimeOffset Now = new(2024, 5, 6, 7, 8, 9, TimeSpan.Zero);

    private const string RunTagEcs = """[{"key":"fleetbook:run","value":"cellpainting"}]""";
    private const string RunTagEc2 = """[{"Key":"fleetbook:run","Value":"cellpainting"}]""";

    public static IReadOnlyList<ExampleCall> All { get; } =
    [
        // ECS on Fargate Spot
        new("ECS CreateCluster tagged, with Fargate capacity providers", AwsService.Ecs, "CreateCluster",
            c => c.Ecs.CreateClusterAsync(new CreateClusterRequest(Cluster, [RunTag],
                [CapacityProviderStrategyItem.Fargate, CapacityProviderStrategyItem.FargateSpot],
                [new CapacityProviderStrategyItem(CapacityProviderStrategyItem.FargateSpot, Weight: 1)])),
            $$"""{"clusterName":"cellpainting","tags":{{RunTagEcs}},"capacityProviders":["FARGATE","FARGATE_SPOT"],"defaultCapacityProviderStrategy":[{"capacityProvider":"FARGATE_SPOT","weight":1}]}"""),
        new("ECS PutClusterCapacityProviders(FARGATE, FARGATE_SPOT)", AwsService.Ecs, "PutClusterCapacityProviders",
            c => c.Ecs.PutClusterCapacityProvidersAsync(new PutClusterCapacityProvidersRequest(Cluster, ["FARGATE", "FARGATE_SPOT"],
                [new CapacityProviderStrategyItem("FARGATE_SPOT", Weight: 4), new CapacityProviderStrategyItem("FARGATE", Weight: 1, Base: 1)])),
            """{"cluster":"cellpainting","capacityProviders":["FARGATE","FARGATE_SPOT"],"defaultCapacityProviderStrategy":[{"capacityProvider":"FARGATE_SPOT","weight":4},{"capacityProvider":"FARGATE","weight":1,"base":1}]}"""),
        new("ECS RegisterTaskDefinition for Fargate (awsvpc, task cpu/memory, execution and task roles)", AwsService.Ecs, "RegisterTaskDefinition",
            c => c.Ecs.RegisterTaskDefinitionAsync(new RegisterTaskDefinitionRequest(
                Family: "cellpaintingTask",
                ContainerDefinitions: [new ContainerDefinition("cellpainting", "ghcr.io/example/worker:1.0", Essential: true, Command: ["fleetbook-worker"],
                    LogConfiguration: new LogConfiguration(LogDriver.Awslogs, new Dictionary<string, string> { ["awslogs-group"] = "cellpainting_perInstance", ["awslogs-region"] = "eu-west-1", ["awslogs-stream-prefix"] = "cellpainting" }))],
                TaskRoleArn: "arn:aws:iam::123456789012:role/cellpaintingTask",
                ExecutionRoleArn: "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
                NetworkMode: NetworkMode.Awsvpc,
                RequiresCompatibilities: [Compatibility.Fargate],
                Cpu: "1024",
                Memory: "2048",
                Tags: [RunTag])),
            $$"""
            {"family":"cellpaintingTask","containerDefinitions":[{"name":"cellpainting","image":"ghcr.io/example/worker:1.0","essential":true,"command":["fleetbook-worker"],
              "logConfiguration":{"logDriver":"awslogs","options":{"awslogs-group":"cellpainting_perInstance","awslogs-region":"eu-west-1","awslogs-stream-prefix":"cellpainting"} } }],
             "taskRoleArn":"arn:aws:iam::123456789012:role/cellpaintingTask","executionRoleArn":"arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
             "networkMode":"awsvpc","requiresCompatibilities":["FARGATE"],"cpu":"1024","memory":"2048","tags":{{RunTagEcs}}}
            """),
        new("ECS CreateService on Fargate Spot (capacity provider strategy, awsvpc network, tags propagated)", AwsService.Ecs, "CreateService",
            c => c.Ecs.CreateServiceAsync(new CreateServiceRequest("cellpaintingService", Cluster, "cellpaintingTask", DesiredCount: 0,
                CapacityProviderStrategy: [new CapacityProviderStrategyItem(CapacityProviderStrategyItem.FargateSpot, Weight: 1)],
                PlatformVersion: "LATEST",
                NetworkConfiguration: new NetworkConfiguration(new AwsVpcConfiguration([Subnet, OtherSubnet], [SecurityGroup], AssignPublicIp.Enabled)),
                Tags: [RunTag],
                PropagateTags: PropagateTags.Service)),
            $$"""
            {"serviceName":"cellpaintingService","cluster":"cellpainting","taskDefinition":"cellpaintingTask","desiredCount":0,
             "capacityProviderStrategy":[{"capacityProvider":"FARGATE_SPOT","weight":1}],"platformVersion":"LATEST",
             "networkConfiguration":{"awsvpcConfiguration":{"subnets":["{{Subnet}}","{{OtherSubnet}}"],"securityGroups":["{{SecurityGroup}}"],"assignPublicIp":"ENABLED"} },
             "tags":{{RunTagEcs}},"propagateTags":"SERVICE"}
            """),
        new("ECS ListTasks(service, STOPPED) to explain stopped tasks", AwsService.Ecs, "ListTasks",
            c => c.Ecs.ListTasksAsync(new ListTasksRequest(Cluster, "cellpaintingService", DesiredStatus: DesiredStatus.Stopped)),
            """{"cluster":"cellpainting","serviceName":"cellpaintingService","desiredStatus":"STOPPED"}"""),
        new("ECS DescribeTasks(include TAGS)", AwsService.Ecs, "DescribeTasks",
            c => c.Ecs.DescribeTasksAsync(new DescribeTasksRequest(["arn:aws:ecs:eu-west-1:123456789012:task/cellpainting/0123"], Cluster, [IncludeField.Tags])),
            """{"tasks":["arn:aws:ecs:eu-west-1:123456789012:task/cellpainting/0123"],"cluster":"cellpainting","include":["TAGS"]}"""),
        new("ECS ListContainerInstances(ACTIVE)", AwsService.Ecs, "ListContainerInstances",
            c => c.Ecs.ListContainerInstancesAsync(new ListContainerInstancesRequest(Cluster, ContainerInstanceStatus.Active)),
            """{"cluster":"cellpainting","status":"ACTIVE"}"""),
        new("ECS DescribeContainerInstances", AwsService.Ecs, "DescribeContainerInstances",
            c => c.Ecs.DescribeContainerInstancesAsync(new DescribeContainerInstancesRequest(["0123abcd"], Cluster)),
            """{"containerInstances":["0123abcd"],"cluster":"cellpainting"}"""),
        new("ECS DescribeServices", AwsService.Ecs, "DescribeServices",
            c => c.Ecs.DescribeServicesAsync(new DescribeServicesRequest(["cellpaintingService"], Cluster)),
            """{"services":["cellpaintingService"],"cluster":"cellpainting"}"""),
        new("ECS DescribeTaskDefinition(include TAGS)", AwsService.Ecs, "DescribeTaskDefinition",
            c => c.Ecs.DescribeTaskDefinitionAsync(new DescribeTaskDefinitionRequest("cellpaintingTask", [IncludeField.Tags])),
            """{"taskDefinition":"cellpaintingTask","include":["TAGS"]}"""),
        new("ECS TagResource(run tag)", AwsService.Ecs, "TagResource",
            c => c.Ecs.TagResourceAsync(new Fleetbook.Backends.Aws.Services.Ecs.TagResourceRequest("arn:aws:ecs:eu-west-1:123456789012:cluster/cellpainting", [RunTag])),
            $$"""{"resourceArn":"arn:aws:ecs:eu-west-1:123456789012:cluster/cellpainting","tags":{{RunTagEcs}}}"""),
        new("ECS ListTagsForResource", AwsService.Ecs, "ListTagsForResource",
            c => c.Ecs.ListTagsForResourceAsync(new ListTagsForResourceRequest("arn:aws:ecs:eu-west-1:123456789012:cluster/cellpainting")),
            """{"resourceArn":"arn:aws:ecs:eu-west-1:123456789012:cluster/cellpainting"}"""),

        // EC2 Fleet over a launch template
        new("EC2 CreateLaunchTemplate (image, instance profile, disks, network, user data, tags)", AwsService.Ec2, "CreateLaunchTemplate",
            c => c.Ec2.CreateLaunchTemplateAsync(new CreateLaunchTemplateRequest(
                "cellpainting",
                new LaunchTemplateData(
                    ImageId: "ami-0ce03502c5bb5e188",
                    IamInstanceProfile: new LaunchTemplateIamInstanceProfile(Arn: "arn:aws:iam::123456789012:instance-profile/ecsInstanceRole"),
                    BlockDeviceMappings:
                    [
                        new LaunchTemplateBlockDeviceMapping("/dev/xvda", new LaunchTemplateEbs(VolumeSize: 30, VolumeType: VolumeType.Gp3, DeleteOnTermination: true)),
                    ],
                    NetworkInterfaces: [new LaunchTemplateNetworkInterface(DeviceIndex: 0, Groups: [SecurityGroup], AssociatePublicIpAddress: true, DeleteOnTermination: true)],
                    UserData: "IyEvYmluL2Jhc2gK",
                    TagSpecifications: [new TagSpecification(Ec2ResourceType.Instance, [RunTag, new AwsTag("Name", "cellpaintingWorker")]), new TagSpecification(Ec2ResourceType.Volume, [RunTag])]),
                TagSpecifications: [new TagSpecification(Ec2ResourceType.LaunchTemplate, [RunTag])])),
            $$"""
            {"LaunchTemplateName":"cellpainting","LaunchTemplateData":{"ImageId":"ami-0ce03502c5bb5e188",
              "IamInstanceProfile":{"Arn":"arn:aws:iam::123456789012:instance-profile/ecsInstanceRole"},
              "BlockDeviceMappings":[{"DeviceName":"/dev/xvda","Ebs":{"VolumeSize":30,"VolumeType":"gp3","DeleteOnTermination":true} }],
              "NetworkInterfaces":[{"DeviceIndex":0,"Groups":["{{SecurityGroup}}"],"AssociatePublicIpAddress":true,"DeleteOnTermination":true}],
              "UserData":"IyEvYmluL2Jhc2gK",
              "TagSpecifications":[{"ResourceType":"instance","Tags":[{"Key":"fleetbook:run","Value":"cellpainting"},{"Key":"Name","Value":"cellpaintingWorker"}]},
                                   {"ResourceType":"volume","Tags":{{RunTagEc2}}}]},
             "TagSpecifications":[{"ResourceType":"launch-template","Tags":{{RunTagEc2}}}]}
            """),
        new("EC2 CreateFleet (maintain, spot capacity-optimized, overrides per instance type × subnet, tagged)", AwsService.Ec2, "CreateFleet",
            c => c.Ec2.CreateFleetAsync(new CreateFleetRequest(
                LaunchTemplateConfigs:
                [
                    new FleetLaunchTemplateConfig(new FleetLaunchTemplateSpecification(LaunchTemplateName: "cellpainting", Version: "$Latest"),
                    [
                        new FleetLaunchTemplateOverrides("m5.xlarge", Subnet),
                        new FleetLaunchTemplateOverrides("m5.xlarge", OtherSubnet),
                        new FleetLaunchTemplateOverrides("m5a.xlarge", Subnet, MaxPrice: "0.20"),
                    ]),
                ],
                TargetCapacitySpecification: new TargetCapacitySpecification(4, SpotTargetCapacity: 4, DefaultTargetCapacityType: DefaultTargetCapacityType.Spot),
                Type: FleetType.Maintain,
                SpotOptions: new FleetSpotOptions(SpotAllocationStrategy.CapacityOptimized),
                ExcessCapacityTerminationPolicy: FleetExcessCapacityTerminationPolicy.NoTermination,
                TerminateInstancesWithExpiration: true,
                ValidUntil: Now.AddDays(7),
                TagSpecifications: [new TagSpecification(Ec2ResourceType.Fleet, [RunTag])])),
            $$"""
            {"LaunchTemplateConfigs":[{"LaunchTemplateSpecification":{"LaunchTemplateName":"cellpainting","Version":"$Latest"},
               "Overrides":[{"InstanceType":"m5.xlarge","SubnetId":"{{Subnet}}"},{"InstanceType":"m5.xlarge","SubnetId":"{{OtherSubnet}}"},
                            {"InstanceType":"m5a.xlarge","SubnetId":"{{Subnet}}","MaxPrice":"0.20"}]}],
             "TargetCapacitySpecification":{"TotalTargetCapacity":4,"SpotTargetCapacity":4,"DefaultTargetCapacityType":"spot"},
             "Type":"maintain","SpotOptions":{"AllocationStrategy":"capacity-optimized"},"ExcessCapacityTerminationPolicy":"no-termination",
             "TerminateInstancesWithExpiration":true,"ValidUntil":"2024-05-13T07:08:09.0000000+00:00",
             "TagSpecifications":[{"ResourceType":"fleet","Tags":{{RunTagEc2}}}]}
            """),
        new("EC2 DescribeFleets", AwsService.Ec2, "DescribeFleets",
            c => c.Ec2.DescribeFleetsAsync(new DescribeFleetsRequest(["fleet-0123"])), """{"FleetIds":["fleet-0123"]}"""),
        new("EC2 DescribeFleetInstances", AwsService.Ec2, "DescribeFleetInstances",
            c => c.Ec2.DescribeFleetInstancesAsync(new DescribeFleetInstancesRequest("fleet-0123")), """{"FleetId":"fleet-0123"}"""),
        new("EC2 ModifyFleet(lower the target, no termination)", AwsService.Ec2, "ModifyFleet",
            c => c.Ec2.ModifyFleetAsync(new ModifyFleetRequest("fleet-0123", new TargetCapacitySpecification(1), FleetExcessCapacityTerminationPolicy.NoTermination)),
            """{"FleetId":"fleet-0123","TargetCapacitySpecification":{"TotalTargetCapacity":1},"ExcessCapacityTerminationPolicy":"no-termination"}"""),
        new("EC2 DeleteFleets(TerminateInstances)", AwsService.Ec2, "DeleteFleets",
            c => c.Ec2.DeleteFleetsAsync(new DeleteFleetsRequest(["fleet-0123"], TerminateInstances: true)), """{"FleetIds":["fleet-0123"],"TerminateInstances":true}"""),
        new("EC2 DeleteLaunchTemplate(by name)", AwsService.Ec2, "DeleteLaunchTemplate",
            c => c.Ec2.DeleteLaunchTemplateAsync(new DeleteLaunchTemplateRequest(LaunchTemplateName: "cellpainting")), """{"LaunchTemplateName":"cellpainting"}"""),
        new("EC2 RequestSpotFleet with the fleet file tagged (request and machines)", AwsService.Ec2, "RequestSpotFleet",
            c => c.Ec2.RequestSpotFleetAsync(new RequestSpotFleetRequest(SpotFleetConfigs.WithTags(DistributedSomethingCalls.MergedFleetConfig(), [RunTag]))),
            TaggedFleetRequest()),

        // Machines and look-ups
        new("EC2 DescribeInstances(by run tag, pending or running)", AwsService.Ec2, "DescribeInstances",
            c => c.Ec2.DescribeInstancesAsync(new DescribeInstancesRequest(Filters: [new Ec2Filter("tag:fleetbook:run", [App]), new Ec2Filter("instance-state-name", ["pending", "running"])])),
            """{"Filters":[{"Name":"tag:fleetbook:run","Values":["cellpainting"]},{"Name":"instance-state-name","Values":["pending","running"]}]}"""),
        new("EC2 CreateTags(run tag)", AwsService.Ec2, "CreateTags",
            c => c.Ec2.CreateTagsAsync(new CreateTagsRequest(["i-0123456789abcdef0"], [RunTag])),
            $$"""{"Resources":["i-0123456789abcdef0"],"Tags":{{RunTagEc2}}}"""),
        new("EC2 DescribeImages(ECS-optimized, by Amazon)", AwsService.Ec2, "DescribeImages",
            c => c.Ec2.DescribeImagesAsync(new DescribeImagesRequest(Owners: ["amazon"], Filters: [new Ec2Filter("name", ["al2023-ami-ecs-hvm-*-x86_64"])])),
            """{"Owners":["amazon"],"Filters":[{"Name":"name","Values":["al2023-ami-ecs-hvm-*-x86_64"]}]}"""),
        new("EC2 DescribeImages(the fleet file's image)", AwsService.Ec2, "DescribeImages",
            c => c.Ec2.DescribeImagesAsync(new DescribeImagesRequest(["ami-0ce03502c5bb5e188"])), """{"ImageIds":["ami-0ce03502c5bb5e188"]}"""),
        new("EC2 DescribeSubnets", AwsService.Ec2, "DescribeSubnets",
            c => c.Ec2.DescribeSubnetsAsync(new DescribeSubnetsRequest([Subnet])), $$"""{"SubnetIds":["{{Subnet}}"]}"""),
        new("EC2 DescribeSecurityGroups", AwsService.Ec2, "DescribeSecurityGroups",
            c => c.Ec2.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest([SecurityGroup])), $$"""{"GroupIds":["{{SecurityGroup}}"]}"""),
        new("EC2 DescribeInstanceTypes(vCPUs and memory of the machine types)", AwsService.Ec2, "DescribeInstanceTypes",
            c => c.Ec2.DescribeInstanceTypesAsync(new DescribeInstanceTypesRequest(["m5.xlarge", "c5.2xlarge"])), """{"InstanceTypes":["m5.xlarge","c5.2xlarge"]}"""),
        new("EC2 DescribeSpotPriceHistory(Linux/UNIX, since a time)", AwsService.Ec2, "DescribeSpotPriceHistory",
            c => c.Ec2.DescribeSpotPriceHistoryAsync(new DescribeSpotPriceHistoryRequest(["m5.xlarge"], ["Linux/UNIX"], StartTime: Now)),
            """{"InstanceTypes":["m5.xlarge"],"ProductDescriptions":["Linux/UNIX"],"StartTime":"2024-05-06T07:08:09.0000000+00:00"}"""),

        // Logs
        new("Logs CreateLogGroup tagged at creation", AwsService.Logs, "CreateLogGroup",
            c => c.Logs.CreateLogGroupAsync(new CreateLogGroupRequest(App, new Dictionary<string, string> { [AwsTag.RunKey] = App })),
            """{"logGroupName":"cellpainting","tags":{"fleetbook:run":"cellpainting"}}"""),
        new("Logs TagResource(log group ARN)", AwsService.Logs, "TagResource",
            c => c.Logs.TagResourceAsync(new Fleetbook.Backends.Aws.Services.Logs.TagResourceRequest("arn:aws:logs:eu-west-1:123456789012:log-group:cellpainting", new Dictionary<string, string> { [AwsTag.RunKey] = App })),
            """{"resourceArn":"arn:aws:logs:eu-west-1:123456789012:log-group:cellpainting","tags":{"fleetbook:run":"cellpainting"}}"""),
        new("Logs CreateLogStream(one per job)", AwsService.Logs, "CreateLogStream",
            c => c.Logs.CreateLogStreamAsync(new CreateLogStreamRequest(App, "Metadata_Plate=Plate1,Metadata_Well=A01")),
            """{"logGroupName":"cellpainting","logStreamName":"Metadata_Plate=Plate1,Metadata_Well=A01"}"""),
        new("Logs PutLogEvents", AwsService.Logs, "PutLogEvents",
            c => c.Logs.PutLogEventsAsync(new PutLogEventsRequest(App, "job-1", [new InputLogEvent(Now, "started"), new InputLogEvent(Now.AddSeconds(1), "done")])),
            """{"logGroupName":"cellpainting","logStreamName":"job-1","logEvents":[{"timestamp":1714979289000,"message":"started"},{"timestamp":1714979290000,"message":"done"}]}"""),
        new("Logs GetLogEvents(from the start)", AwsService.Logs, "GetLogEvents",
            c => c.Logs.GetLogEventsAsync(new GetLogEventsRequest("job-1", App, StartFromHead: true)),
            """{"logStreamName":"job-1","logGroupName":"cellpainting","startFromHead":true}"""),
        new("Logs FilterLogEvents(errors since the start)", AwsService.Logs, "FilterLogEvents",
            c => c.Logs.FilterLogEventsAsync(new FilterLogEventsRequest(App, StartTime: Now, FilterPattern: "Error")),
            """{"logGroupName":"cellpainting","startTime":1714979289000,"filterPattern":"Error"}"""),
        new("Logs DeleteLogGroup", AwsService.Logs, "DeleteLogGroup",
            c => c.Logs.DeleteLogGroupAsync(new DeleteLogGroupRequest(App)), """{"logGroupName":"cellpainting"}"""),

        // CloudWatch
        new("CloudWatch PutMetricAlarm idle machine, tagged", AwsService.CloudWatch, "PutMetricAlarm",
            c => c.CloudWatch.PutMetricAlarmAsync(MetricAlarms.IdleInstance(App, "i-0123456789abcdef0", "eu-west-1", "123456789012", [RunTag])),
            $$"""
            {"AlarmName":"cellpainting_i-0123456789abcdef0","Namespace":"AWS/EC2","MetricName":"CPUUtilization","Statistic":"Maximum","Period":60,
             "EvaluationPeriods":15,"Threshold":1,"ComparisonOperator":"LessThanThreshold","Dimensions":[{"Name":"InstanceId","Value":"i-0123456789abcdef0"}],
             "AlarmActions":["arn:aws:swf:eu-west-1:123456789012:action/actions/AWS_EC2.InstanceId.Terminate/1.0"],"Tags":{{RunTagEc2}}}
            """),
        new("CloudWatch PutDashboard tagged", AwsService.CloudWatch, "PutDashboard",
            c => c.CloudWatch.PutDashboardAsync(new PutDashboardRequest(App, """{"widgets":[]}""", [RunTag])),
            $$"""{"DashboardName":"cellpainting","DashboardBody":"{\"widgets\":[]}","Tags":{{RunTagEc2}}}"""),
        new("CloudWatch DescribeAlarms(by names)", AwsService.CloudWatch, "DescribeAlarms",
            c => c.CloudWatch.DescribeAlarmsAsync(new DescribeAlarmsRequest(["cellpainting_i-0123456789abcdef0"], StateValue: AlarmState.Alarm)),
            """{"AlarmNames":["cellpainting_i-0123456789abcdef0"],"StateValue":"ALARM"}"""),
        new("CloudWatch GetMetricData(queue depth, 5-minute averages)", AwsService.CloudWatch, "GetMetricData",
            c => c.CloudWatch.GetMetricDataAsync(new GetMetricDataRequest(
                [new MetricDataQuery("visible", new MetricStat(new Metric("AWS/SQS", "ApproximateNumberOfMessagesVisible", [new Dimension("QueueName", "cellpaintingQueue")]), 300, "Average"))],
                Now.AddHours(-3), Now, ScanBy.TimestampAscending)),
            """
            {"MetricDataQueries":[{"Id":"visible","MetricStat":{"Metric":{"Namespace":"AWS/SQS","MetricName":"ApproximateNumberOfMessagesVisible",
               "Dimensions":[{"Name":"QueueName","Value":"cellpaintingQueue"}]},"Period":300,"Stat":"Average"}}],
             "StartTime":"2024-05-06T04:08:09.0000000+00:00","EndTime":"2024-05-06T07:08:09.0000000+00:00","ScanBy":"TimestampAscending"}
            """),
    ];

    public static TheoryData<string> Names() => [.. All.Select(c => c.Name)];

    public static ExampleCall Named(string name) => All.Single(c => c.Name == name);

    private static string TaggedFleetRequest()
    {
        var config = DistributedSomethingCalls.MergedFleetConfig();
        config["TagSpecifications"] = System.Text.Json.Nodes.JsonNode.Parse($$"""[{"ResourceType":"spot-fleet-request","Tags":{{RunTagEc2}}}]""");
        config["LaunchSpecifications"]![0]!["TagSpecifications"] = System.Text.Json.Nodes.JsonNode.Parse($$"""[{"ResourceType":"instance","Tags":{{RunTagEc2}}}]""");
        return new System.Text.Json.Nodes.JsonObject { ["SpotFleetRequestConfig"] = config }.ToJsonString();
    }
}

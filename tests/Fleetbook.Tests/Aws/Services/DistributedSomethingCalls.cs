using System.Text;
using System.Text.Json.Nodes;
using Fleetbook.Backends.Aws;
using Fleetbook.Backends.Aws.Services.CloudWatch;
using Fleetbook.Backends.Aws.Services.Ec2;
using Fleetbook.Backends.Aws.Services.Ecs;
using Fleetbook.Backends.Aws.Services.Logs;

namespace Fleetbook.Tests.Aws.Services;

/// <summary>
/// Every AWS call Distributed-Something / Distributed-CellProfiler makes against ECS, EC2, CloudWatch Logs and
/// CloudWatch (anchors §2.1–§2.4, §2.6 and the worker's alarm in §3.2), with the parameters they pass, expressed
/// through the typed clients.
/// </summary>
public static class DistributedSomethingCalls
{
    public const string App = "DistributedCP";
    public const string Cluster = "dcp-cluster";
    public const string FleetId = "sfr-0123abcd-4567-89ef-0123-456789abcdef";
    public const string InstanceId = "i-0123456789abcdef0";
    public const string TopicArn = "arn:aws:sns:us-east-1:123456789012:Monitor";
    public static readonly DateTimeOffset StartedAt = new(2024, 5, 6, 7, 8, 9, TimeSpan.Zero);

    /// <summary>Distributed-CellProfiler's files/exampleFleet_us-east-1.json, verbatim.</summary>
    public const string ExampleFleetFile = """
        {
          "IamFleetRole": "arn:aws:iam::XXXXXXXXXXXXX:role/aws-ec2-spot-fleet-tagging-role",
          "AllocationStrategy": "lowestPrice",
          "TerminateInstancesWithExpiration": true,
          "LaunchSpecifications": [
            {
              "ImageId": "ami-0ce03502c5bb5e188",
              "KeyName": "your_key_file_name",
              "IamInstanceProfile": { "Arn": "arn:aws:iam::XXXXXXXXXXXX:instance-profile/ecsInstanceRole" },
              "BlockDeviceMappings": [
                { "DeviceName": "/dev/xvda", "Ebs": { "DeleteOnTermination": true, "VolumeType": "gp3", "VolumeSize": 8, "SnapshotId": "snap-0a7b4ece894d62882" } },
                { "DeviceName": "/dev/xvdcz", "Ebs": { "DeleteOnTermination": true, "VolumeType": "gp3" } }
              ],
              "NetworkInterfaces": [
                { "DeviceIndex": 0, "SubnetId": "subnet-WWWWWWWW", "DeleteOnTermination": true, "AssociatePublicIpAddress": false, "Groups": [ "sg-ZZZZZZZZZ" ] }
              ]
            }
          ],
          "Type": "maintain"
        }
        """;

    /// <summary>The fleet file merged with the config as startCluster does (§2.3 step 3): 3 × m5.xlarge at $0.20, 30 GB.</summary>
    public static JsonObject MergedFleetConfig()
    {
        var config = JsonNode.Parse(ExampleFleetFile)!.AsObject();
        config["ValidFrom"] = StartedAt.ToString("O");
        config["ValidUntil"] = StartedAt.AddDays(365).ToString("O");
        config["TargetCapacity"] = 3;
        config["SpotPrice"] = "0.20";
        var specification = config["LaunchSpecifications"]![0]!;
        specification["UserData"] = Convert.ToBase64String(Encoding.UTF8.GetBytes("#!/bin/bash\naws s3 cp s3://bucket/ecsconfigs/DistributedCP_ecs.config /etc/ecs/ecs.config\n"));
        specification["BlockDeviceMappings"]![1]!["Ebs"]!["VolumeSize"] = 30;
        specification["InstanceType"] = "m5.xlarge";
        return config;
    }

    public static IReadOnlyList<ExampleCall> All { get; } =
    [
        // §2.1 setup
        new("2.1.4 ECS ListClusters", AwsService.Ecs, "ListClusters",
            c => c.Ecs.ListClustersAsync(new ListClustersRequest()), "{}"),
        new("2.1.4 ECS CreateCluster(clusterName)", AwsService.Ecs, "CreateCluster",
            c => c.Ecs.CreateClusterAsync(new CreateClusterRequest(Cluster)), """{"clusterName":"dcp-cluster"}"""),
        new("2.1.5 ECS RegisterTaskDefinition(family, containerDefinitions, taskRoleArn)", AwsService.Ecs, "RegisterTaskDefinition",
            c => c.Ecs.RegisterTaskDefinitionAsync(new RegisterTaskDefinitionRequest(
                Family: App + "Task",
                ContainerDefinitions:
                [
                    new ContainerDefinition(
                        Name: App,
                        Image: "cellprofiler/distributed-cellprofiler:2.2.0_4.2.8",
                        Cpu: 4096,
                        Memory: 15000,
                        Essential: true,
                        Privileged: true,
                        Environment: [new EnvironmentVariable("AWS_REGION", "us-east-1"), new EnvironmentVariable("APP_NAME", App), new EnvironmentVariable("DOCKER_CORES", "4")],
                        LogConfiguration: new LogConfiguration(LogDriver.Awslogs, new Dictionary<string, string>
                        {
                            ["awslogs-group"] = App + "_perInstance",
                            ["awslogs-region"] = "us-east-1",
                            ["awslogs-stream-prefix"] = App,
                        })),
                ],
                TaskRoleArn: "arn:aws:iam::123456789012:role/DistributedCPTaskRole")),
            """
            {"family":"DistributedCPTask","containerDefinitions":[{"name":"DistributedCP","image":"cellprofiler/distributed-cellprofiler:2.2.0_4.2.8",
             "cpu":4096,"memory":15000,"essential":true,"privileged":true,
             "environment":[{"name":"AWS_REGION","value":"us-east-1"},{"name":"APP_NAME","value":"DistributedCP"},{"name":"DOCKER_CORES","value":"4"}],
             "logConfiguration":{"logDriver":"awslogs","options":{"awslogs-group":"DistributedCP_perInstance","awslogs-region":"us-east-1","awslogs-stream-prefix":"DistributedCP"}}}],
             "taskRoleArn":"arn:aws:iam::123456789012:role/DistributedCPTaskRole"}
            """),
        new("2.1.6 ECS ListServices(cluster)", AwsService.Ecs, "ListServices",
            c => c.Ecs.ListServicesAsync(new ListServicesRequest(Cluster)), """{"cluster":"dcp-cluster"}"""),
        new("2.1.6 ECS DeleteService(cluster, service)", AwsService.Ecs, "DeleteService",
            c => c.Ecs.DeleteServiceAsync(new DeleteServiceRequest(App + "Service", Cluster)), """{"service":"DistributedCPService","cluster":"dcp-cluster"}"""),
        new("2.1.6 ECS CreateService(cluster, serviceName, taskDefinition, desiredCount=0)", AwsService.Ecs, "CreateService",
            c => c.Ecs.CreateServiceAsync(new CreateServiceRequest(App + "Service", Cluster, App + "Task", DesiredCount: 0)),
            """{"serviceName":"DistributedCPService","cluster":"dcp-cluster","taskDefinition":"DistributedCPTask","desiredCount":0}"""),

        // §2.3 startCluster
        new("2.3.4 EC2 RequestSpotFleet(SpotFleetRequestConfig=<merged fleet file>)", AwsService.Ec2, "RequestSpotFleet",
            c => c.Ec2.RequestSpotFleetAsync(new RequestSpotFleetRequest(MergedFleetConfig())),
            new JsonObject { ["SpotFleetRequestConfig"] = MergedFleetConfig() }.ToJsonString()),
        new("2.3.7 Logs DescribeLogGroups(logGroupNamePrefix)", AwsService.Logs, "DescribeLogGroups",
            c => c.Logs.DescribeLogGroupsAsync(new DescribeLogGroupsRequest(App)), """{"logGroupNamePrefix":"DistributedCP"}"""),
        new("2.3.7 Logs CreateLogGroup", AwsService.Logs, "CreateLogGroup",
            c => c.Logs.CreateLogGroupAsync(new CreateLogGroupRequest(App + "_perInstance")), """{"logGroupName":"DistributedCP_perInstance"}"""),
        new("2.3.7 Logs PutRetentionPolicy(retentionInDays=60)", AwsService.Logs, "PutRetentionPolicy",
            c => c.Logs.PutRetentionPolicyAsync(new PutRetentionPolicyRequest(App, 60)), """{"logGroupName":"DistributedCP","retentionInDays":60}"""),
        new("2.3.8 ECS UpdateService(desiredCount=CLUSTER_MACHINES*TASKS_PER_MACHINE)", AwsService.Ecs, "UpdateService",
            c => c.Ecs.UpdateServiceAsync(new UpdateServiceRequest(App + "Service", Cluster, DesiredCount: 3)),
            """{"service":"DistributedCPService","cluster":"dcp-cluster","desiredCount":3}"""),
        new("2.3.9 EC2 DescribeSpotFleetInstances", AwsService.Ec2, "DescribeSpotFleetInstances",
            c => c.Ec2.DescribeSpotFleetInstancesAsync(new DescribeSpotFleetInstancesRequest(FleetId)), $$"""{"SpotFleetRequestId":"{{FleetId}}"}"""),
        new("2.3.9 EC2 DescribeSpotFleetRequestHistory(EventType=error, StartTime=start-1min)", AwsService.Ec2, "DescribeSpotFleetRequestHistory",
            c => c.Ec2.DescribeSpotFleetRequestHistoryAsync(new DescribeSpotFleetRequestHistoryRequest(FleetId, StartedAt.AddMinutes(-1), SpotFleetEventType.Error)),
            $$"""{"SpotFleetRequestId":"{{FleetId}}","StartTime":"2024-05-06T07:07:09.0000000+00:00","EventType":"error"}"""),
        new("2.3.9 EC2 CancelSpotFleetRequests(TerminateInstances=True)", AwsService.Ec2, "CancelSpotFleetRequests",
            c => c.Ec2.CancelSpotFleetRequestsAsync(new CancelSpotFleetRequestsRequest([FleetId], TerminateInstances: true)),
            $$"""{"SpotFleetRequestIds":["{{FleetId}}"],"TerminateInstances":true}"""),
        new("2.3.10 CloudWatch PutDashboard(DashboardName, DashboardBody)", AwsService.CloudWatch, "PutDashboard",
            c => c.CloudWatch.PutDashboardAsync(new PutDashboardRequest(App, """{"widgets":[]}""")),
            """{"DashboardName":"DistributedCP","DashboardBody":"{\"widgets\":[]}"}"""),
        new("2.3.11 CloudWatch PutMetricAlarm(ApproximateNumberOfMessagesVisibleisZero_APP)", AwsService.CloudWatch, "PutMetricAlarm",
            c => c.CloudWatch.PutMetricAlarmAsync(MetricAlarms.QueueIsEmpty(App, App + "Queue", "ApproximateNumberOfMessagesVisible", TopicArn)),
            $$"""
            {"AlarmName":"ApproximateNumberOfMessagesVisibleisZero_DistributedCP","ActionsEnabled":true,"OKActions":[],"AlarmActions":["{{TopicArn}}"],
             "InsufficientDataActions":[],"MetricName":"ApproximateNumberOfMessagesVisible","Namespace":"AWS/SQS","Statistic":"Average",
             "Dimensions":[{"Name":"QueueName","Value":"DistributedCPQueue"}],"Period":300,"EvaluationPeriods":1,"DatapointsToAlarm":1,"Threshold":0,
             "ComparisonOperator":"LessThanOrEqualToThreshold","TreatMissingData":"missing"}
            """),

        // §2.4 monitor
        new("2.4.2 EC2 ModifySpotFleetRequest(ExcessCapacityTerminationPolicy=noTermination, TargetCapacity=1)", AwsService.Ec2, "ModifySpotFleetRequest",
            c => c.Ec2.ModifySpotFleetRequestAsync(new ModifySpotFleetRequestRequest(FleetId, TargetCapacity: 1, ExcessCapacityTerminationPolicy: ExcessCapacityTerminationPolicy.NoTermination)),
            $$"""{"SpotFleetRequestId":"{{FleetId}}","TargetCapacity":1,"ExcessCapacityTerminationPolicy":"noTermination"}"""),
        new("2.4.2 EC2 DescribeSpotFleetRequests", AwsService.Ec2, "DescribeSpotFleetRequests",
            c => c.Ec2.DescribeSpotFleetRequestsAsync(new DescribeSpotFleetRequestsRequest([FleetId])), $$"""{"SpotFleetRequestIds":["{{FleetId}}"]}"""),
        new("2.4.3 EC2 DescribeSpotFleetRequestHistory(StartTime=now-2h)", AwsService.Ec2, "DescribeSpotFleetRequestHistory",
            c => c.Ec2.DescribeSpotFleetRequestHistoryAsync(new DescribeSpotFleetRequestHistoryRequest(FleetId, StartedAt.AddHours(-2))),
            $$"""{"SpotFleetRequestId":"{{FleetId}}","StartTime":"2024-05-06T05:08:09.0000000+00:00"}"""),
        new("2.4.3 CloudWatch DescribeAlarms(AlarmNamePrefix=APP_NAME)", AwsService.CloudWatch, "DescribeAlarms",
            c => c.CloudWatch.DescribeAlarmsAsync(new DescribeAlarmsRequest(AlarmNamePrefix: App)), """{"AlarmNamePrefix":"DistributedCP"}"""),
        new("2.4.3 CloudWatch DeleteAlarms([APP_NAME_<id>])", AwsService.CloudWatch, "DeleteAlarms",
            c => c.CloudWatch.DeleteAlarmsAsync(new DeleteAlarmsRequest([$"{App}_{InstanceId}"])), $$"""{"AlarmNames":["{{App}}_{{InstanceId}}"]}"""),
        new("2.4.3 EC2 ModifySpotFleetRequest(downscale to in-flight jobs)", AwsService.Ec2, "ModifySpotFleetRequest",
            c => c.Ec2.ModifySpotFleetRequestAsync(new ModifySpotFleetRequestRequest(FleetId, TargetCapacity: 2, ExcessCapacityTerminationPolicy: ExcessCapacityTerminationPolicy.NoTermination)),
            $$"""{"SpotFleetRequestId":"{{FleetId}}","TargetCapacity":2,"ExcessCapacityTerminationPolicy":"noTermination"}"""),
        new("2.4.4 ECS UpdateService(desiredCount=0)", AwsService.Ecs, "UpdateService",
            c => c.Ecs.UpdateServiceAsync(new UpdateServiceRequest(App + "Service", Cluster, DesiredCount: 0)),
            """{"service":"DistributedCPService","cluster":"dcp-cluster","desiredCount":0}"""),
        new("2.4.4 ECS ListTaskDefinitions(familyPrefix, status=ACTIVE)", AwsService.Ecs, "ListTaskDefinitions",
            c => c.Ecs.ListTaskDefinitionsAsync(new ListTaskDefinitionsRequest(App + "Task", TaskDefinitionStatus.Active)),
            """{"familyPrefix":"DistributedCPTask","status":"ACTIVE"}"""),
        new("2.4.4 ECS DeregisterTaskDefinition", AwsService.Ecs, "DeregisterTaskDefinition",
            c => c.Ecs.DeregisterTaskDefinitionAsync(new DeregisterTaskDefinitionRequest(App + "Task:3")), """{"taskDefinition":"DistributedCPTask:3"}"""),
        new("2.4.4 ECS DescribeClusters", AwsService.Ecs, "DescribeClusters",
            c => c.Ecs.DescribeClustersAsync(new DescribeClustersRequest([Cluster])), """{"clusters":["dcp-cluster"]}"""),
        new("2.4.4 ECS DeleteCluster", AwsService.Ecs, "DeleteCluster",
            c => c.Ecs.DeleteClusterAsync(new DeleteClusterRequest(Cluster)), """{"cluster":"dcp-cluster"}"""),
        new("2.4.4 CloudWatch ListDashboards", AwsService.CloudWatch, "ListDashboards",
            c => c.CloudWatch.ListDashboardsAsync(new ListDashboardsRequest()), "{}"),
        new("2.4.4 CloudWatch DeleteDashboards", AwsService.CloudWatch, "DeleteDashboards",
            c => c.CloudWatch.DeleteDashboardsAsync(new DeleteDashboardsRequest([App])), """{"DashboardNames":["DistributedCP"]}"""),
        new("2.4.4 Logs CreateExportTask(taskName, logGroupName, fromTime, to, destination, destinationPrefix)", AwsService.Logs, "CreateExportTask",
            c => c.Logs.CreateExportTaskAsync(new CreateExportTaskRequest(App, StartedAt, StartedAt.AddHours(5), "dcp-bucket", "exportedlogs/" + App, TaskName: App)),
            """{"logGroupName":"DistributedCP","from":1714979289000,"to":1714997289000,"destination":"dcp-bucket","destinationPrefix":"exportedlogs/DistributedCP","taskName":"DistributedCP"}"""),
        new("2.4.4 Logs DescribeExportTasks(taskId)", AwsService.Logs, "DescribeExportTasks",
            c => c.Logs.DescribeExportTasksAsync(new DescribeExportTasksRequest("efb6f2b4-1f2c-4d1a-9d1e-0123456789ab")), """{"taskId":"efb6f2b4-1f2c-4d1a-9d1e-0123456789ab"}"""),

        // §3.2 the worker's per-machine idle alarm
        new("3.2.4 CloudWatch PutMetricAlarm(APP_NAME_<instance>, CPUUtilization Maximum < 1 for 15 × 60 s, terminate)", AwsService.CloudWatch, "PutMetricAlarm",
            c => c.CloudWatch.PutMetricAlarmAsync(MetricAlarms.IdleInstance(App, InstanceId, "us-east-1", "123456789012")),
            $$"""
            {"AlarmName":"DistributedCP_{{InstanceId}}","Namespace":"AWS/EC2","MetricName":"CPUUtilization","Statistic":"Maximum","Period":60,
             "EvaluationPeriods":15,"Threshold":1,"ComparisonOperator":"LessThanThreshold","Dimensions":[{"Name":"InstanceId","Value":"{{InstanceId}}"}],
             "AlarmActions":["arn:aws:swf:us-east-1:123456789012:action/actions/AWS_EC2.InstanceId.Terminate/1.0"]}
            """),
    ];

    public static TheoryData<string> Names() => [.. All.Select(c => c.Name)];

    public static ExampleCall Named(string name) => All.Single(c => c.Name == name);
}

using System.Text;
using System.Text.Json.Nodes;

namespace Fleetbook.Tests.Aws.FakeServerTests;

/// <summary>Distributed-Something's example fleet file and task definition, merged as run.py does (anchors §2.1, §2.3).</summary>
internal static class DsExample
{
    public const string AppName = "FakeRunApp";
    public const string Cluster = "FakeRunCluster";
    public const string Bucket = "fake-run-bucket";

    /// <summary>files/exampleFleet_us-east-1.json (DS variant) merged with the config: times, capacity, price, user data, volume size, instance type, no public IP.</summary>
    public static JsonObject SpotFleetRequestConfig(int machines = 2, string machineType = "m5.xlarge", string imageId = "ami-fad25980", DateTimeOffset? now = null)
    {
        var thistime = now ?? DateTimeOffset.UtcNow;
        var config = (JsonObject)JsonNode.Parse("""
            {
              "IamFleetRole": "arn:aws:iam::123456789012:role/aws-ec2-spot-fleet-tagging-role",
              "AllocationStrategy": "lowestPrice",
              "TerminateInstancesWithExpiration": true,
              "LaunchSpecifications": [
                {
                  "ImageId": "ami-fad25980",
                  "KeyName": "your-key-file",
                  "IamInstanceProfile": { "Arn": "arn:aws:iam::123456789012:instance-profile/ecsInstanceRole" },
                  "BlockDeviceMappings": [
                    { "DeviceName": "/dev/xvda", "Ebs": { "DeleteOnTermination": true, "VolumeType": "gp2", "VolumeSize": 8, "SnapshotId": "snap-04007a196c0f3f398" } },
                    { "DeviceName": "/dev/xvdcz", "Ebs": { "DeleteOnTermination": true, "VolumeType": "gp2" } }
                  ],
                  "NetworkInterfaces": [
                    { "DeviceIndex": 0, "SubnetId": "subnet-0123abcd", "DeleteOnTermination": true, "AssociatePublicIpAddress": false, "Groups": [ "sg-0123abcd" ] }
                  ]
                }
              ],
              "Type": "maintain"
            }
            """)!;
        config["ValidFrom"] = thistime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        config["ValidUntil"] = thistime.AddDays(365).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        config["TargetCapacity"] = machines;
        config["SpotPrice"] = "0.10";
        foreach (var specification in config["LaunchSpecifications"]!.AsArray().OfType<JsonObject>())
        {
            specification["ImageId"] = imageId;
            specification["UserData"] = UserData();
            specification["BlockDeviceMappings"]![1]!["Ebs"]!["VolumeSize"] = 22;
            specification["InstanceType"] = machineType;
        }

        config["LaunchSpecifications"]![0]!["NetworkInterfaces"]![0]!["AssociatePublicIpAddress"] = false;
        return config;
    }

    /// <summary>DS's base64 MIME user data: a boothook, then a script that copies s3://bucket/ecsconfigs/APP_ecs.config to /etc/ecs/ecs.config.</summary>
    public static string UserData() => Convert.ToBase64String(Encoding.UTF8.GetBytes($$"""
        Content-Type: multipart/mixed; boundary="==BOUNDARY=="
        MIME-Version: 1.0

        --==BOUNDARY==
        Content-Type: text/cloud-boothook; charset="us-ascii"

        #!/bin/bash
        echo 'OPTIONS="${OPTIONS} --storage-opt dm.basesize=20G"' >> /etc/sysconfig/docker

        --==BOUNDARY==
        Content-Type: text/x-shellscript; charset="us-ascii"

        #!/bin/bash
        sudo yum install -y aws-cli
        sudo yum install -y awslogs
        aws s3 cp s3://{{Bucket}}/ecsconfigs/{{AppName}}_ecs.config /etc/ecs/ecs.config
        --==BOUNDARY==--
        """));

    /// <summary>The ecs.config object DS uploads (read by the fake's ECS agent through ReadS3Object).</summary>
    public static string EcsConfig => $"ECS_CLUSTER={Cluster}\nECS_AVAILABLE_LOGGING_DRIVERS=[\"json-file\",\"awslogs\"]\n";

    /// <summary>RegisterTaskDefinition as DS's setup sends it (CPU_SHARES 4096, MEMORY 15000).</summary>
    public static JsonObject TaskDefinition(int cpu = 4096, int memory = 15000) => new()
    {
        ["family"] = AppName + "Task",
        ["containerDefinitions"] = new JsonArray
        {
            new JsonObject
            {
                ["name"] = AppName,
                ["image"] = "someuser/somedocker:sometag",
                ["cpu"] = cpu,
                ["memory"] = memory,
                ["essential"] = true,
                ["privileged"] = true,
                ["logConfiguration"] = new JsonObject
                {
                    ["logDriver"] = "awslogs",
                    ["options"] = new JsonObject
                    {
                        ["awslogs-group"] = AppName + "_perInstance",
                        ["awslogs-region"] = "us-east-1",
                        ["awslogs-stream-prefix"] = AppName,
                    },
                },
                ["environment"] = new JsonArray
                {
                    new JsonObject { ["name"] = "AWS_REGION", ["value"] = "us-east-1" },
                    new JsonObject { ["name"] = "APP_NAME", ["value"] = AppName },
                    new JsonObject { ["name"] = "SQS_QUEUE_URL", ["value"] = "http://127.0.0.1:1/123456789012/" + AppName + "Queue" },
                    new JsonObject { ["name"] = "AWS_BUCKET", ["value"] = Bucket },
                    new JsonObject { ["name"] = "DOCKER_CORES", ["value"] = "1" },
                    new JsonObject { ["name"] = "LOG_GROUP_NAME", ["value"] = AppName },
                    new JsonObject { ["name"] = "ECS_CLUSTER", ["value"] = Cluster },
                },
            },
        },
    };
}

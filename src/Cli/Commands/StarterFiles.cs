namespace Fleetbook.Cli.Commands;

/// <summary>The job and fleet files of a starter project, in Distributed-Something's own formats.</summary>
internal static class StarterFiles
{
    public const string JobFile = """
        {
          "_comment0": "All keys that contain '_comment' are left out of the messages sent to the queue",
          "_comment1": "The top part holds values common to all jobs",
          "input_location": "Somewhere/on/your/bucket",
          "job_flag_1": "True",
          "_comment2": "Each group below is one job; the command reaches its values as {group.job_flag_2}",
          "groups": [
            {"job_flag_2": "A", "job_flag_3": "foo"},
            {"job_flag_2": "A", "job_flag_3": "bar"},
            {"job_flag_2": "B", "job_flag_3": "foo"},
            {"job_flag_2": "B", "job_flag_3": "bar"}
          ]
        }

        """;

    public const string FleetFile = """
        {
          "IamFleetRole": "arn:aws:iam::XXXXXXXXXXXX:role/aws-ec2-spot-fleet-tagging-role",
          "AllocationStrategy": "lowestPrice",
          "TerminateInstancesWithExpiration": true,
          "LaunchSpecifications": [
            {
              "ImageId": "ami-0ce03502c5bb5e188",
              "KeyName": "your_key_file_name",
              "IamInstanceProfile": {
                "Arn": "arn:aws:iam::XXXXXXXXXXXX:instance-profile/ecsInstanceRole"
              },
              "BlockDeviceMappings": [
                {
                  "DeviceName": "/dev/xvda",
                  "Ebs": {
                    "DeleteOnTermination": true,
                    "VolumeType": "gp3",
                    "VolumeSize": 8,
                    "SnapshotId": "snap-0a7b4ece894d62882"
                  }
                },
                {
                  "DeviceName": "/dev/xvdcz",
                  "Ebs": {
                    "DeleteOnTermination": true,
                    "VolumeType": "gp3"
                  }
                }
              ],
              "NetworkInterfaces": [
                {
                  "DeviceIndex": 0,
                  "SubnetId": "subnet-WWWWWWWW",
                  "DeleteOnTermination": true,
                  "AssociatePublicIpAddress": false,
                  "Groups": [
                    "sg-ZZZZZZZZZ"
                  ]
                }
              ]
            }
          ],
          "Type": "maintain"
        }

        """;
}

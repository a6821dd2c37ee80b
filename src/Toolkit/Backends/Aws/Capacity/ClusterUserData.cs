using System.Text;
using System.Text.RegularExpressions;
using Fleetbook.Backends.Aws.Services.Ec2;

namespace Fleetbook.Backends.Aws.Capacity;

/// <summary>What makes a machine from an ECS-optimized AMI join the run's cluster.</summary>
public static partial class ClusterUserData
{
    /// <summary>
    /// IMDSv2 only, with a hop limit of 2 so the worker in a container on the bridge network can read spot interruption
    /// notices (with the default of 1 the answer stops at the docker bridge). Only launch templates (EC2 Fleet) carry it:
    /// Spot Fleet launch specifications have no MetadataOptions member, so those machines keep the AMI's settings.
    /// </summary>
    public static LaunchTemplateInstanceMetadataOptions MetadataOptions { get; } =
        new(LaunchTemplateHttpTokens.Required, HttpPutResponseHopLimit: 2, LaunchTemplateMetadataEndpoint.Enabled);

    /// <summary>
    /// The shell script: it writes ECS_CLUSTER and the logging drivers straight into /etc/ecs/ecs.config, which the ECS
    /// agent reads when it starts after cloud-init. Distributed-Something's boothook (a devicemapper dm.basesize) and its
    /// S3 copy of the file are not needed on Amazon Linux 2 / 2023 ECS-optimized AMIs, which use overlay2.
    /// </summary>
    public static string Script(string cluster)
    {
        if (!ClusterName().IsMatch(cluster))
        {
            throw new ArgumentException($"'{cluster}' is not an ECS cluster name (1 to 255 letters, digits, hyphens and underscores).", nameof(cluster));
        }

        return $"""
            #!/bin/bash
            cat >> /etc/ecs/ecs.config <<'ECSCONFIG'
            ECS_CLUSTER={cluster}
            ECS_AVAILABLE_LOGGING_DRIVERS=["json-file","awslogs"]
            ECSCONFIG

            """.ReplaceLineEndings("\n");
    }

    /// <summary>The script as EC2 takes user data: base64.</summary>
    public static string Base64(string cluster) => Convert.ToBase64String(Encoding.UTF8.GetBytes(Script(cluster)));

    [GeneratedRegex("^[A-Za-z0-9_-]{1,255}$", RegexOptions.CultureInvariant)]
    private static partial Regex ClusterName();
}

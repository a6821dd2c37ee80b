namespace Fleetbook.Tests.Aws.Fake;

/// <summary>The simulated account: what exists in it, how fast things happen, and the failures to inject.</summary>
public sealed partial class FakeAwsServer
{
    /// <summary>AMIs that DescribeImages knows and fleets can launch; a launch specification with another ImageId fails (history error launchSpecUnusable).</summary>
    public ISet<string> KnownImageIds { get; } = new HashSet<string>(StringComparer.Ordinal) { "ami-0ce03502c5bb5e188", "ami-fad25980" };

    /// <summary>Subnets that exist (DescribeSubnets, fleets, awsvpc services).</summary>
    public ISet<string> KnownSubnetIds { get; } = new HashSet<string>(StringComparer.Ordinal) { "subnet-0123abcd" };

    /// <summary>Security groups that exist (DescribeSecurityGroups, fleets, awsvpc services).</summary>
    public ISet<string> KnownSecurityGroupIds { get; } = new HashSet<string>(StringComparer.Ordinal) { "sg-0123abcd" };

    /// <summary>Key pairs that exist; null (the default): any KeyName is accepted.</summary>
    public ISet<string>? KnownKeyNames { get; set; }

    /// <summary>Instance types fleets can launch (DescribeInstanceTypes, ECS capacity, Spot prices). Add to it freely.</summary>
    public IDictionary<string, InstanceTypeInfo> InstanceTypes { get; } = InstanceTypeTable.Default();

    /// <summary>
    /// Spot instances the region can still provide, across all fleets (null: unlimited). A fleet that wants more gets
    /// what is left and one error history record allLaunchSpecsTemporarilyBlacklisted (DS's "insufficient capacity").
    /// </summary>
    public int? SpotCapacityLimit { get; set; }

    /// <summary>From launch to "running".</summary>
    public TimeSpan InstanceStartDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>From "running" to the ECS agent registering the instance in its cluster.</summary>
    public TimeSpan ContainerInstanceDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>From "shutting-down" to "terminated" (the container instance stays registered until then).</summary>
    public TimeSpan InstanceShutdownDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Memory the OS and ECS agent keep on each instance: registered MEMORY = instance MiB minus this.</summary>
    public int ReservedMemoryMiB { get; set; } = 256;

    /// <summary>SIGTERM to SIGKILL when ECS stops a task (a container's stopTimeout wins), as ECS_CONTAINER_STOP_TIMEOUT.</summary>
    public TimeSpan TaskStopTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a service waits after a task failed to start before trying again.</summary>
    public TimeSpan FailedTaskRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Environment given to every task last (wins over the task definition), e.g. AWS_ENDPOINT_URL_SQS pointing at
    /// fauxqs. Before the definition's own variables each task gets: AWS_ENDPOINT_URL (this server),
    /// AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (<see cref="AccessKeyId"/>), AWS_REGION, AWS_EC2_METADATA_DISABLED=true,
    /// FLEETBOOK_WORKER_ID (the task id) and FLEETBOOK_WORK_DIR (the task's folder).
    /// </summary>
    public IDictionary<string, string> TaskEnvironmentOverrides { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Starts task processes; <see cref="WorkerTaskLauncher"/> (real fleetbook-worker) unless replaced.</summary>
    public ITaskLauncher TaskLauncher { get; set; }

    /// <summary>
    /// Reads an S3 object (bucket, key) for the fake's ECS agent: user data that copies s3://…/ecs.config to
    /// /etc/ecs/ecs.config (as DS's does) joins the cluster named in that object. Without it (or when the user data
    /// names no cluster) instances join ECS_CLUSTER from the user data itself, else "default".
    /// </summary>
    public Func<string, string, string?>? ReadS3Object { get; set; }

    /// <summary>
    /// Whether DeleteAlarms naming an alarm that does not exist fails with ResourceNotFound and deletes nothing (the
    /// default, as the API reference says: "in the event of an error, no alarms are deleted"); reports differ on
    /// whether AWS really fails, so a test can turn it off.
    /// </summary>
    public bool DeletingMissingAlarmsFails { get; set; } = true;

    /// <summary>Buckets CloudWatch Logs may not write to: CreateExportTask fails with InvalidParameterException (DS #144/#174).</summary>
    public ISet<string> ExportDeniedBuckets { get; } = new HashSet<string>(StringComparer.Ordinal);
}

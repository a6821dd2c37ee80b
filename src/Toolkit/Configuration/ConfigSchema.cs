namespace Fleetbook.Configuration;

/// <summary>
/// The one description of fleetbook.json's keys. Loading, saving, the shipped JSON Schema and the
/// <c>import-ds</c> mapping all read it, so they cannot drift apart.
/// </summary>
internal static class ConfigSchema
{
    /// <summary>S3's largest object, 5 TiB.</summary>
    public const double MaxObjectBytes = 5_497_558_138_880;

    public const double MaxExpectedFiles = 1_000_000;

    /// <summary>Dollars per machine-hour: well above what the largest EC2 machine costs on demand.</summary>
    public const double MaxMachinePrice = 1000;

    /// <summary>gp2's largest volume (gp3 and io2 go to 65536, but DS fleet files use gp2).</summary>
    public const double MaxEbsGiB = 16384;

    /// <summary>ECS's largest task: 192 vCPUs.</summary>
    public const double MaxCpuUnits = 196_608;

    /// <summary>The largest EC2 machine's memory, 32 TiB, in MiB.</summary>
    public const double MaxMemoryMiB = 33_554_432;

    public const double MaxJobTimeoutSeconds = 604_800;

    public static readonly IReadOnlyList<ConfigField> CheckIfDoneFields =
    [
        new("enabled", FieldType.Boolean, "CHECK_IF_DONE_BOOL: skip a job whose output prefix already holds enough files.",
            c => c.CheckIfDone.Enabled, (c, v) => c with { CheckIfDone = c.CheckIfDone with { Enabled = (bool)v! } }, "CHECK_IF_DONE_BOOL"),
        new("expectedFiles", FieldType.Integer, "EXPECTED_NUMBER_FILES: files that mark a job done (better to underestimate).",
            c => c.CheckIfDone.ExpectedFiles, (c, v) => c with { CheckIfDone = c.CheckIfDone with { ExpectedFiles = (int)(long)v! } }, "EXPECTED_NUMBER_FILES", Minimum: 1, Maximum: MaxExpectedFiles),
        new("minFileSizeBytes", FieldType.Integer, "MIN_FILE_SIZE_BYTES: smallest file that counts.",
            c => c.CheckIfDone.MinFileSizeBytes, (c, v) => c with { CheckIfDone = c.CheckIfDone with { MinFileSizeBytes = (long)v! } }, "MIN_FILE_SIZE_BYTES", Minimum: 0, Maximum: MaxObjectBytes),
        new("necessaryString", FieldType.String, "NECESSARY_STRING: text a file name must contain to count (empty: any file).",
            c => c.CheckIfDone.NecessaryString, (c, v) => c with { CheckIfDone = c.CheckIfDone with { NecessaryString = (string)v! } }, "NECESSARY_STRING"),
    ];

    public static readonly IReadOnlyList<ConfigField> SlurmFields =
    [
        new("partition", FieldType.String, "sbatch --partition for the workers (empty: the cluster's default partition).",
            c => c.Slurm.Partition, (c, v) => c with { Slurm = c.Slurm with { Partition = (string)v! } }),
        new("account", FieldType.String, "sbatch --account to charge (empty: your default account).",
            c => c.Slurm.Account, (c, v) => c with { Slurm = c.Slurm with { Account = (string)v! } }),
        new("qos", FieldType.String, "sbatch --qos (empty: the account's default quality of service).",
            c => c.Slurm.Qos, (c, v) => c with { Slurm = c.Slurm with { Qos = (string)v! } }),
        new("timeLimit", FieldType.String, "sbatch --time of each worker, in Slurm's format (\"90\" minutes, \"2:00:00\", \"1-12:00:00\"); empty: the partition's default. A worker takes a job only while jobTimeoutSeconds of it remain, then exits and monitor submits another.",
            c => c.Slurm.TimeLimit, (c, v) => c with { Slurm = c.Slurm with { TimeLimit = (string)v! } }),
        new("sbatchArgs", FieldType.StringList, "More sbatch options, one per element, such as \"--gres=gpu:1\" or \"--constraint=avx2\" (the ones Fleetbook sets itself are refused).",
            c => c.Slurm.SbatchArguments, (c, v) => c with { Slurm = c.Slurm with { SbatchArguments = (IReadOnlyList<string>)v! } }),
        new("container", FieldType.String, "An Apptainer or Singularity image (a .sif file on the shared file system, or a docker:// URI) the command runs in; empty: none.",
            c => c.Slurm.Container, (c, v) => c with { Slurm = c.Slurm with { Container = (string)v! } }),
        new("workDir", FieldType.String, "Node-local scratch for the jobs' input and output folders, an absolute path that may use $VARIABLES (empty: $SLURM_TMPDIR, else $TMPDIR, else /tmp).",
            c => c.Slurm.WorkDir, (c, v) => c with { Slurm = c.Slurm with { WorkDir = (string)v! } }),
    ];

    public static readonly IReadOnlyList<ConfigField> Fields =
    [
        new("appName", FieldType.String, "APP_NAME: ties the queue, service, logs and alarms of a run together (letters, digits, - and _).",
            c => c.AppName, (c, v) => c with { AppName = (string)v! }, "APP_NAME", Required: true),
        new("backend", FieldType.Enum, "Where the run happens: 'local' (this machine, no account needed), 'aws', or 'slurm' (a Slurm cluster, from its login node).",
            c => BackendName(c.Backend), (c, v) => c with { Backend = ParseBackend((string)v!) }, Allowed: ["local", "aws", "slurm"]),
        new("command", FieldType.StringList, "The program run for each job, as an argument vector. Placeholders: {key} (a message key), {group.Key}, {job_id}, {input_dir}, {output_dir}; {{ and }} for literal braces.",
            c => c.Command, (c, v) => c with { Command = (IReadOnlyList<string>)v! }, Required: true),
        new("shell", FieldType.Boolean, "Run the command's elements, joined with spaces, as a /bin/sh -c script. Job values reach it as shell variables, never as shell text; placeholders inside backquotes, ${…}, $((…)), $'…', comments or quoted here-documents are refused. Off by default.",
            c => c.Shell, (c, v) => c with { Shell = (bool)v! }),
        new("image", FieldType.String, "DOCKERHUB_TAG: the container image the tasks run (aws backend).",
            c => c.Image, (c, v) => c with { Image = (string)v! }, "DOCKERHUB_TAG"),
        new("region", FieldType.String, "AWS_REGION, such as us-east-1 (a region, not an availability zone).",
            c => c.Region, (c, v) => c with { Region = (string)v! }, "AWS_REGION"),
        new("profile", FieldType.String, "AWS_PROFILE: the profile whose credentials Fleetbook uses.",
            c => c.Profile, (c, v) => c with { Profile = (string)v! }, "AWS_PROFILE"),
        new("bucket", FieldType.String, "AWS_BUCKET; on the local backend a folder, relative to this file.",
            c => c.Bucket, (c, v) => c with { Bucket = (string)v! }, "AWS_BUCKET"),
        new("sourceBucket", FieldType.String, "SOURCE_BUCKET: where inputs are read from (empty: bucket).",
            c => c.SourceBucket, (c, v) => c with { SourceBucket = (string)v! }, "SOURCE_BUCKET"),
        new("destinationBucket", FieldType.String, "DESTINATION_BUCKET: where outputs go (empty: bucket).",
            c => c.DestinationBucket, (c, v) => c with { DestinationBucket = (string)v! }, "DESTINATION_BUCKET"),
        new("workspaceBucket", FieldType.String, "WORKSPACE_BUCKET: where non-image inputs are read from (empty: source bucket).",
            c => c.WorkspaceBucket, (c, v) => c with { WorkspaceBucket = (string)v! }, "WORKSPACE_BUCKET"),
        new("cluster", FieldType.String, "ECS_CLUSTER.",
            c => c.Cluster, (c, v) => c with { Cluster = (string)v! }, "ECS_CLUSTER"),
        new("machines", FieldType.Integer, "CLUSTER_MACHINES: machines in the fleet (local: groups of worker processes; Slurm: groups of workers, each an array task).",
            c => c.Machines, (c, v) => c with { Machines = (int)(long)v! }, "CLUSTER_MACHINES", Minimum: 1, Maximum: 10000),
        new("tasksPerMachine", FieldType.Integer, "TASKS_PER_MACHINE: containers (local: worker processes) per machine.",
            c => c.TasksPerMachine, (c, v) => c with { TasksPerMachine = (int)(long)v! }, "TASKS_PER_MACHINE", Minimum: 1, Maximum: 256),
        new("machineTypes", FieldType.StringList, "MACHINE_TYPE: EC2 instance types, such as m5.xlarge.",
            c => c.MachineTypes, (c, v) => c with { MachineTypes = (IReadOnlyList<string>)v! }, "MACHINE_TYPE"),
        new("machinePrice", FieldType.Number, "MACHINE_PRICE: highest spot price per machine-hour, in dollars.",
            c => c.MachinePrice, (c, v) => c with { MachinePrice = (double)v! }, "MACHINE_PRICE", Minimum: 0, Maximum: MaxMachinePrice),
        new("ebsVolumeSize", FieldType.Integer, "EBS_VOL_SIZE: GiB of disk per machine (22 to 16384, gp2's largest volume).",
            c => c.EbsVolumeSize, (c, v) => c with { EbsVolumeSize = (int)(long)v! }, "EBS_VOL_SIZE", Minimum: 22, Maximum: MaxEbsGiB),
        new("dockerCores", FieldType.Integer, "DOCKER_CORES: copies of the program each worker runs side by side (on Slurm also the CPUs each worker asks for, --cpus-per-task).",
            c => c.DockerCores, (c, v) => c with { DockerCores = (int)(long)v! }, "DOCKER_CORES", Minimum: 1, Maximum: 256),
        new("cpuShares", FieldType.Integer, "CPU_SHARES: ECS CPU units (1024 = one core, at most 196608 = 192 vCPUs, ECS's largest task); 0 means dockerCores × 1024.",
            c => c.CpuShares, (c, v) => c with { CpuShares = (int)(long)v! }, "CPU_SHARES", Minimum: 0, Maximum: MaxCpuUnits),
        new("memory", FieldType.Integer, "MEMORY: the container's memory limit in MiB (4 to 33554432, the largest EC2 machine's 32 TiB); it must fit the machine type. On Slurm each worker's --mem.",
            c => c.Memory, (c, v) => c with { Memory = (int)(long)v! }, "MEMORY", Minimum: 4, Maximum: MaxMemoryMiB),
        new("secondsToStart", FieldType.Integer, "SECONDS_TO_START: delay between starting each of the dockerCores copies.",
            c => c.SecondsToStart, (c, v) => c with { SecondsToStart = (int)(long)v! }, "SECONDS_TO_START", Minimum: 0, Maximum: 3600),
        new("queueName", FieldType.String, "SQS_QUEUE_NAME (empty: appName + 'Queue').",
            c => c.QueueName, (c, v) => c with { QueueName = (string)v! }, "SQS_QUEUE_NAME"),
        new("visibilitySeconds", FieldType.Integer, "SQS_MESSAGE_VISIBILITY: seconds a received job stays hidden; workers extend it while a job runs.",
            c => c.VisibilitySeconds, (c, v) => c with { VisibilitySeconds = (int)(long)v! }, "SQS_MESSAGE_VISIBILITY", Minimum: 1, Maximum: 43200),
        new("deadLetterQueue", FieldType.String, "SQS_DEAD_LETTER_QUEUE (empty: appName + 'DeadMessages').",
            c => c.DeadLetterQueue, (c, v) => c with { DeadLetterQueue = (string)v! }, "SQS_DEAD_LETTER_QUEUE"),
        new("maxReceives", FieldType.Integer, "JOB_RETRIES: receives before a job moves to the dead-letter queue.",
            c => c.MaxReceives, (c, v) => c with { MaxReceives = (int)(long)v! }, "JOB_RETRIES", Minimum: 1, Maximum: 1000),
        new("logGroup", FieldType.String, "LOG_GROUP_NAME (empty: appName).",
            c => c.LogGroup, (c, v) => c with { LogGroup = (string)v! }, "LOG_GROUP_NAME"),
        new("checkIfDone", FieldType.Object, "Skip jobs whose outputs already exist.",
            c => c.CheckIfDone, (c, v) => c, Children: CheckIfDoneFields),
        new("downloadFiles", FieldType.Boolean, "DOWNLOAD_FILES: fetch the job's inputs (the 'inputs' prefix) into {input_dir} before running it.",
            c => c.DownloadFiles, (c, v) => c with { DownloadFiles = (bool)v! }, "DOWNLOAD_FILES"),
        new("inputs", FieldType.String, "Bucket prefix (a template, like the command) downloaded into {input_dir} when downloadFiles is on.",
            c => c.Inputs, (c, v) => c with { Inputs = (string)v! }),
        new("outputs", FieldType.String, "Bucket prefix (a template) that receives everything the job writes to {output_dir}.",
            c => c.Outputs, (c, v) => c with { Outputs = (string)v! }),
        new("assignIp", FieldType.Boolean, "ASSIGN_IP: give each machine a public IPv4 address.",
            c => c.AssignIp, (c, v) => c with { AssignIp = (bool)v! }, "ASSIGN_IP"),
        new("autoMonitor", FieldType.Boolean, "AUTO_MONITOR: scale down and clean up when the queue drains.",
            c => c.AutoMonitor, (c, v) => c with { AutoMonitor = (bool)v! }, "AUTO_MONITOR"),
        new("createDashboard", FieldType.Boolean, "CREATE_DASHBOARD: a CloudWatch dashboard for the run.",
            c => c.CreateDashboard, (c, v) => c with { CreateDashboard = (bool)v! }, "CREATE_DASHBOARD"),
        new("cleanDashboard", FieldType.Boolean, "CLEAN_DASHBOARD: remove the dashboard at cleanup.",
            c => c.CleanDashboard, (c, v) => c with { CleanDashboard = (bool)v! }, "CLEAN_DASHBOARD"),
        new("sshKeyName", FieldType.String, "SSH_KEY_NAME: the key pair file (documentation only; the fleet file's KeyName is what EC2 uses).",
            c => c.SshKeyName, (c, v) => c with { SshKeyName = (string)v! }, "SSH_KEY_NAME"),
        new("jobTimeoutSeconds", FieldType.Integer, "Kill a job (and its child processes) that runs longer than this, then retry it; 0 means no limit, at most 604800 (7 days). On AWS a job cannot run past 12 hours: SQS returns its message then. On Slurm a worker takes a job only while this much of its time limit is left.",
            c => c.JobTimeoutSeconds, (c, v) => c with { JobTimeoutSeconds = (int)(long)v! }, Minimum: 0, Maximum: MaxJobTimeoutSeconds),
        new("idleExitSeconds", FieldType.Integer, "A worker exits once the queue has stayed empty this long.",
            c => c.IdleExitSeconds, (c, v) => c with { IdleExitSeconds = (int)(long)v! }, Minimum: 0, Maximum: 86400),
        new("retryDelaySeconds", FieldType.Integer, "A failed job becomes visible again after this many seconds.",
            c => c.RetryDelaySeconds, (c, v) => c with { RetryDelaySeconds = (int)(long)v! }, Minimum: 0, Maximum: 43200),
        new("environment", FieldType.StringMap, "Extra environment variables for the program (Distributed-Something's own config keys land here).",
            c => c.Environment, (c, v) => c with { Environment = (IReadOnlyDictionary<string, string>)v! }),
        new("fleetMode", FieldType.Enum, "AWS: how start gets capacity: 'spot-fleet' (your Distributed-Something fleet file), 'ec2-fleet' (launch template + EC2 Fleet) or 'fargate-spot' (no machines).",
            c => c.FleetMode switch { FleetMode.Ec2Fleet => "ec2-fleet", FleetMode.FargateSpot => "fargate-spot", _ => "spot-fleet" },
            (c, v) => c with { FleetMode = (string)v! switch { "ec2-fleet" => FleetMode.Ec2Fleet, "fargate-spot" => FleetMode.FargateSpot, _ => FleetMode.SpotFleet } },
            Allowed: ["spot-fleet", "ec2-fleet", "fargate-spot"]),
        new("fleetFile", FieldType.String, "AWS: the Distributed-Something fleet file start merges (spot-fleet and ec2-fleet), relative to this file.",
            c => c.FleetFile, (c, v) => c with { FleetFile = (string)v! }),
        new("subnets", FieldType.StringList, "AWS: subnet ids for Fargate tasks (and EC2 Fleet overrides).",
            c => c.Subnets, (c, v) => c with { Subnets = (IReadOnlyList<string>)v! }),
        new("securityGroups", FieldType.StringList, "AWS: security group ids for Fargate tasks.",
            c => c.SecurityGroups, (c, v) => c with { SecurityGroups = (IReadOnlyList<string>)v! }),
        new("taskRoleArn", FieldType.String, "AWS: the IAM role the containers run as (credentials reach them only this way, never as keys).",
            c => c.TaskRoleArn, (c, v) => c with { TaskRoleArn = (string)v! }),
        new("executionRoleArn", FieldType.String, "AWS: the IAM role ECS uses to pull the image and write logs (needed for Fargate).",
            c => c.ExecutionRoleArn, (c, v) => c with { ExecutionRoleArn = (string)v! }),
        new("startTimeoutSeconds", FieldType.Integer, "AWS: how long start waits for capacity before reporting what it has.",
            c => c.StartTimeoutSeconds, (c, v) => c with { StartTimeoutSeconds = (int)(long)v! }, Minimum: 0, Maximum: 86400),
        new("cheapest", FieldType.Boolean, "AWS: monitor's cheapest mode: after 15 minutes the fleet's target drops to 1 (running machines are kept).",
            c => c.Cheapest, (c, v) => c with { Cheapest = (bool)v! }),
        new("idleAlarm", FieldType.Boolean, "AWS: an alarm per machine that terminates it when its CPU stays under 1% for 15 minutes.",
            c => c.IdleAlarm, (c, v) => c with { IdleAlarm = (bool)v! }),
        new("logRetentionDays", FieldType.Integer, "AWS: retention of the run's log groups, in days.",
            c => c.LogRetentionDays, (c, v) => c with { LogRetentionDays = (int)(long)v! }, Minimum: 1, Maximum: 3653),
        new("slurm", FieldType.Object, "Slurm: where the workers queue and how each is asked for (backend 'slurm'). Workers = machines × tasksPerMachine array tasks, each with dockerCores CPUs and memory MB.",
            c => c.Slurm, (c, v) => c, Children: SlurmFields),
        new("stateDir", FieldType.String, "Folder (relative to this file) where the run keeps its local state: queue, logs, fleet.",
            c => c.StateDir, (c, v) => c with { StateDir = (string)v! }),
    ];

    public static IEnumerable<string> Names => Fields.Select(f => f.Name);

    public static string BackendName(BackendKind backend) => backend switch
    {
        BackendKind.Aws => "aws",
        BackendKind.Slurm => "slurm",
        _ => "local",
    };

    private static BackendKind ParseBackend(string name) => name switch
    {
        "aws" => BackendKind.Aws,
        "slurm" => BackendKind.Slurm,
        _ => BackendKind.Local,
    };
}

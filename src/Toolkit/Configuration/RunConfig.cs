namespace Fleetbook.Configuration;

/// <summary>Where the run's queue, bucket, fleet and logs live.</summary>
public enum BackendKind
{
    /// <summary>The embedded default: an SQLite queue, a folder as the bucket, worker processes as the fleet.</summary>
    Local,

    /// <summary>SQS, S3, ECS and EC2 (Spot Fleet, EC2 Fleet or Fargate Spot).</summary>
    Aws,

    /// <summary>A Slurm cluster, driven from its login node: workers are Slurm jobs, the queue is a folder the nodes share.</summary>
    Slurm,
}

/// <summary>How start gets capacity on AWS.</summary>
public enum FleetMode
{
    /// <summary>A Spot Fleet request from the user's Distributed-Something fleet file (the legacy API, kept for those files).</summary>
    SpotFleet,

    /// <summary>A launch template built from the same fleet file, then CreateFleet of type maintain.</summary>
    Ec2Fleet,

    /// <summary>ECS on the FARGATE_SPOT capacity provider: no machines, no AMI, no fleet.</summary>
    FargateSpot,
}

/// <summary>Distributed-Something's CHECK_IF_DONE_BOOL, EXPECTED_NUMBER_FILES, MIN_FILE_SIZE_BYTES and NECESSARY_STRING.</summary>
public sealed record CheckIfDone(bool Enabled = false, int ExpectedFiles = 1, long MinFileSizeBytes = 1, string NecessaryString = "");

/// <summary>
/// Everything one run needs, stored as <c>fleetbook.json</c>. Every Distributed-Something /
/// Distributed-CellProfiler key that still means something, plus Fleetbook's own.
/// Immutable: change it with <c>with</c> or the <c>With…</c> methods.
/// </summary>
[Display.TypeFormatterSource(typeof(Display.FleetbookFormatterSource<RunConfig>))]
public sealed record RunConfig
{
    public const string DefaultFileName = "fleetbook.json";
    public const string SchemaFileName = "fleetbook.schema.json";

    /// <summary>APP_NAME: ties the queue, service, logs and alarms of a run together.</summary>
    public required string AppName { get; init; }

    public BackendKind Backend { get; init; } = BackendKind.Local;

    /// <summary>The program to run for each job, as an argument vector with placeholders such as <c>{group.Well}</c>.</summary>
    public IReadOnlyList<string> Command { get; init; } = [];

    /// <summary>
    /// Run the command's elements, joined with spaces, as a <c>/bin/sh -c</c> script; job values reach it as shell
    /// variables, never as shell text; a placeholder where no value can go faithfully (inside backquotes, <c>${…}</c>,
    /// arithmetic, a comment, a quoted here-document) is refused when the config is read. Off by default.
    /// </summary>
    public bool Shell { get; init; }

    /// <summary>DOCKERHUB_TAG: the container image the tasks run (AWS only).</summary>
    public string Image { get; init; } = "";

    public string Region { get; init; } = "us-east-1";
    public string Profile { get; init; } = "default";

    /// <summary>AWS_BUCKET; on the local backend a folder (relative to the project folder).</summary>
    public string Bucket { get; init; } = "bucket";

    public string SourceBucket { get; init; } = "";
    public string DestinationBucket { get; init; } = "";
    public string WorkspaceBucket { get; init; } = "";

    /// <summary>ECS_CLUSTER.</summary>
    public string Cluster { get; init; } = "default";

    /// <summary>CLUSTER_MACHINES: machines in the fleet (local: worker processes per task slot).</summary>
    public int Machines { get; init; } = 1;

    public int TasksPerMachine { get; init; } = 1;
    public IReadOnlyList<string> MachineTypes { get; init; } = ["m5.xlarge"];
    public double MachinePrice { get; init; } = 0.20;
    public int EbsVolumeSize { get; init; } = 30;

    /// <summary>DOCKER_CORES: copies of the program each worker runs side by side.</summary>
    public int DockerCores { get; init; } = 2;

    /// <summary>CPU_SHARES; 0 means DockerCores × 1024.</summary>
    public int CpuShares { get; init; }

    /// <summary>MEMORY in MB, the container's hard limit.</summary>
    public int Memory { get; init; } = 15000;

    public int SecondsToStart { get; init; }

    /// <summary>SQS_QUEUE_NAME; empty means APP_NAME + "Queue".</summary>
    public string QueueName { get; init; } = "";

    /// <summary>SQS_MESSAGE_VISIBILITY in seconds.</summary>
    public int VisibilitySeconds { get; init; } = 60;

    /// <summary>SQS_DEAD_LETTER_QUEUE; empty means APP_NAME + "DeadMessages".</summary>
    public string DeadLetterQueue { get; init; } = "";

    /// <summary>JOB_RETRIES: receives before a job moves to the dead-letter queue.</summary>
    public int MaxReceives { get; init; } = 3;

    /// <summary>LOG_GROUP_NAME; empty means APP_NAME.</summary>
    public string LogGroup { get; init; } = "";

    public CheckIfDone CheckIfDone { get; init; } = new();

    /// <summary>DOWNLOAD_FILES: fetch the job's inputs (the <see cref="Inputs"/> prefix) before running it.</summary>
    public bool DownloadFiles { get; init; }

    /// <summary>Template of the bucket prefix downloaded into <c>{input_dir}</c> when <see cref="DownloadFiles"/> is on.</summary>
    public string Inputs { get; init; } = "";

    /// <summary>Template of the bucket prefix that receives the job's <c>{output_dir}</c>.</summary>
    public string Outputs { get; init; } = "results/{job_id}";

    public bool AssignIp { get; init; }
    public bool AutoMonitor { get; init; } = true;
    public bool CreateDashboard { get; init; }
    public bool CleanDashboard { get; init; } = true;
    public string SshKeyName { get; init; } = "";

    /// <summary>Kill a job (and its children) that runs longer than this; 0 means no limit.</summary>
    public int JobTimeoutSeconds { get; init; }

    /// <summary>A worker exits once the queue has stayed empty this long.</summary>
    public int IdleExitSeconds { get; init; } = 20;

    /// <summary>A failed job becomes visible again after this back-off.</summary>
    public int RetryDelaySeconds { get; init; } = 10;

    /// <summary>Extra environment for the program (Distributed-Something's own config keys land here).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>AWS: how start gets capacity.</summary>
    public FleetMode FleetMode { get; init; } = FleetMode.SpotFleet;

    /// <summary>AWS: the Distributed-Something fleet file start merges (Spot Fleet and EC2 Fleet modes), relative to the project folder.</summary>
    public string FleetFile { get; init; } = "fleet.json";

    /// <summary>AWS: subnets for Fargate tasks (and, when given, for EC2 Fleet overrides).</summary>
    public IReadOnlyList<string> Subnets { get; init; } = [];

    /// <summary>AWS: security groups for Fargate tasks.</summary>
    public IReadOnlyList<string> SecurityGroups { get; init; } = [];

    /// <summary>AWS: the role the containers run as; the only way credentials reach them.</summary>
    public string TaskRoleArn { get; init; } = "";

    /// <summary>AWS: the role ECS uses to pull the image and write awslogs (required for Fargate).</summary>
    public string ExecutionRoleArn { get; init; } = "";

    /// <summary>AWS: how long start waits for capacity before it reports what it has.</summary>
    public int StartTimeoutSeconds { get; init; } = 600;

    /// <summary>AWS: monitor's "cheapest" mode (after 15 minutes the fleet's target drops to 1; running machines are kept).</summary>
    public bool Cheapest { get; init; }

    /// <summary>AWS: the per-machine alarm that terminates a machine whose CPU stays under 1% for 15 minutes.</summary>
    public bool IdleAlarm { get; init; } = true;

    /// <summary>AWS: retention of the run's log groups, in days.</summary>
    public int LogRetentionDays { get; init; } = 60;

    /// <summary>Slurm: partition, account, QOS, time limit, extra sbatch options, container image.</summary>
    public SlurmOptions Slurm { get; init; } = new();

    /// <summary>Where the run keeps its state (local queue, logs, fleet), relative to the project folder.</summary>
    public string StateDir { get; init; } = ".fleetbook";

    public string EffectiveQueueName => QueueName.Length > 0 ? QueueName : AppName + "Queue";
    public string EffectiveDeadLetterQueue => DeadLetterQueue.Length > 0 ? DeadLetterQueue : AppName + "DeadMessages";
    public string EffectiveLogGroup => LogGroup.Length > 0 ? LogGroup : AppName;
    public int EffectiveCpuShares => CpuShares > 0 ? CpuShares : DockerCores * 1024;
    public int WorkerCount => Machines * TasksPerMachine;

    public RunConfig WithAppName(string appName) => this with { AppName = appName };
    public RunConfig WithBackend(BackendKind backend) => this with { Backend = backend };
    public RunConfig WithCommand(IReadOnlyList<string> command) => this with { Command = command };
    public RunConfig WithBucket(string bucket) => this with { Bucket = bucket };
    public RunConfig WithMachines(int machines) => this with { Machines = machines };
    public RunConfig WithDockerCores(int dockerCores) => this with { DockerCores = dockerCores };
    public RunConfig WithVisibilitySeconds(int seconds) => this with { VisibilitySeconds = seconds };
    public RunConfig WithMaxReceives(int maxReceives) => this with { MaxReceives = maxReceives };
    public RunConfig WithJobTimeoutSeconds(int seconds) => this with { JobTimeoutSeconds = seconds };
    public RunConfig WithIdleExitSeconds(int seconds) => this with { IdleExitSeconds = seconds };
    public RunConfig WithCheckIfDone(CheckIfDone checkIfDone) => this with { CheckIfDone = checkIfDone };
    public RunConfig WithOutputs(string outputs) => this with { Outputs = outputs };
    public RunConfig WithSlurm(SlurmOptions slurm) => this with { Slurm = slurm };
    public RunConfig WithInputs(string inputs, bool downloadFiles = true) => this with { Inputs = inputs, DownloadFiles = downloadFiles };
}

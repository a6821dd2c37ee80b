namespace Fleetbook.Working;

/// <summary>
/// The environment contract between a task definition and the worker: Distributed-Something's
/// variables, then Fleetbook's own (prefixed FLEETBOOK_).
/// </summary>
public static class WorkerEnvironment
{
    public const string QueueUrl = "SQS_QUEUE_URL";
    public const string Bucket = "AWS_BUCKET";
    public const string Region = "AWS_REGION";
    public const string AppName = "APP_NAME";
    public const string LogGroup = "LOG_GROUP_NAME";
    public const string DockerCores = "DOCKER_CORES";
    public const string SecondsToStart = "SECONDS_TO_START";
    public const string CheckIfDone = "CHECK_IF_DONE_BOOL";
    public const string ExpectedFiles = "EXPECTED_NUMBER_FILES";
    public const string MinFileSize = "MIN_FILE_SIZE_BYTES";
    public const string NecessaryString = "NECESSARY_STRING";
    public const string DownloadFiles = "DOWNLOAD_FILES";
    public const string Cluster = "ECS_CLUSTER";

    public const string Command = "FLEETBOOK_COMMAND";
    public const string Shell = "FLEETBOOK_SHELL";
    public const string JobTimeout = "FLEETBOOK_JOB_TIMEOUT";
    public const string IdleExit = "FLEETBOOK_IDLE_EXIT";
    public const string Visibility = "FLEETBOOK_VISIBILITY";
    public const string RetryDelay = "FLEETBOOK_RETRY_DELAY";
    public const string Inputs = "FLEETBOOK_INPUTS";
    public const string Outputs = "FLEETBOOK_OUTPUTS";
    public const string State = "FLEETBOOK_STATE";
    public const string WorkDir = "FLEETBOOK_WORK_DIR";
    public const string WorkerId = "FLEETBOOK_WORKER_ID";

    /// <summary>An Apptainer/Singularity image every job's command runs in (Slurm's "container").</summary>
    public const string Container = "FLEETBOOK_CONTAINER";

    /// <summary>The folders bound into the container, as a JSON list (the job's work folder is bound too).</summary>
    public const string ContainerBinds = "FLEETBOOK_CONTAINER_BINDS";

    /// <summary>The container runtime to use; unset: apptainer, else singularity, on PATH.</summary>
    public const string ContainerRuntime = "FLEETBOOK_CONTAINER_RUNTIME";

    /// <summary>"False" keeps the worker from putting the per-machine idle alarm (config idleAlarm).</summary>
    public const string IdleAlarm = "FLEETBOOK_IDLE_ALARM";

    /// <summary>Set for the program of each job.</summary>
    public const string JobIdForProgram = "FLEETBOOK_JOB_ID";
}

namespace Fleetbook.Configuration.DsImport;

/// <summary>What the Distributed-Something / Distributed-CellProfiler config.py keys mean to the importer (anchors §1).</summary>
internal static class DsKeys
{
    public const string AppName = "APP_NAME";
    public const string RequirementsFile = "REQUIREMENTS_FILE";
    public const string Requirements = "REQUIREMENTS";
    public const string UploadFlags = "UPLOAD_FLAGS";
    public const string SourceBucket = "SOURCE_BUCKET";
    public const string WorkspaceBucket = "WORKSPACE_BUCKET";
    public const string DestinationBucket = "DESTINATION_BUCKET";
    public const string DeadLetterQueue = "SQS_DEAD_LETTER_QUEUE";
    public const string DownloadFiles = "DOWNLOAD_FILES";
    public const string Profile = "AWS_PROFILE";

    /// <summary>Keys a Distributed-CellProfiler worker reads that have no Fleetbook setting: the program gets them as environment variables.</summary>
    public static readonly IReadOnlySet<string> WorkerEnvironment = new HashSet<string>(StringComparer.Ordinal)
    {
        "USE_PLUGINS", "UPDATE_PLUGINS", "PLUGINS_COMMIT", "INSTALL_REQUIREMENTS", Requirements, "ALWAYS_CONTINUE", UploadFlags,
    };

    /// <summary>
    /// Keys that Distributed-Something or Distributed-CellProfiler run without (run.py's back-compat defaults, or keys
    /// DS never had). A missing one keeps the value <see cref="Defaults"/> gives it; any other missing key is one DS
    /// would stop on, and gets Fleetbook's own default.
    /// </summary>
    public static readonly IReadOnlySet<string> Optional = new HashSet<string>(StringComparer.Ordinal)
    {
        SourceBucket, WorkspaceBucket, DestinationBucket, DownloadFiles, "JOB_RETRIES", "ASSIGN_IP", "AUTO_MONITOR", "CREATE_DASHBOARD", "CLEAN_DASHBOARD", "SSH_KEY_NAME",
    };

    /// <summary>
    /// The starting point before config.py's values: Distributed-CellProfiler's back-compat defaults where they differ
    /// from Fleetbook's (ASSIGN_IP='True', AUTO_MONITOR/CREATE_DASHBOARD/CLEAN_DASHBOARD='False', JOB_RETRIES=10),
    /// and the aws backend, where config.py's runs happen.
    /// </summary>
    public static RunConfig Defaults => new()
    {
        AppName = "",
        Backend = BackendKind.Aws,
        AssignIp = true,
        AutoMonitor = false,
        CreateDashboard = false,
        CleanDashboard = false,
        MaxReceives = 10,
    };

    private static readonly Dictionary<string, string> Examples = new(StringComparer.Ordinal)
    {
        [AppName] = "'MyRun'",
        ["LOG_GROUP_NAME"] = "'MyRun'",
        ["DOCKERHUB_TAG"] = "'cellprofiler/distributed-cellprofiler:2.2.0_4.2.8'",
        ["AWS_REGION"] = "'us-east-1'",
        [Profile] = "'default'",
        ["SSH_KEY_NAME"] = "'your-key-file.pem'",
        ["AWS_BUCKET"] = "'your-bucket-name'",
        [SourceBucket] = "'bucket-name'",
        [WorkspaceBucket] = "'bucket-name'",
        [DestinationBucket] = "'bucket-name'",
        [UploadFlags] = "''",
        ["ECS_CLUSTER"] = "'default'",
        ["CLUSTER_MACHINES"] = "3",
        ["TASKS_PER_MACHINE"] = "1",
        ["MACHINE_TYPE"] = "['m5.xlarge']",
        ["MACHINE_PRICE"] = "0.20",
        ["EBS_VOL_SIZE"] = "30",
        [DownloadFiles] = "'False'",
        ["ASSIGN_IP"] = "'True'",
        ["DOCKER_CORES"] = "4",
        ["CPU_SHARES"] = "4096",
        ["MEMORY"] = "15000",
        ["SECONDS_TO_START"] = "180",
        ["SQS_QUEUE_NAME"] = "'MyRunQueue'",
        ["SQS_MESSAGE_VISIBILITY"] = "60",
        [DeadLetterQueue] = "'user_DeadMessages'",
        ["JOB_RETRIES"] = "3",
        ["AUTO_MONITOR"] = "'True'",
        ["CREATE_DASHBOARD"] = "'True'",
        ["CLEAN_DASHBOARD"] = "'True'",
        ["CHECK_IF_DONE_BOOL"] = "'False'",
        ["EXPECTED_NUMBER_FILES"] = "7",
        ["MIN_FILE_SIZE_BYTES"] = "1",
        ["NECESSARY_STRING"] = "''",
        ["ALWAYS_CONTINUE"] = "'False'",
        ["USE_PLUGINS"] = "'False'",
        ["UPDATE_PLUGINS"] = "'False'",
        ["PLUGINS_COMMIT"] = "'False'",
        ["INSTALL_REQUIREMENTS"] = "'False'",
        [Requirements] = "''",
        [RequirementsFile] = "''",
    };

    /// <summary>An example assignment for a fix: <c>AWS_REGION = 'us-east-1'</c>.</summary>
    public static string Example(string? key) => key is null
        ? "APP_NAME = 'MyRun'"
        : $"{key} = {Examples.GetValueOrDefault(key, "'value'")}";

    /// <summary>The schema fields config.py can set, by DS key (checkIfDone's children included).</summary>
    public static IReadOnlyDictionary<string, ConfigField> Fields { get; } =
        ConfigSchema.Fields.Concat(ConfigSchema.CheckIfDoneFields)
            .Where(f => f.DsKey is not null)
            .ToDictionary(f => f.DsKey!, StringComparer.Ordinal);

    /// <summary>The key path ConfigRules uses for a field (checkIfDone's children are nested).</summary>
    public static string PathOf(ConfigField field) => ConfigSchema.CheckIfDoneFields.Contains(field) ? $"checkIfDone.{field.Name}" : field.Name;
}

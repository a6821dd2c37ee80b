using System.Globalization;
using System.Text.Json;
using Fleetbook.Configuration;
using Fleetbook.Inputs;
using Fleetbook.Jobs;

namespace Fleetbook.Working;

/// <summary>What one worker process needs to know, read from its environment (see <see cref="WorkerEnvironment"/>).</summary>
public sealed record WorkerSettings
{
    public required string QueueUrl { get; init; }
    public required string Bucket { get; init; }
    public string Region { get; init; } = "us-east-1";
    public string AppName { get; init; } = "Fleetbook";
    public string LogGroup { get; init; } = "Fleetbook";
    public int DockerCores { get; init; } = 1;
    public TimeSpan SecondsToStart { get; init; }
    public CheckIfDone CheckIfDone { get; init; } = new();
    public bool DownloadFiles { get; init; }
    public required IReadOnlyList<Template> Command { get; init; }
    public bool Shell { get; init; }
    public TimeSpan? JobTimeout { get; init; }
    public TimeSpan IdleExit { get; init; } = TimeSpan.FromSeconds(20);
    public TimeSpan Visibility { get; init; } = TimeSpan.FromSeconds(60);
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(10);
    public Template Inputs { get; init; } = Template.Parse("");
    public Template Outputs { get; init; } = Template.Parse("results/{job_id}");

    /// <summary>An Apptainer/Singularity image each job's command runs in; empty: none.</summary>
    public string Container { get; init; } = "";

    /// <summary>Folders bound into the container besides the job's own work folder.</summary>
    public IReadOnlyList<string> ContainerBinds { get; init; } = [];

    /// <summary>The container runtime (a name on PATH or a path); null: apptainer, else singularity.</summary>
    public string? ContainerRuntime { get; init; }

    /// <summary>Local backend: the run's state folder (journal, logs).</summary>
    public string? StateDir { get; init; }

    /// <summary>Scratch space for the jobs' input and output folders.</summary>
    public required string WorkDir { get; init; }

    /// <summary>Unique among live workers (their work folders are locked, see <see cref="WorkFolderLock"/>); by default host, process id and a random part.</summary>
    public required string WorkerId { get; init; }

    /// <summary>This worker's own folder under <see cref="WorkDir"/>, one per worker id, locked for the worker's life (<see cref="WorkFolderLock"/>).</summary>
    public string WorkerFolder => Path.Combine(WorkDir, Backends.Local.LogFileNames.For(WorkerId));

    /// <summary>Reads the settings; every problem (missing variable, bad number) is collected into one <see cref="InputException"/>.</summary>
    public static WorkerSettings FromEnvironment(IReadOnlyDictionary<string, string?> environment)
    {
        var problems = new List<InputProblem>();

        string? Get(string name) => environment.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value) ? value : null;

        string Required(string name, string fix)
        {
            var value = Get(name);
            if (value is null)
            {
                problems.Add(new InputProblem("environment", null, null, name, $"{name} is not set.", fix));
            }

            return value ?? "";
        }

        int Integer(string name, int fallback, int minimum = 0)
        {
            var text = Get(name);
            if (text is null)
            {
                return fallback;
            }

            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < minimum || value != Math.Floor(value))
            {
                problems.Add(new InputProblem("environment", null, null, name, $"{name}='{text}' is not a whole number of at least {minimum}.", $"set {name} to a number such as {Math.Max(minimum, fallback)}."));
                return fallback;
            }

            return (int)value;
        }

        double Seconds(string name, double fallback)
        {
            var text = Get(name);
            if (text is null)
            {
                return fallback;
            }

            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < 0)
            {
                problems.Add(new InputProblem("environment", null, null, name, $"{name}='{text}' is not a number of seconds.", $"set {name} to a number such as {fallback}."));
                return fallback;
            }

            return value;
        }

        bool Flag(string name) => string.Equals(Get(name), "true", StringComparison.OrdinalIgnoreCase);

        Template ParseTemplate(string name, string text)
        {
            var template = Template.TryParse(text, out var error);
            if (template is null)
            {
                problems.Add(new InputProblem("environment", null, null, name, $"{name} is not a valid template: {error}.", "balance the braces."));
                return Template.Parse("");
            }

            return template;
        }

        var queueUrl = Required(WorkerEnvironment.QueueUrl, "the task definition (or local fleet) sets it to the queue's URL; run 'fleetbook setup' again.");
        var bucket = Required(WorkerEnvironment.Bucket, "set AWS_BUCKET to the bucket (local: the folder) that receives outputs.");
        var commandJson = Required(WorkerEnvironment.Command, "set FLEETBOOK_COMMAND to the command template as a JSON list of strings.");
        var command = new List<Template>();
        if (commandJson.Length > 0)
        {
            try
            {
                var items = StringList(commandJson);
                command.AddRange(items.Select((item, index) => ParseTemplate($"{WorkerEnvironment.Command}[{index}]", item)));
                if (command.Count == 0)
                {
                    problems.Add(new InputProblem("environment", null, null, WorkerEnvironment.Command, "the command is empty.", "list the program and its arguments."));
                }
            }
            catch (JsonException)
            {
                problems.Add(new InputProblem("environment", null, null, WorkerEnvironment.Command, "FLEETBOOK_COMMAND is not a JSON list of strings.", "write it as [\"program\", \"arg\", ...]."));
            }
        }

        var binds = new List<string>();
        if (Get(WorkerEnvironment.ContainerBinds) is { } bindsJson)
        {
            try
            {
                binds.AddRange(StringList(bindsJson));
            }
            catch (JsonException)
            {
                problems.Add(new InputProblem("environment", null, null, WorkerEnvironment.ContainerBinds, $"{WorkerEnvironment.ContainerBinds} is not a JSON list of folders.", "write it as [\"/folder\", ...]."));
            }
        }

        var timeout = Seconds(WorkerEnvironment.JobTimeout, 0);
        var appName = Get(WorkerEnvironment.AppName) ?? "Fleetbook";
        var settings = new WorkerSettings
        {
            QueueUrl = queueUrl,
            Bucket = bucket,
            Region = Get(WorkerEnvironment.Region) ?? "us-east-1",
            AppName = appName,
            LogGroup = Get(WorkerEnvironment.LogGroup) ?? appName,
            DockerCores = Integer(WorkerEnvironment.DockerCores, 1, minimum: 1),
            SecondsToStart = TimeSpan.FromSeconds(Seconds(WorkerEnvironment.SecondsToStart, 0)),
            CheckIfDone = new CheckIfDone(
                Flag(WorkerEnvironment.CheckIfDone),
                Integer(WorkerEnvironment.ExpectedFiles, 1),
                Integer(WorkerEnvironment.MinFileSize, 1),
                Get(WorkerEnvironment.NecessaryString) ?? ""),
            DownloadFiles = Flag(WorkerEnvironment.DownloadFiles),
            Command = command,
            Shell = Flag(WorkerEnvironment.Shell),
            JobTimeout = timeout > 0 ? TimeSpan.FromSeconds(timeout) : null,
            IdleExit = TimeSpan.FromSeconds(Seconds(WorkerEnvironment.IdleExit, 20)),
            Visibility = TimeSpan.FromSeconds(Math.Max(1, Seconds(WorkerEnvironment.Visibility, 60))),
            RetryDelay = TimeSpan.FromSeconds(Seconds(WorkerEnvironment.RetryDelay, 10)),
            Inputs = ParseTemplate(WorkerEnvironment.Inputs, Get(WorkerEnvironment.Inputs) ?? ""),
            Outputs = ParseTemplate(WorkerEnvironment.Outputs, Get(WorkerEnvironment.Outputs) ?? "results/{job_id}"),
            Container = Get(WorkerEnvironment.Container) ?? "",
            ContainerBinds = binds,
            ContainerRuntime = Get(WorkerEnvironment.ContainerRuntime),
            StateDir = Get(WorkerEnvironment.State),
            WorkDir = Get(WorkerEnvironment.WorkDir) ?? Path.Combine(Path.GetTempPath(), "fleetbook-work"),
            // Unique without help: containers of one machine can share a host name and a process id (1), and a work folder.
            WorkerId = Get(WorkerEnvironment.WorkerId) ?? $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}",
        };

        if (problems.Count > 0)
        {
            throw new InputException(problems);
        }

        return settings;
    }

    /// <summary>A JSON list of strings (or null, read as none), read without reflection so that a native worker reads it too.</summary>
    /// <exception cref="JsonException">It is anything else.</exception>
    private static List<string> StringList(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (root.ValueKind != JsonValueKind.Array || root.EnumerateArray().Any(item => item.ValueKind != JsonValueKind.String))
        {
            throw new JsonException("not a list of strings");
        }

        return [.. root.EnumerateArray().Select(item => item.GetString()!)];
    }

    public static WorkerSettings FromProcessEnvironment()
    {
        var variables = new Dictionary<string, string?>();
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            variables[(string)entry.Key] = entry.Value as string;
        }

        return FromEnvironment(variables);
    }
}

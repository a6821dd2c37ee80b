using Fleetbook.Backends.Aws.Run;
using Fleetbook.Backends.Aws.Storage;
using Fleetbook.Configuration;
using Fleetbook.Steps;
using Fleetbook.Tests.Aws.Emulators;
using Fleetbook.Tests.Aws.Fake;
using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Aws.Run;

/// <summary>
/// A whole AWS run through the real <see cref="AwsBackend"/>: SQS and S3 on fauxqs, ECS, EC2, CloudWatch Logs and
/// CloudWatch on the fake server (which places each task as a real fleetbook-worker process), a project folder with
/// fleetbook.json and Distributed-Something's example fleet file.
/// </summary>
public sealed class AwsBackendHarness : IAsyncDisposable
{
    /// <summary>Distributed-Something's files/exampleFleet_us-east-1.json, verbatim but for the account, subnet and group the fake knows.</summary>
    public static string DsExampleFleetFile => DsExampleFleet.ForFakeAccount();

    private readonly TempFolder _folder;

    private AwsBackendHarness(TempFolder folder, FakeAwsServer server, S3ObjectStore bucket, RunConfig config, AwsBackendOptions options)
    {
        _folder = folder;
        Server = server;
        Bucket = bucket;
        Config = config;
        Options = options;
        Shared = Directory.CreateDirectory(folder.File("shared")).FullName;
        Directory.CreateDirectory(Path.Combine(Shared, "runs"));
        Run = Open();
    }

    public FakeAwsServer Server { get; }
    public S3ObjectStore Bucket { get; }
    public RunConfig Config { get; }
    public AwsBackendOptions Options { get; }
    public string ProjectDirectory => _folder.Path;
    public string Shared { get; }
    public FleetRun Run { get; private set; }
    public AwsBackend Backend => (AwsBackend)Run.Backend;

    /// <summary>Fast waits for loopback: the fake launches machines in a fraction of a second.</summary>
    public static AwsBackendOptions FastOptions(IReadOnlyDictionary<string, string> environment) => new()
    {
        Environment = name => environment.TryGetValue(name, out var value) ? value : null,
        Credentials = AwsEmulators.FauxqsCredentials,
        CapacityPollInterval = TimeSpan.FromMilliseconds(200),
        CleanupPollInterval = TimeSpan.FromMilliseconds(200),
        ClusterDrainLimit = TimeSpan.FromSeconds(30),
        LogExportLimit = TimeSpan.FromSeconds(10),
        DownscaleInterval = TimeSpan.Zero,
        AlarmSweepInterval = TimeSpan.Zero,
        CheapestAfter = TimeSpan.Zero,
    };

    /// <summary>A shell job as in <see cref="Integration.AwsRunHarness.ShellJobConfig"/>, on 2 machines of the DS example fleet.</summary>
    public static RunConfig JobConfig(string appPrefix, FleetMode mode) => Integration.AwsRunHarness.ShellJobConfig(appPrefix) with
    {
        Backend = BackendKind.Aws,
        Image = "fleetbook/worker:test",
        Cluster = AwsEmulators.NewName(appPrefix + "Cluster"),
        FleetMode = mode,
        Machines = 2,
        TasksPerMachine = 1,
        DockerCores = 2,
        Memory = mode == FleetMode.FargateSpot ? 4096 : 2000,
        MachineTypes = ["m5.xlarge"],
        Subnets = mode == FleetMode.FargateSpot ? ["subnet-0123abcd"] : [],
        SecurityGroups = mode == FleetMode.FargateSpot ? ["sg-0123abcd"] : [],
        ExecutionRoleArn = mode == FleetMode.FargateSpot ? "arn:aws:iam::123456789012:role/ecsTaskExecutionRole" : "",
        TaskRoleArn = "arn:aws:iam::123456789012:role/FleetbookTaskRole",
        StartTimeoutSeconds = 60,
        CreateDashboard = true,
    };

    public static async Task<AwsBackendHarness> CreateAsync(AwsEmulators emulators, RunConfig config)
    {
        var fauxqs = await emulators.FauxqsAsync();
        var bucket = await emulators.FauxqsBucketAsync();
        var server = FakeAwsServer.Start();
        server.TaskEnvironmentOverrides["AWS_ENDPOINT_URL_SQS"] = fauxqs.Endpoint;
        server.TaskEnvironmentOverrides["AWS_ENDPOINT_URL_S3"] = fauxqs.Endpoint;
        config = config with { Bucket = bucket.Name, Region = AwsEmulators.Region };
        var folder = new TempFolder(config.AppName);
        folder.Write("fleet.json", DsExampleFleetFile);
        ConfigFile.Save(config, folder.File(RunConfig.DefaultFileName));
        var environment = new Dictionary<string, string>(server.ClientEnvironment())
        {
            ["AWS_ENDPOINT_URL_SQS"] = fauxqs.Endpoint,
            ["AWS_ENDPOINT_URL_S3"] = fauxqs.Endpoint,
        };
        try
        {
            return new AwsBackendHarness(folder, server, bucket, config, FastOptions(environment));
        }
        catch
        {
            await server.DisposeAsync();
            bucket.Dispose();
            folder.Dispose();
            throw;
        }
    }

    /// <summary>A fresh run object on the same project, as a new process (a restarted notebook) would open it.</summary>
    public FleetRun Open()
    {
        var backend = AwsBackend.Open(Config, ProjectDirectory, TimeProvider.System, Options);
        return FleetRun.Create(Config, ProjectDirectory, TimeProvider.System, backend);
    }

    public async Task ReopenAsync()
    {
        await Run.DisposeAsync();
        Run = Open();
    }

    public string WriteJobFile(int count)
    {
        var ids = Enumerable.Range(1, count).Select(i => i.ToString("0000", System.Globalization.CultureInfo.InvariantCulture));
        var text = new System.Text.StringBuilder("{\"shared\": \"").Append(Shared).Append("\", \"groups\": [\n");
        text.AppendJoin(",\n", ids.Select(id => $"{{\"n\": \"{id}\"}}"));
        text.Append("\n]}\n");
        return _folder.Write("job.json", text.ToString());
    }

    public int JobRuns => Directory.GetFiles(Path.Combine(Shared, "runs")).Length;

    public async ValueTask DisposeAsync()
    {
        await Run.DisposeAsync();
        await Server.DisposeAsync();
        Bucket.Dispose();
        _folder.Dispose();
    }
}

using System.Text;
using Fleetbook.Backends.Aws.Connection;
using Fleetbook.Backends.Aws.Sqs;
using Fleetbook.Backends.Aws.Storage;
using Fleetbook.Configuration;
using Fleetbook.Steps;
using Fleetbook.Tests.Aws.Emulators;
using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Aws.Integration;

/// <summary>
/// An AWS run on emulators: the steps (setup, submit, start, monitor, dead letters, redrive) through
/// <see cref="FleetRun"/>, real worker processes, SQS on fauxqs (optionally behind a <see cref="FaultProxy"/>) and
/// the bucket on fauxqs's S3. Jobs leave one marker file per run in a shared folder, so runs can be counted.
/// </summary>
public sealed class AwsRunHarness : IAsyncDisposable
{
    private readonly TempFolder _folder;
    private readonly AwsConnection _connection;

    private AwsRunHarness(TempFolder folder, RunConfig config, AwsConnection connection, S3ObjectStore bucket, FaultProxy? proxy, AwsTestBackend backend)
    {
        _folder = folder;
        _connection = connection;
        Config = config;
        Bucket = bucket;
        Proxy = proxy;
        Backend = backend;
        Shared = Directory.CreateDirectory(folder.File("shared")).FullName;
        Directory.CreateDirectory(Path.Combine(Shared, "runs"));
        Run = FleetRun.Create(config, folder.Path, TimeProvider.System, backend);
    }

    public RunConfig Config { get; }
    public FleetRun Run { get; }
    public S3ObjectStore Bucket { get; }
    public FaultProxy? Proxy { get; }
    public AwsTestBackend Backend { get; }

    /// <summary>A folder on this machine the jobs write their run markers to (it is not the bucket).</summary>
    public string Shared { get; }

    /// <summary>
    /// A shell job: <c>$1</c> is the job id, <c>$2</c> the output folder, <c>$3</c> the shared folder. It leaves a run
    /// marker, fails with code 3 when its job id is "fail", and otherwise writes <c>out.txt</c>.
    /// </summary>
    public static RunConfig ShellJobConfig(string appPrefix) => new()
    {
        AppName = AwsEmulators.NewName(appPrefix),
        Command = ["/bin/sh", "-c", """: > "$3/runs/$1.$$"; if [ "$1" = fail ]; then echo boom >&2; exit 3; fi; echo "$1" > "$2/out.txt" """, "job", "{job_id}", "{output_dir}", "{shared}"],
        Machines = 2,
        DockerCores = 2,
        VisibilitySeconds = 10,
        IdleExitSeconds = 3,
        RetryDelaySeconds = 0,
        MaxReceives = 2,
    };

    /// <param name="emulators">The shared emulators.</param>
    /// <param name="config">The run; its bucket is replaced by a new bucket on fauxqs.</param>
    /// <param name="faults">When given, every SQS call (steps and workers) goes through a fault proxy; faults start when <see cref="StartFaults"/> is called.</param>
    public static async Task<AwsRunHarness> CreateAsync(AwsEmulators emulators, RunConfig config, FaultPlan? faults = null)
    {
        var fauxqs = await emulators.FauxqsAsync();
        var folder = new TempFolder(config.AppName);
        var proxy = faults is null ? null : new FaultProxy(fauxqs.Endpoint, FaultPlan.None);
        var sqsEndpoint = proxy?.Endpoint ?? fauxqs.Endpoint;
        var connection = AwsEmulators.Connection(sqsEndpoint, maxAttempts: 10);
        var bucket = await emulators.FauxqsBucketAsync();
        config = config with { Bucket = bucket.Name, Region = AwsEmulators.Region };
        var environment = new Dictionary<string, string>
        {
            ["AWS_REGION"] = AwsEmulators.Region,
            ["AWS_ENDPOINT_URL"] = fauxqs.Endpoint,
            ["AWS_ENDPOINT_URL_SQS"] = sqsEndpoint,
            ["AWS_ACCESS_KEY_ID"] = AwsEmulators.FauxqsCredentials.GetCredentials().AccessKey,
            ["AWS_SECRET_ACCESS_KEY"] = AwsEmulators.FauxqsCredentials.GetCredentials().SecretKey,
            ["FLEETBOOK_WORK_DIR"] = folder.File("work"),
        };
        var fleet = new WorkerProcessFleet(folder.File("workers"));
        var queues = new SqsQueueService(new SqsClient(connection), SqsQueueService.RunTags(config.AppName));
        var backend = new AwsTestBackend(config, queues, bucket, fleet, environment);
        var harness = new AwsRunHarness(folder, config, connection, bucket, proxy, backend);
        harness._faults = faults;
        return harness;
    }

    private FaultPlan? _faults;

    public void StartFaults()
    {
        if (Proxy is not null && _faults is not null)
        {
            Proxy.Plan = _faults;
        }
    }

    public void StopFaults()
    {
        if (Proxy is not null)
        {
            Proxy.Plan = FaultPlan.None;
        }
    }

    /// <summary>A Distributed-Something job file: the shared folder as a top-level key, then one group per job id.</summary>
    public string WriteJobFile(IEnumerable<string> jobIds)
    {
        var text = new StringBuilder("{\"shared\": \"").Append(Shared).Append("\", \"groups\": [\n");
        text.AppendJoin(",\n", jobIds.Select(id => $"{{\"n\": \"{id}\"}}"));
        text.Append("\n]}\n");
        return _folder.Write("job.json", text.ToString());
    }

    public static IEnumerable<string> NumberedJobs(int count) => Enumerable.Range(1, count).Select(i => i.ToString("0000", System.Globalization.CultureInfo.InvariantCulture));

    public async Task<MonitorResult> MonitorAsync(TimeSpan timeout)
    {
        var result = await Run.MonitorAsync(options: new MonitorOptions { PollInterval = TimeSpan.FromMilliseconds(250), Timeout = timeout });
        Assert.True(result.Completed, $"the run did not drain in time: {result.Final.Explanation}\n{Backend.Workers.Output()}");
        return result;
    }

    /// <summary>How many times each job ran, from the marker files.</summary>
    public IReadOnlyDictionary<string, int> RunsPerJob() =>
        Directory.GetFiles(Path.Combine(Shared, "runs"))
            .Select(f => Path.GetFileName(f)[..Path.GetFileName(f).LastIndexOf('.')])
            .GroupBy(id => id)
            .ToDictionary(g => g.Key, g => g.Count());

    /// <summary>The outputs in the bucket: key → content.</summary>
    public async Task<IReadOnlyDictionary<string, string>> OutputsAsync(string prefix = "results/")
    {
        var keys = new List<string>();
        await foreach (var item in Bucket.ListAsync(prefix, CancellationToken.None))
        {
            keys.Add(item.Key);
        }

        var outputs = new Dictionary<string, string>();
        foreach (var key in keys)
        {
            outputs[key] = Encoding.UTF8.GetString((await Bucket.GetBytesAsync(key, CancellationToken.None))!);
        }

        return outputs;
    }

    public async ValueTask DisposeAsync()
    {
        await Run.DisposeAsync();
        if (Proxy is not null)
        {
            await Proxy.DisposeAsync();
        }

        _connection.Dispose();
        Bucket.Dispose();
        _folder.Dispose();
    }
}

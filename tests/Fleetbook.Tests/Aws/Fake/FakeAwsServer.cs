using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Fleetbook.Backends.Aws;
using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Aws.Fake;

/// <summary>
/// A fake AWS endpoint for ECS, EC2, CloudWatch Logs and CloudWatch on a loopback port. Every request is held to the
/// official service model (unknown or missing members, types, enums, lengths: each is a <see cref="Violations"/>
/// entry and a 400 answer); enough state is kept to play a whole Distributed-Something run, and ECS tasks are
/// "placed" by starting real processes (see <see cref="TaskLauncher"/>).
/// </summary>
/// <remarks>
/// Start with <see cref="Start"/> (throws <see cref="InvalidOperationException"/> with <see cref="AwsModels.MissingReason"/>
/// when the models are absent: use it from <see cref="AwsModelFactAttribute"/> tests). Point the client at
/// <see cref="Url"/> (see <see cref="ClientEnvironment"/>); configure the simulated account through the properties
/// (known AMIs, subnets, security groups, instance types, delays, failures) at any time.
/// </remarks>
public sealed partial class FakeAwsServer : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _serving;
    private readonly Timer _reconciler;
    private readonly List<RecordedCall> _calls = [];
    private readonly List<ModelViolation> _violations = [];
    private int _disposed;
    private int _reconciling;

    private FakeAwsServer(HttpListener listener, int port)
    {
        _listener = listener;
        Port = port;
        Url = $"http://127.0.0.1:{port}";
        WorkFolder = Path.Combine(Path.GetTempPath(), "fleetbook-tests", "fakeaws-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(WorkFolder);
        Models = new Dictionary<AwsService, ServiceModel>
        {
            [AwsService.Ecs] = ServiceModel.Get(AwsService.Ecs.ModelName),
            [AwsService.Ec2] = ServiceModel.Get(AwsService.Ec2.ModelName),
            [AwsService.Logs] = ServiceModel.Get(AwsService.Logs.ModelName),
            [AwsService.CloudWatch] = ServiceModel.Get(AwsService.CloudWatch.ModelName),
        };
        Ecs = new FakeEcs(this);
        Ec2 = new FakeEc2(this);
        Logs = new FakeLogs(this);
        CloudWatch = new FakeCloudWatch(this);
        TaskLauncher = new WorkerTaskLauncher();
        _serving = Task.Run(ServeAsync);
        _reconciler = new Timer(_ => ReconcileQuietly(), null, ReconcileInterval, ReconcileInterval);
    }

    /// <summary>The endpoint, such as <c>http://127.0.0.1:41234</c> (no trailing slash).</summary>
    public string Url { get; }

    public int Port { get; }

    /// <summary>The region used in ARNs and availability zones.</summary>
    public string Region { get; set; } = "us-east-1";

    public string AccountId { get; set; } = "123456789012";

    /// <summary>The dummy credentials given to clients and to task processes (signatures are not verified).</summary>
    public string AccessKeyId { get; set; } = "AKIDFAKEAWSSERVER000";

    public string SecretAccessKey { get; set; } = "fake-aws-server-secret";

    /// <summary>Scratch space of this server: one folder and one log file per ECS task. Removed on dispose.</summary>
    public string WorkFolder { get; }

    /// <summary>How often services, fleets and instances move on (also done after every ECS and EC2 call).</summary>
    public TimeSpan ReconcileInterval { get; } = TimeSpan.FromMilliseconds(200);

    /// <summary>At most this many items per page of every paginated answer (null: each operation's AWS default).</summary>
    public int? PageSizeLimit { get; set; }

    /// <summary>Every request received, in order.</summary>
    public IReadOnlyList<RecordedCall> Calls
    {
        get
        {
            lock (Gate)
            {
                return [.. _calls];
            }
        }
    }

    /// <summary>Every model or protocol violation of a request (and any bug of the fake's own responses).</summary>
    public IReadOnlyList<ModelViolation> Violations
    {
        get
        {
            lock (Gate)
            {
                return [.. _violations];
            }
        }
    }

    internal object Gate { get; } = new();
    internal IReadOnlyDictionary<AwsService, ServiceModel> Models { get; }
    internal FakeEcs Ecs { get; }
    internal FakeEc2 Ec2 { get; }
    internal FakeLogs Logs { get; }
    internal FakeCloudWatch CloudWatch { get; }

    /// <summary>Starts a server on a free loopback port.</summary>
    /// <exception cref="InvalidOperationException">The AWS models are absent (the message is <see cref="AwsModels.MissingReason"/>).</exception>
    public static FakeAwsServer Start()
    {
        if (!AwsModels.Available)
        {
            throw new InvalidOperationException(AwsModels.MissingReason);
        }

        for (var attempt = 0; ; attempt++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return new FakeAwsServer(listener, port);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close();
            }
        }
    }

    /// <summary>The calls of one operation (any service), in order.</summary>
    public IReadOnlyList<RecordedCall> CallsTo(string operation) => Calls.Where(c => c.Operation == operation).ToList();

    /// <summary>Fails the test, listing every violation, when there is any.</summary>
    public void AssertNoViolations()
    {
        var violations = Violations;
        if (violations.Count > 0)
        {
            Assert.Fail($"{violations.Count} AWS model violation(s):{Environment.NewLine}" + string.Join(Environment.NewLine, violations.Select(v => "  " + v)));
        }
    }

    /// <summary>
    /// The environment that points an AWS client (the code under test) at this server: per-service endpoint
    /// variables for ECS, EC2, CloudWatch Logs and CloudWatch, the dummy credentials and the region.
    /// </summary>
    public IReadOnlyDictionary<string, string> ClientEnvironment() => new Dictionary<string, string>
    {
        ["AWS_ENDPOINT_URL_ECS"] = Url,
        ["AWS_ENDPOINT_URL_EC2"] = Url,
        ["AWS_ENDPOINT_URL_CLOUDWATCH_LOGS"] = Url,
        ["AWS_ENDPOINT_URL_CLOUDWATCH"] = Url,
        ["AWS_ACCESS_KEY_ID"] = AccessKeyId,
        ["AWS_SECRET_ACCESS_KEY"] = SecretAccessKey,
        ["AWS_REGION"] = Region,
        ["AWS_EC2_METADATA_DISABLED"] = "true",
    };

    /// <summary>
    /// What a run left behind: clusters other than default, services not INACTIVE, ACTIVE task definitions, tasks
    /// not STOPPED (with their processes), fleets not cancelled, instances not terminated, launch templates, alarms,
    /// dashboards (and log groups when asked: DS keeps them on purpose).
    /// </summary>
    public IReadOnlyList<string> ResourcesLeft(bool includeLogGroups = false)
    {
        lock (Gate)
        {
            ReconcileLocked();
            var left = new List<string>();
            left.AddRange(Ecs.ResourcesLeft());
            left.AddRange(Ec2.ResourcesLeft());
            left.AddRange(CloudWatch.ResourcesLeft());
            if (includeLogGroups)
            {
                left.AddRange(Logs.ResourcesLeft());
            }

            return left;
        }
    }

    /// <summary>Waits (polling every 50 ms) until <paramref name="condition"/> holds; fails the test after <paramref name="timeout"/>.</summary>
    public Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what) => WaitUntilAsync(() => Task.FromResult(condition()), timeout, what);

    /// <summary>Waits (polling every 50 ms) until <paramref name="condition"/> holds; fails the test after <paramref name="timeout"/>.</summary>
    public async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"timed out after {timeout.TotalSeconds:0.#} s waiting for {what}.");
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _reconciler.DisposeAsync();
        await _stopping.CancelAsync();
        _listener.Close();
        try
        {
            await _serving.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
        }

        IReadOnlyList<ITaskProcess> processes;
        lock (Gate)
        {
            processes = Ecs.AllProcesses();
        }

        foreach (var process in processes)
        {
            process.Kill();
        }

        foreach (var process in processes)
        {
            await process.WaitForExitAsync(TimeSpan.FromSeconds(5));
            process.Dispose();
        }

        _stopping.Dispose();
        try
        {
            Directory.Delete(WorkFolder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    internal DateTimeOffset Now => DateTimeOffset.UtcNow;

    internal int PageSize(int requested, int awsDefault) =>
        Math.Max(1, Math.Min(requested > 0 ? requested : awsDefault, PageSizeLimit ?? int.MaxValue));

    internal void Record(RecordedCall call)
    {
        lock (Gate)
        {
            _calls.Add(call);
        }
    }

    internal void AddViolation(ModelViolation violation)
    {
        lock (Gate)
        {
            _violations.Add(violation);
        }
    }

    /// <summary>Moves services, tasks, fleets and instances on; runs on a timer and after each ECS and EC2 call.</summary>
    internal void ReconcileLocked()
    {
        if (_disposed == 1)
        {
            // Stopping: no new instances or task processes after DisposeAsync took its list of processes to kill.
            return;
        }

        Ec2.Reconcile();
        Ecs.Reconcile();
    }

    private void ReconcileQuietly()
    {
        if (_disposed == 1 || Interlocked.Exchange(ref _reconciling, 1) == 1)
        {
            return;
        }

        try
        {
            lock (Gate)
            {
                ReconcileLocked();
            }
        }
        catch (Exception ex)
        {
            AddViolation(new ModelViolation(null, "(reconcile)", ViolationSide.Response, "", "the fake failed while moving resources on: " + ex));
        }
        finally
        {
            Volatile.Write(ref _reconciling, 0);
        }
    }

    internal static JsonObject Clone(JsonObject value) => (JsonObject)value.DeepClone();
}

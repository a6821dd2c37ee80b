using System.Diagnostics;
using Fleetbook.Backends.Aws.Worker;
using Fleetbook.Working;

namespace Fleetbook.Tests.Aws.Worker;

public sealed class SpotInterruptionWatcherTests : IAsyncLifetime
{
    private const string Notice = """{"action": "terminate", "time": "2025-03-01T12:02:00Z"}""";

    private readonly FakeInstanceMetadata _imds = new();
    private readonly ManualClock _clock = new();
    private readonly StringWriter _output = new();
    private readonly CancellationTokenSource _workerStop = new();
    private readonly CancellationTokenSource _end = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _end.CancelAsync();
        await _imds.DisposeAsync();
        _workerStop.Dispose();
        _end.Dispose();
    }

    [Fact]
    public async Task Each_poll_carries_a_session_token_and_no_notice_leaves_the_worker_running()
    {
        // Arrange
        using var client = _imds.Client(_clock);
        var watcher = Watcher(client);

        // Act
        var running = watcher.RunAsync(new WorkerControl(_workerStop), _end.Token);
        await _imds.WaitForPollsAsync(1);
        await _clock.WaitForTimersAsync();
        _clock.Advance(TimeSpan.FromSeconds(5));
        await _imds.WaitForPollsAsync(2);

        // Assert
        var requests = _imds.Requests.ToList();
        var put = Assert.Single(requests, r => r.Method == "PUT");
        Assert.Equal(("/latest/api/token", "21600"), (put.Path, put.Header("X-aws-ec2-metadata-token-ttl-seconds")));
        Assert.All(requests.Where(r => r.Method == "GET"), r => Assert.StartsWith("token-", r.Header("X-aws-ec2-metadata-token")));
        Assert.False(_workerStop.IsCancellationRequested);
        Assert.False(running.IsCompleted);
    }

    [Fact]
    public async Task A_notice_stops_the_worker_within_one_poll_and_says_how_many_jobs_go_back()
    {
        // Arrange: two jobs running, a first poll with no notice.
        using var client = _imds.Client(_clock);
        var control = new WorkerControl(_workerStop);
        control.JobStarted();
        control.JobStarted();
        var running = Watcher(client).RunAsync(control, _end.Token);
        await _imds.WaitForPollsAsync(1);
        await _clock.WaitForTimersAsync();

        // Act
        _imds.Set(SpotInterruptionWatcher.NoticePath, Notice);
        _clock.Advance(TimeSpan.FromSeconds(5));
        await running.WaitAsync(TimeSpan.FromSeconds(10));

        // Assert
        Assert.True(_workerStop.IsCancellationRequested);
        Assert.Equal(2, _imds.Polls);
        Assert.Contains("spot interruption notice for 2025-03-01T12:02:00Z (terminate): returning 2 jobs to the queue", _output.ToString());
    }

    [Fact]
    public async Task An_expired_token_is_replaced_and_the_watch_goes_on()
    {
        // Arrange
        using var client = _imds.Client(_clock);
        var running = Watcher(client).RunAsync(new WorkerControl(_workerStop), _end.Token);
        await _imds.WaitForPollsAsync(1);
        await _clock.WaitForTimersAsync();

        // Act
        _imds.ExpireTokens();
        _imds.Set(SpotInterruptionWatcher.NoticePath, Notice);
        _clock.Advance(TimeSpan.FromSeconds(5));
        await running.WaitAsync(TimeSpan.FromSeconds(10));

        // Assert
        Assert.Equal(2, _imds.Requests.Count(r => r.Method == "PUT"));
        Assert.True(_workerStop.IsCancellationRequested);
    }

    [Fact]
    public async Task When_the_token_request_goes_unanswered_the_watch_falls_back_to_imds_v1()
    {
        // Arrange: a container past the metadata hop limit never sees the PUT's answer.
        _imds.HangOnTokenRequest = true;
        _imds.AllowVersionOne = true;
        _imds.Set("/latest/meta-data/instance-id", "i-0123456789abcdef0");
        _imds.Set(SpotInterruptionWatcher.NoticePath, Notice);
        using var client = _imds.Client(_clock, TimeSpan.FromMilliseconds(300));

        // Act
        await Watcher(client).RunAsync(new WorkerControl(_workerStop), _end.Token).WaitAsync(TimeSpan.FromSeconds(10));

        // Assert
        Assert.True(_workerStop.IsCancellationRequested);
        Assert.All(_imds.Requests.Where(r => r.Method == "GET"), r => Assert.Null(r.Header("X-aws-ec2-metadata-token")));
    }

    [Theory]
    [InlineData("AWS_EC2_METADATA_DISABLED", "true", "spot interruption watch off: AWS_EC2_METADATA_DISABLED is true")]
    [InlineData("AWS_EXECUTION_ENV", "AWS_ECS_FARGATE", "spot interruption watch off: on Fargate")]
    public async Task The_watch_is_off_without_a_single_request_when_the_environment_says_so(string variable, string value, string said)
    {
        // Arrange
        _imds.Set(SpotInterruptionWatcher.NoticePath, Notice);
        using var client = _imds.Client(_clock);
        var watcher = new SpotInterruptionWatcher(client, _clock, _output, name => name == variable ? value : null);

        // Act
        await watcher.RunAsync(new WorkerControl(_workerStop), _end.Token).WaitAsync(TimeSpan.FromSeconds(10));

        // Assert
        Assert.Empty(_imds.Requests);
        Assert.False(_workerStop.IsCancellationRequested);
        Assert.Contains(said, _output.ToString());
    }

    [Fact]
    public async Task The_watch_runs_on_ecs_on_ec2_though_the_task_metadata_variable_is_set()
    {
        // Arrange: ECS sets ECS_CONTAINER_METADATA_URI_V4 on EC2 as on Fargate.
        _imds.Set(SpotInterruptionWatcher.NoticePath, Notice);
        using var client = _imds.Client(_clock);
        var environment = new Dictionary<string, string> { ["ECS_CONTAINER_METADATA_URI_V4"] = "http://169.254.170.2/v4/x", ["AWS_EXECUTION_ENV"] = "AWS_ECS_EC2" };
        var watcher = new SpotInterruptionWatcher(client, _clock, _output, name => environment.GetValueOrDefault(name));

        // Act
        await watcher.RunAsync(new WorkerControl(_workerStop), _end.Token).WaitAsync(TimeSpan.FromSeconds(10));

        // Assert
        Assert.True(_workerStop.IsCancellationRequested);
    }

    [Fact]
    public async Task Off_ec2_the_first_poll_fails_fast_and_the_watch_stops_for_good()
    {
        // Arrange: nothing listens at the metadata address.
        using var client = new InstanceMetadataClient(new InstanceMetadataOptions { BaseAddress = LoopbackListener.RefusingUrl() }, _clock);
        var watcher = Watcher(client);
        var watch = Stopwatch.StartNew();

        // Act
        await watcher.RunAsync(new WorkerControl(_workerStop), _end.Token).WaitAsync(TimeSpan.FromSeconds(10));

        // Assert
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"took {watch.Elapsed}");
        Assert.False(_workerStop.IsCancellationRequested);
        Assert.Contains("spot interruption watch off: not on EC2, or instance metadata is out of reach", _output.ToString());
    }

    [Fact]
    public async Task The_watch_ends_quietly_when_the_worker_ends()
    {
        // Arrange
        using var client = _imds.Client(_clock);
        var running = Watcher(client).RunAsync(new WorkerControl(_workerStop), _end.Token);
        await _imds.WaitForPollsAsync(1);
        await _clock.WaitForTimersAsync();

        // Act
        await _end.CancelAsync();
        await running.WaitAsync(TimeSpan.FromSeconds(10));

        // Assert
        Assert.False(_workerStop.IsCancellationRequested);
        Assert.Equal("", _output.ToString());
    }

    private SpotInterruptionWatcher Watcher(InstanceMetadataClient client) => new(client, _clock, _output, _ => null);
}

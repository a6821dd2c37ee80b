using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Fleetbook.Backends.Aws.Connection;
using Fleetbook.Backends.Aws.Services.CloudWatch;
using Fleetbook.Backends.Aws.Worker;
using Fleetbook.Working;

namespace Fleetbook.Tests.Aws.Worker;

public sealed class IdleInstanceAlarmTests : IAsyncLifetime
{
    private readonly FakeInstanceMetadata _imds = new();
    private readonly ConcurrentQueue<(string Target, JsonObject Body)> _calls = new();
    private readonly ManualClock _clock = new();
    private readonly StringWriter _output = new();
    private LoopbackListener? _cloudWatch;
    private AwsConnection? _connection;

    public Task InitializeAsync()
    {
        _cloudWatch = new LoopbackListener(request =>
        {
            _calls.Enqueue((request.Header("X-Amz-Target") ?? "", JsonNode.Parse(request.Body)!.AsObject()));
            return Task.FromResult(new FakeResponse(200, "{}", "application/x-amz-json-1.0"));
        });
        _connection = new AwsConnection(new AwsConnectionOptions
        {
            Region = "us-east-1",
            Credentials = new BasicAWSCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
            Endpoints = new Dictionary<string, Uri> { ["CLOUDWATCH"] = _cloudWatch.Url },
            Environment = _ => null,
            MaxAttempts = 1,
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _connection?.Dispose();
        await _cloudWatch!.DisposeAsync();
        await _imds.DisposeAsync();
    }

    [Fact]
    public async Task On_ec2_the_worker_puts_the_idle_alarm_for_its_machine_from_the_identity_document()
    {
        // Arrange
        _imds.Set(IdleInstanceAlarm.IdentityPath, """{"accountId": "123456789012", "instanceId": "i-0abc", "region": "eu-west-1", "instanceType": "m5.large"}""");
        using var client = _imds.Client(_clock);
        var alarm = new IdleInstanceAlarm(client, new CloudWatchClient(_connection!), "MyApp", _clock, _output);

        // Act
        await alarm.RunAsync(new WorkerControl(new CancellationTokenSource()), CancellationToken.None);

        // Assert
        var (target, body) = Assert.Single(_calls);
        Assert.Equal("GraniteServiceVersion20100801.PutMetricAlarm", target);
        Assert.Equal("MyApp_i-0abc", (string)body["AlarmName"]!);
        Assert.Equal("arn:aws:swf:eu-west-1:123456789012:action/actions/AWS_EC2.InstanceId.Terminate/1.0", (string)body["AlarmActions"]![0]!);
        Assert.Equal("i-0abc", (string)body["Dimensions"]![0]!["Value"]!);
        Assert.Equal(("fleetbook:run", "MyApp"), ((string)body["Tags"]![0]!["Key"]!, (string)body["Tags"]![0]!["Value"]!));
        Assert.Contains("idle alarm MyApp_i-0abc put", _output.ToString());
    }

    [Fact]
    public async Task Off_ec2_no_alarm_is_put_and_nothing_is_said()
    {
        // Arrange
        using var client = new InstanceMetadataClient(new InstanceMetadataOptions { BaseAddress = LoopbackListener.RefusingUrl() }, _clock);
        var alarm = new IdleInstanceAlarm(client, new CloudWatchClient(_connection!), "MyApp", _clock, _output);

        // Act
        await alarm.RunAsync(new WorkerControl(new CancellationTokenSource()), CancellationToken.None);

        // Assert
        Assert.Empty(_calls);
        Assert.Equal("", _output.ToString());
    }

    [Fact]
    public void With_instance_metadata_disabled_the_aws_worker_runs_the_monitor_and_the_spot_watch_but_puts_no_alarm()
    {
        // Arrange
        var settings = new WorkerSettings { QueueUrl = "https://sqs.us-east-1.amazonaws.com/1/q", Bucket = "b", Command = [], WorkDir = "/tmp", WorkerId = "w" };
        var environment = new Dictionary<string, string> { ["AWS_EC2_METADATA_DISABLED"] = "true" };

        // Act
        var companions = AwsWorkerParts.Companions(settings, _connection!, _clock, _output, name => environment.GetValueOrDefault(name));
        environment[AwsWorkerParts.MonitorSecondsVariable] = "0";
        var withoutMonitor = AwsWorkerParts.Companions(settings, _connection!, _clock, _output, name => environment.GetValueOrDefault(name));

        // Assert
        Assert.Equal([typeof(ResourceMonitor), typeof(SpotInterruptionWatcher)], companions.Select(c => c.GetType()));
        Assert.Equal([typeof(SpotInterruptionWatcher)], withoutMonitor.Select(c => c.GetType()));
    }

    [Fact]
    public void On_EC2_the_worker_puts_the_idle_alarm_unless_the_config_turned_it_off()
    {
        // Arrange
        var settings = new WorkerSettings { QueueUrl = "https://sqs.us-east-1.amazonaws.com/1/q", Bucket = "b", Command = [], WorkDir = "/tmp", WorkerId = "w" };
        var environment = new Dictionary<string, string> { [AwsWorkerParts.MonitorSecondsVariable] = "0" };

        // Act
        var on = AwsWorkerParts.Companions(settings, _connection!, _clock, _output, name => environment.GetValueOrDefault(name));
        environment[WorkerEnvironment.IdleAlarm] = "False";
        var off = AwsWorkerParts.Companions(settings, _connection!, _clock, _output, name => environment.GetValueOrDefault(name));

        // Assert
        Assert.Equal([typeof(SpotInterruptionWatcher), typeof(IdleInstanceAlarm)], on.Select(c => c.GetType()));
        Assert.Equal([typeof(SpotInterruptionWatcher)], off.Select(c => c.GetType()));
    }
}

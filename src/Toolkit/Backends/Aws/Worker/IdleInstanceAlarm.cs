using System.Globalization;
using System.Text.Json;
using Fleetbook.Backends.Aws.Services;
using Fleetbook.Backends.Aws.Services.CloudWatch;
using Fleetbook.Working;

namespace Fleetbook.Backends.Aws.Worker;

/// <summary>
/// Distributed-Something's per-machine idle alarm, put when the worker starts on an EC2 machine: <c>APP_NAME_&lt;instance id&gt;</c>
/// terminates the machine once its maximum CPU has stayed under 1% for 15 minutes (a hung or crashed machine).
/// The instance id, region and account come from the instance identity document, so no EC2 permissions are needed,
/// only cloudwatch:PutMetricAlarm (and cloudwatch:TagResource for the run tag). A failure is a warning, never fatal.
/// </summary>
public sealed class IdleInstanceAlarm(InstanceMetadataClient metadata, CloudWatchClient cloudWatch, string appName, TimeProvider time, TextWriter output) : IWorkerCompanion
{
    public const string IdentityPath = "/latest/dynamic/instance-identity/document";

    private readonly TextWriter _output = TextWriter.Synchronized(output);

    public async Task RunAsync(WorkerControl worker, CancellationToken cancellationToken)
    {
        try
        {
            var document = await metadata.GetAsync(IdentityPath, cancellationToken);
            if (document is null || Identity(document) is not var (instanceId, region, accountId))
            {
                Say("WARNING: no idle alarm for this machine: its instance identity document is missing or unreadable");
                return;
            }

            var alarm = MetricAlarms.IdleInstance(appName, instanceId, region, accountId, [AwsTag.Run(appName)]);
            await cloudWatch.PutMetricAlarmAsync(alarm, cancellationToken);
            Say($"idle alarm {alarm.AlarmName} put: it terminates this machine after 15 minutes under 1% CPU");
        }
        catch (InstanceMetadataUnavailableException)
        {
            // Not on EC2: there is no machine of ours to guard (the spot watch says so already).
        }
        catch (AwsServiceException ex)
        {
            Say($"WARNING: no idle alarm for this machine: {ex.Message}");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private static (string InstanceId, string Region, string AccountId)? Identity(string document)
    {
        try
        {
            using var json = JsonDocument.Parse(document);
            string? Text(string name) => json.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            return Text("instanceId") is { } id && Text("region") is { } region && Text("accountId") is { } account ? (id, region, account) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private void Say(string line)
    {
        _output.WriteLine($"{time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)} {line}");
        _output.Flush();
    }
}

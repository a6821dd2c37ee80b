using System.Globalization;
using Fleetbook.Backends.Aws.Connection;
using Fleetbook.Backends.Aws.Services.CloudWatch;
using Fleetbook.Backends.Aws.Services.Logs;
using Fleetbook.Working;

namespace Fleetbook.Backends.Aws.Worker;

/// <summary>
/// What a worker adds on AWS, from its settings and environment: job logs in CloudWatch Logs, and the companions
/// that run beside the job loops (the resource monitor; on EC2 the spot interruption watch and the idle alarm).
/// </summary>
public static class AwsWorkerParts
{
    /// <summary>Where job logs go on AWS: "cloudwatch" (LOG_GROUP_NAME, one stream per job; the default) or "s3" (the run's bucket).</summary>
    public const string JobLogsVariable = "FLEETBOOK_JOB_LOGS";

    /// <summary>Seconds between resource reports (0 turns the monitor off); 30 by default.</summary>
    public const string MonitorSecondsVariable = "FLEETBOOK_MONITOR_SECONDS";

    /// <summary>Seconds between spot interruption polls; 5 by default.</summary>
    public const string SpotPollSecondsVariable = "FLEETBOOK_SPOT_POLL_SECONDS";

    /// <summary>
    /// The connection for CloudWatch Logs and CloudWatch, with the SDKs' 3 attempts (or AWS_MAX_ATTEMPTS) rather than
    /// the queue's 10: a log batch that cannot be sent goes to the worker's output, so giving up soon costs no line,
    /// while a long wait would hold up the job whose output is being written.
    /// </summary>
    public static AwsConnection Connect(WorkerSettings settings, TimeProvider time, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(environment);
        var attempts = int.TryParse(environment("AWS_MAX_ATTEMPTS"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1
            ? n
            : AwsConnectionOptions.DefaultMaxAttempts;
        return new(new AwsConnectionOptions { Region = settings.Region, TimeProvider = time, Environment = environment, MaxAttempts = attempts });
    }

    /// <summary>Whether job logs go to CloudWatch Logs (unless <see cref="JobLogsVariable"/> says "s3").</summary>
    public static bool UsesCloudWatchLogs(Func<string, string?> environment) =>
        !string.Equals(environment(JobLogsVariable)?.Trim(), "s3", StringComparison.OrdinalIgnoreCase);

    /// <summary>Job streams in LOG_GROUP_NAME; worker lines on <paramref name="output"/>.</summary>
    public static CloudWatchLogStore LogStore(WorkerSettings settings, AwsConnection connection, TimeProvider time, TextWriter output) =>
        new(new LogsClient(connection), settings.LogGroup, time, output);

    public static IReadOnlyList<IWorkerCompanion> Companions(
        WorkerSettings settings, AwsConnection connection, TimeProvider time, TextWriter output, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(environment);
        var companions = new List<IWorkerCompanion>();
        if (Seconds(environment, MonitorSecondsVariable) is var monitor && monitor != TimeSpan.Zero)
        {
            companions.Add(new ResourceMonitor(
                new ResourceMonitorOptions { WorkDirectory = settings.WorkDir, Interval = monitor ?? ResourceMonitorOptions.DefaultInterval }, time, output));
        }

        var metadata = new InstanceMetadataClient(InstanceMetadataOptions.FromEnvironment(environment), time);
        companions.Add(new SpotInterruptionWatcher(metadata, time, output, environment, Seconds(environment, SpotPollSecondsVariable) is { } poll && poll > TimeSpan.Zero ? poll : null));
        if (SpotInterruptionWatcher.DisabledReason(environment) is null
            && !string.Equals(environment(WorkerEnvironment.IdleAlarm)?.Trim(), "False", StringComparison.OrdinalIgnoreCase))
        {
            companions.Add(new IdleInstanceAlarm(metadata, new CloudWatchClient(connection), settings.AppName, time, output));
        }

        return companions;
    }

    private static TimeSpan? Seconds(Func<string, string?> environment, string name) =>
        double.TryParse(environment(name), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0 ? TimeSpan.FromSeconds(seconds) : null;
}

using System.Globalization;
using System.Text.Json;
using Fleetbook.Working;

namespace Fleetbook.Backends.Aws.Worker;

/// <summary>
/// Watches instance metadata for a Spot interruption notice (<c>/latest/meta-data/spot/instance-action</c>, which
/// appears two minutes before EC2 reclaims the machine) and then stops the worker as SIGTERM does: running jobs are
/// killed and their messages made visible at once, so that other machines pick them up without waiting out the
/// visibility timeout. Off when AWS_EC2_METADATA_DISABLED is true, on Fargate (Fargate Spot sends SIGTERM itself), and
/// when the first request finds no instance metadata (not on EC2).
/// </summary>
public sealed class SpotInterruptionWatcher : IWorkerCompanion
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(5);

    public const string NoticePath = "/latest/meta-data/spot/instance-action";

    private readonly InstanceMetadataClient _metadata;
    private readonly TimeProvider _time;
    private readonly TextWriter _output;
    private readonly Func<string, string?> _environment;
    private readonly TimeSpan _interval;

    /// <param name="metadata">The instance metadata client.</param>
    /// <param name="time">Paces the polls.</param>
    /// <param name="output">The worker's output.</param>
    /// <param name="environment">Reads AWS_EC2_METADATA_DISABLED and AWS_EXECUTION_ENV.</param>
    /// <param name="interval">Between polls; <see cref="DefaultInterval"/> when null.</param>
    public SpotInterruptionWatcher(InstanceMetadataClient metadata, TimeProvider time, TextWriter output, Func<string, string?> environment, TimeSpan? interval = null)
    {
        _metadata = metadata ?? throw new ArgumentNullException(nameof(metadata));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _output = TextWriter.Synchronized(output ?? throw new ArgumentNullException(nameof(output)));
        _environment = environment ?? throw new ArgumentNullException(nameof(environment));
        _interval = interval ?? DefaultInterval;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_interval, TimeSpan.Zero, nameof(interval));
    }

    /// <summary>Why the watch cannot run here, or null when it can.</summary>
    public static string? DisabledReason(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (string.Equals(environment("AWS_EC2_METADATA_DISABLED")?.Trim(), "true", StringComparison.OrdinalIgnoreCase))
        {
            return "AWS_EC2_METADATA_DISABLED is true";
        }

        // ECS sets ECS_CONTAINER_METADATA_URI_V4 on EC2 too; AWS_EXECUTION_ENV tells the two apart.
        return environment("AWS_EXECUTION_ENV") == "AWS_ECS_FARGATE" ? "on Fargate, which sends SIGTERM before reclaiming a Spot task" : null;
    }

    public async Task RunAsync(WorkerControl worker, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(worker);
        if (DisabledReason(_environment) is { } reason)
        {
            Say($"spot interruption watch off: {reason}");
            return;
        }

        var answered = false;
        var warned = false;
        try
        {
            while (!worker.IsStopping)
            {
                string? notice;
                try
                {
                    notice = await _metadata.GetAsync(NoticePath, cancellationToken);
                    answered = true;
                }
                catch (InstanceMetadataUnavailableException ex) when (!answered)
                {
                    Say($"spot interruption watch off: not on EC2, or instance metadata is out of reach ({ex.Message})");
                    return;
                }
                catch (InstanceMetadataUnavailableException ex)
                {
                    // It answered before: a passing failure, so keep watching (once said is enough).
                    if (!warned)
                    {
                        Say($"WARNING: the spot interruption watch missed a poll: {ex.Message}");
                        warned = true;
                    }

                    notice = null;
                }

                if (notice is not null)
                {
                    Say($"spot interruption notice for {When(notice)}: returning {worker.RunningJobs} jobs to the queue");
                    worker.Stop();
                    return;
                }

                await Task.Delay(_interval, _time, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>The notice is <c>{"action": "terminate", "time": "2025-03-01T12:02:00Z"}</c>; anything else is shown as it came.</summary>
    private static string When(string notice)
    {
        try
        {
            using var document = JsonDocument.Parse(notice);
            var root = document.RootElement;
            var time = root.TryGetProperty("time", out var t) ? t.GetString() : null;
            var action = root.TryGetProperty("action", out var a) ? a.GetString() : null;
            return action is null ? time ?? notice.Trim() : $"{time} ({action})";
        }
        catch (JsonException)
        {
            return notice.Trim();
        }
    }

    private void Say(string line)
    {
        _output.WriteLine($"{_time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)} {line}");
        _output.Flush();
    }
}

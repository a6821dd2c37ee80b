using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fleetbook.Configuration;

namespace Fleetbook.Backends.Aws.Dashboard;

/// <summary>
/// The run's CloudWatch dashboard: the seven widgets of Distributed-CellProfiler's (anchors §2.3 step 10) without
/// their defects. The SQS widgets use the run's real queue names (DS used APP_NAME + "Queue", §6 item 6), Received and
/// Deleted are sums (DCP#203), the log widgets count the worker's own job-start line instead of a hard-coded program
/// command (§6 item 17), and the capacity widget reads AWS/EC2Spot only for a Spot Fleet (other modes have no fleet
/// metrics, so it shows the cluster's CPU).
/// </summary>
public static class RunDashboard
{
    /// <summary>
    /// What the worker writes first in every job's log: "== {copy} received job {job id} (attempt n, message m)"
    /// (Working/JobRunner). Counting these lines counts attempts; counting distinct job ids counts jobs.
    /// </summary>
    public const string JobStartMarker = Working.JobRunner.JobStartMarker;

    public const int PeriodSeconds = 300;

    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>DS names the dashboard after the app.</summary>
    public static string Name(RunConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.AppName;
    }

    public static string Body(RunConfig config, string? fleetId, FleetMode mode)
    {
        ArgumentNullException.ThrowIfNull(config);
        var region = config.Region;
        var queue = config.EffectiveQueueName;
        var logGroup = config.EffectiveLogGroup;
        var starts = $"SOURCE '{logGroup}' | fields @message | filter @message like '{JobStartMarker}' | parse @message '{JobStartMarker} * (' as job";
        var widgets = new JsonArray
        {
            mode == FleetMode.SpotFleet && !string.IsNullOrEmpty(fleetId)
                ? Metric(0, 0, 6, 6, "Fleet capacity", region, "Average", false, 0,
                    ["AWS/EC2Spot", "FulfilledCapacity", "FleetRequestId", fleetId],
                    ["AWS/EC2Spot", "TargetCapacity", "FleetRequestId", fleetId])
                : Metric(0, 0, 6, 6, "Cluster CPU utilization", region, "Average", false, 0,
                    ["AWS/ECS", "CPUUtilization", "ClusterName", config.Cluster]),
            Metric(6, 0, 6, 6, "Cluster memory utilization", region, "Average", false, 0,
                ["AWS/ECS", "MemoryUtilization", "ClusterName", config.Cluster]),
            Metric(12, 0, 6, 6, "Jobs waiting, in flight and dead", region, "Average", true, null,
                ["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", queue],
                ["AWS/SQS", "ApproximateNumberOfMessagesNotVisible", "QueueName", queue],
                ["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", config.EffectiveDeadLetterQueue]),
            Metric(18, 0, 6, 6, "Jobs received and deleted", region, "Sum", false, null,
                ["AWS/SQS", "NumberOfMessagesReceived", "QueueName", queue],
                ["AWS/SQS", "NumberOfMessagesDeleted", "QueueName", queue]),
            Log(0, 6, 12, 6, "Job starts (every attempt)", region, starts + " | stats count(*) as starts"),
            Log(12, 6, 12, 6, "Distinct jobs started", region, starts + " | stats count_distinct(job) as jobs"),
            Log(0, 12, 24, 6, "Errors", region,
                $"SOURCE '{logGroup}' | fields @timestamp, @logStream, @message | filter @message like /PROBLEM \\(|== ERR|(?i)error/ | sort @timestamp desc | limit 200"),
        };

        return new JsonObject { ["widgets"] = widgets }.ToJsonString(Compact);
    }

    private static JsonObject Metric(int x, int y, int width, int height, string title, string region, string stat, bool stacked, int? yMin, params string[][] metrics)
    {
        var properties = new JsonObject
        {
            ["title"] = title,
            ["view"] = "timeSeries",
            ["stacked"] = stacked,
            ["region"] = region,
            ["stat"] = stat,
            ["period"] = PeriodSeconds,
            ["metrics"] = new JsonArray(metrics.Select(m => (JsonNode)new JsonArray(m.Select(part => (JsonNode)part!).ToArray())).ToArray()),
        };
        if (yMin is { } min)
        {
            properties["yAxis"] = new JsonObject { ["left"] = new JsonObject { ["min"] = min } };
        }

        return Widget("metric", x, y, width, height, properties);
    }

    private static JsonObject Log(int x, int y, int width, int height, string title, string region, string query) =>
        Widget("log", x, y, width, height, new JsonObject { ["title"] = title, ["region"] = region, ["query"] = query, ["view"] = "table", ["stacked"] = false });

    private static JsonObject Widget(string type, int x, int y, int width, int height, JsonObject properties) => new()
    {
        ["type"] = type,
        ["x"] = x,
        ["y"] = y,
        ["width"] = width,
        ["height"] = height,
        ["properties"] = properties,
    };
}

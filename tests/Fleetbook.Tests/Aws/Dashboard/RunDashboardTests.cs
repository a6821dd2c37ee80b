using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Fleetbook.Backends.Aws.Dashboard;
using Fleetbook.Backends.Aws.Services.CloudWatch;
using Fleetbook.Configuration;
using Fleetbook.Tests.Aws.Fake;
using Fleetbook.Tests.Aws.Preflight;
using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Aws.Dashboard;

/// <summary>The run's dashboard: DCP's widgets with the real queue names, our own job-start line, and capacity per fleet mode.</summary>
public sealed class RunDashboardTests
{
    private static readonly RunConfig Config = new()
    {
        AppName = "PlateRun",
        Backend = BackendKind.Aws,
        Region = "eu-west-1",
        Cluster = "imaging",
        QueueName = "plates-jobs",
        DeadLetterQueue = "plates-dead",
        LogGroup = "plates-logs",
    };

    [Fact]
    public void The_body_is_JSON_with_DCPs_seven_widgets_each_in_the_runs_region()
    {
        var widgets = Widgets(RunDashboard.Body(Config, "sfr-0123", FleetMode.SpotFleet));

        Assert.Equal(7, widgets.Count);
        Assert.Equal(["metric", "metric", "metric", "metric", "log", "log", "log"], widgets.Select(w => (string)w["type"]!));
        Assert.All(widgets, w => Assert.Equal("eu-west-1", (string)w["properties"]!["region"]!));
        Assert.All(widgets, w => Assert.True((int)w["width"]! > 0 && (int)w["height"]! > 0 && (int)w["x"]! + (int)w["width"]! <= 24));
        Assert.Equal("PlateRun", RunDashboard.Name(Config));
    }

    [Fact]
    public void The_SQS_widgets_use_the_configured_queue_names_and_received_and_deleted_are_sums()
    {
        var body = RunDashboard.Body(Config, "sfr-0123", FleetMode.SpotFleet);
        var sqs = Widgets(body).Where(w => Metrics(w).Any(m => m[0] == "AWS/SQS")).ToList();

        Assert.Equal(2, sqs.Count);
        Assert.Equal(
            [["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", "plates-jobs"], ["AWS/SQS", "ApproximateNumberOfMessagesNotVisible", "QueueName", "plates-jobs"], ["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", "plates-dead"]],
            Metrics(sqs[0]));
        Assert.True((bool)sqs[0]["properties"]!["stacked"]!);
        Assert.Equal([["AWS/SQS", "NumberOfMessagesReceived", "QueueName", "plates-jobs"], ["AWS/SQS", "NumberOfMessagesDeleted", "QueueName", "plates-jobs"]], Metrics(sqs[1]));
        Assert.Equal("Sum", (string)sqs[1]["properties"]!["stat"]!);
        Assert.DoesNotContain("PlateRunQueue", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_queue_names_follow_the_config()
    {
        var config = Config with { QueueName = "", DeadLetterQueue = "" };

        var body = RunDashboard.Body(config, null, FleetMode.SpotFleet);

        Assert.Contains("\"PlateRunQueue\"", body, StringComparison.Ordinal);
        Assert.Contains("\"PlateRunDeadMessages\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public void The_log_widgets_count_the_workers_job_start_line_in_the_runs_log_group_and_never_cellprofiler()
    {
        var body = RunDashboard.Body(Config, "sfr-0123", FleetMode.SpotFleet);
        var queries = Widgets(body).Where(w => (string)w["type"]! == "log").Select(w => (string)w["properties"]!["query"]!).ToList();

        Assert.DoesNotContain("cellprofiler", body, StringComparison.OrdinalIgnoreCase);
        Assert.All(queries, q => Assert.StartsWith("SOURCE 'plates-logs' |", q, StringComparison.Ordinal));
        Assert.EndsWith("| stats count(*) as starts", queries[0], StringComparison.Ordinal);
        Assert.EndsWith("| stats count_distinct(job) as jobs", queries[1], StringComparison.Ordinal);

        // The parse pattern, read as Logs Insights reads it ('*' captures), takes the job id from the line JobRunner writes.
        var pattern = Regex.Match(queries[1], "parse @message '([^']*)' as job").Groups[1].Value;
        var capture = new Regex(Regex.Escape(pattern).Replace("\\*", "(.*?)", StringComparison.Ordinal));
        Assert.Equal("plate1-A01-3", capture.Match("== copy-1 received job plate1-A01-3 (attempt 2, message 5c0f)").Groups[1].Value);
    }

    [Fact]
    public void A_Spot_Fleet_shows_its_fulfilled_and_target_capacity()
    {
        var capacity = Widgets(RunDashboard.Body(Config, "sfr-0123", FleetMode.SpotFleet))[0];

        Assert.Equal([["AWS/EC2Spot", "FulfilledCapacity", "FleetRequestId", "sfr-0123"], ["AWS/EC2Spot", "TargetCapacity", "FleetRequestId", "sfr-0123"]], Metrics(capacity));
    }

    [Theory]
    [InlineData(FleetMode.FargateSpot, "fleet-unused")]
    [InlineData(FleetMode.Ec2Fleet, "fleet-0123")]
    [InlineData(FleetMode.SpotFleet, null)]
    public void Without_Spot_Fleet_metrics_the_first_widget_shows_the_clusters_CPU(FleetMode mode, string? fleetId)
    {
        var body = RunDashboard.Body(Config, fleetId, mode);

        Assert.DoesNotContain("AWS/EC2Spot", body, StringComparison.Ordinal);
        Assert.Equal([["AWS/ECS", "CPUUtilization", "ClusterName", "imaging"]], Metrics(Widgets(body)[0]));
    }

    [AwsModelFact]
    public async Task CloudWatch_accepts_the_body_of_each_mode_without_validation_messages()
    {
        await using var aws = FakeAwsServer.Start();
        using var connection = FakeEc2Connection.For(aws);
        var cloudWatch = new CloudWatchClient(connection);

        foreach (var mode in Enum.GetValues<FleetMode>())
        {
            var response = await cloudWatch.PutDashboardAsync(new PutDashboardRequest(RunDashboard.Name(Config), RunDashboard.Body(Config, "sfr-0123", mode)));
            Assert.Empty(response.DashboardValidationMessages);
        }

        Assert.Equal(3, aws.CallsTo("PutDashboard").Count);
        aws.AssertNoViolations();
        await cloudWatch.DeleteDashboardsAsync(new DeleteDashboardsRequest([RunDashboard.Name(Config)]));
    }

    private static List<JsonObject> Widgets(string body) =>
        JsonNode.Parse(body)!["widgets"]!.AsArray().Select(w => w!.AsObject()).ToList();

    private static List<List<string>> Metrics(JsonObject widget) =>
        widget["properties"]!["metrics"] is JsonArray metrics ? metrics.Select(m => m!.AsArray().Select(p => (string)p!).ToList()).ToList() : [];
}

using System.Text.Json.Nodes;
using Fleetbook.Tests.Aws.Fake;
using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Aws.FakeServerTests;

/// <summary>CloudWatch Logs (groups, events, tokens, export) and CloudWatch (alarms, dashboards, metric data).</summary>
public sealed class LogsAndCloudWatchTests : IAsyncLifetime
{
    private FakeAwsServer _server = null!;
    private RawAwsClient _aws = null!;

    public Task InitializeAsync()
    {
        if (AwsModels.Available)
        {
            _server = FakeAwsServer.Start();
            _aws = new RawAwsClient(_server);
        }

        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _aws?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private static long Ms(int secondsAgo) => DateTimeOffset.UtcNow.AddSeconds(-secondsAgo).ToUnixTimeMilliseconds();

    [AwsModelFact]
    public async Task Log_groups_are_unique_described_by_prefix_page_by_page()
    {
        foreach (var name in new[] { "App", "App_perInstance", "Other" })
        {
            Assert.Equal(200, (await _aws.Logs("CreateLogGroup", new JsonObject { ["logGroupName"] = name })).Status);
        }

        var duplicate = await _aws.Logs("CreateLogGroup", new JsonObject { ["logGroupName"] = "App" });
        var badRetention = await _aws.Logs("PutRetentionPolicy", new JsonObject { ["logGroupName"] = "App", ["retentionInDays"] = 61 });
        await _aws.Logs("PutRetentionPolicy", new JsonObject { ["logGroupName"] = "App", ["retentionInDays"] = 60 });
        var first = await _aws.Logs("DescribeLogGroups", new JsonObject { ["logGroupNamePrefix"] = "App", ["limit"] = 1 });
        var second = await _aws.Logs("DescribeLogGroups", new JsonObject { ["logGroupNamePrefix"] = "App", ["limit"] = 1, ["nextToken"] = first.Json["nextToken"]!.DeepClone() });

        Assert.Equal("ResourceAlreadyExistsException", duplicate.ErrorCode);
        Assert.Equal("InvalidParameterException", badRetention.ErrorCode);
        Assert.Equal("App", first.Json["logGroups"]![0]!["logGroupName"]!.GetValue<string>());
        Assert.Equal(60, first.Json["logGroups"]![0]!["retentionInDays"]!.GetValue<int>());
        Assert.Equal("App_perInstance", second.Json["logGroups"]![0]!["logGroupName"]!.GetValue<string>());
        Assert.Null(second.Json["nextToken"]);
        Assert.Equal(["CloudWatch Logs group App", "CloudWatch Logs group App_perInstance", "CloudWatch Logs group Other"], _server.ResourcesLeft(includeLogGroups: true));
        Assert.Empty(_server.ResourcesLeft());
        _server.AssertNoViolations();
    }

    [AwsModelFact]
    public async Task Events_are_kept_read_with_tokens_and_filtered_by_pattern()
    {
        await _aws.Logs("CreateLogGroup", new JsonObject { ["logGroupName"] = "App" });
        await _aws.Logs("CreateLogStream", new JsonObject { ["logGroupName"] = "App", ["logStreamName"] = "job-1" });
        var put = await _aws.Logs("PutLogEvents", new JsonObject
        {
            ["logGroupName"] = "App",
            ["logStreamName"] = "job-1",
            ["logEvents"] = new JsonArray
            {
                new JsonObject { ["timestamp"] = Ms(3), ["message"] = "start run" },
                new JsonObject { ["timestamp"] = Ms(2), ["message"] = "Error: disk full" },
                new JsonObject { ["timestamp"] = Ms(1), ["message"] = "done" },
            },
        });
        var missingStream = await _aws.Logs("PutLogEvents", new JsonObject
        {
            ["logGroupName"] = "App",
            ["logStreamName"] = "nope",
            ["logEvents"] = new JsonArray { new JsonObject { ["timestamp"] = Ms(0), ["message"] = "x" } },
        });

        var head = await _aws.Logs("GetLogEvents", new JsonObject { ["logGroupName"] = "App", ["logStreamName"] = "job-1", ["startFromHead"] = true, ["limit"] = 2 });
        var rest = await _aws.Logs("GetLogEvents", new JsonObject { ["logGroupName"] = "App", ["logStreamName"] = "job-1", ["nextToken"] = head.Json["nextForwardToken"]!.DeepClone() });
        var end = await _aws.Logs("GetLogEvents", new JsonObject { ["logGroupName"] = "App", ["logStreamName"] = "job-1", ["nextToken"] = rest.Json["nextForwardToken"]!.DeepClone() });
        var errors = await _aws.Logs("FilterLogEvents", new JsonObject { ["logGroupName"] = "App", ["filterPattern"] = "Error" });
        var notDone = await _aws.Logs("FilterLogEvents", new JsonObject { ["logGroupName"] = "App", ["filterPattern"] = "?run ?done -start" });

        Assert.Equal(200, put.Status);
        Assert.Equal("ResourceNotFoundException", missingStream.ErrorCode);
        Assert.Equal(["start run", "Error: disk full"], head.Json["events"]!.AsArray().Select(e => e!["message"]!.GetValue<string>()));
        Assert.Equal(["done"], rest.Json["events"]!.AsArray().Select(e => e!["message"]!.GetValue<string>()));
        Assert.Empty(end.Json["events"]!.AsArray());
        Assert.Equal(rest.Json["nextForwardToken"]!.GetValue<string>(), end.Json["nextForwardToken"]!.GetValue<string>());
        Assert.Equal(["Error: disk full"], errors.Json["events"]!.AsArray().Select(e => e!["message"]!.GetValue<string>()));
        Assert.Equal("job-1", errors.Json["events"]![0]!["logStreamName"]!.GetValue<string>());
        Assert.Equal(["done"], notDone.Json["events"]!.AsArray().Select(e => e!["message"]!.GetValue<string>()));
        _server.AssertNoViolations();
    }

    [AwsModelFact]
    public async Task Export_tasks_complete_at_once_unless_the_bucket_is_denied()
    {
        await _aws.Logs("CreateLogGroup", new JsonObject { ["logGroupName"] = "App" });
        _server.ExportDeniedBuckets.Add("locked-bucket");
        JsonObject Export(string bucket) => new()
        {
            ["taskName"] = "App",
            ["logGroupName"] = "App",
            ["from"] = Ms(3600),
            ["to"] = Ms(0),
            ["destination"] = bucket,
            ["destinationPrefix"] = "exportedlogs/App",
        };

        var ok = await _aws.Logs("CreateExportTask", Export("open-bucket"));
        var denied = await _aws.Logs("CreateExportTask", Export("locked-bucket"));
        var status = await _aws.Logs("DescribeExportTasks", new JsonObject { ["taskId"] = ok.Json["taskId"]!.DeepClone() });

        Assert.Equal("COMPLETED", status.Json["exportTasks"]![0]!["status"]!["code"]!.GetValue<string>());
        Assert.Equal("InvalidParameterException", denied.ErrorCode);
        _server.AssertNoViolations();
    }

    [AwsModelFact]
    public async Task Log_group_tags_round_trip()
    {
        await _aws.Logs("CreateLogGroup", new JsonObject { ["logGroupName"] = "App", ["tags"] = new JsonObject { ["fleetbook:run"] = "r1" } });
        var arn = "arn:aws:logs:us-east-1:123456789012:log-group:App";
        await _aws.Logs("TagResource", new JsonObject { ["resourceArn"] = arn, ["tags"] = new JsonObject { ["owner"] = "me" } });

        var tags = (await _aws.Logs("ListTagsForResource", new JsonObject { ["resourceArn"] = arn })).Json["tags"]!.AsObject();

        Assert.Equal("r1", tags["fleetbook:run"]!.GetValue<string>());
        Assert.Equal("me", tags["owner"]!.GetValue<string>());
        _server.AssertNoViolations();
    }

    private static JsonObject Alarm(string name) => new()
    {
        ["AlarmName"] = name,
        ["AlarmActions"] = new JsonArray("arn:aws:swf:us-east-1:123456789012:action/actions/AWS_EC2.InstanceId.Terminate/1.0"),
        ["Statistic"] = "Maximum",
        ["Period"] = 60,
        ["Threshold"] = 1,
        ["ComparisonOperator"] = "LessThanThreshold",
        ["MetricName"] = "CPUUtilization",
        ["Namespace"] = "AWS/EC2",
        ["EvaluationPeriods"] = 15,
        ["Dimensions"] = new JsonArray { new JsonObject { ["Name"] = "InstanceId", ["Value"] = "i-0123456789abcdef0" } },
    };

    [AwsModelFact]
    public async Task Alarms_are_put_described_by_prefix_page_by_page_and_deleted()
    {
        foreach (var name in new[] { "App_i-1", "App_i-2", "App_i-3", "Other_i-1" })
        {
            Assert.Equal(200, (await _aws.CloudWatch("PutMetricAlarm", Alarm(name))).Status);
        }

        Assert.Equal(200, (await _aws.CloudWatch("PutMetricAlarm", Alarm("App_i-1"))).Status);
        var first = await _aws.CloudWatch("DescribeAlarms", new JsonObject { ["AlarmNamePrefix"] = "App", ["MaxRecords"] = 2 });
        var second = await _aws.CloudWatch("DescribeAlarms", new JsonObject { ["AlarmNamePrefix"] = "App", ["MaxRecords"] = 2, ["NextToken"] = first.Json["NextToken"]!.DeepClone() });
        var missing = await _aws.CloudWatch("DeleteAlarms", new JsonObject { ["AlarmNames"] = new JsonArray("App_i-1", "App_i-9") });
        var deleted = await _aws.CloudWatch("DeleteAlarms", new JsonObject { ["AlarmNames"] = new JsonArray("App_i-1", "App_i-2") });

        Assert.Equal(2, first.Json["MetricAlarms"]!.AsArray().Count);
        Assert.Equal("App_i-3", second.Json["MetricAlarms"]![0]!["AlarmName"]!.GetValue<string>());
        Assert.Equal("INSUFFICIENT_DATA", second.Json["MetricAlarms"]![0]!["StateValue"]!.GetValue<string>());
        Assert.Equal("ResourceNotFound", missing.ErrorCode);
        Assert.Equal(200, deleted.Status);
        Assert.Equal(["App_i-3", "Other_i-1"], _server.AlarmNames());
        _server.AssertNoViolations();
    }

    [AwsModelFact]
    public async Task An_alarm_needs_a_valid_action_arn_and_a_period()
    {
        var badAction = Alarm("A");
        badAction["AlarmActions"] = new JsonArray("terminate-please");
        var noPeriod = Alarm("B");
        noPeriod.Remove("Period");

        Assert.Equal("InvalidParameterValueException", (await _aws.CloudWatch("PutMetricAlarm", badAction)).ErrorCode);
        Assert.Equal("MissingRequiredParameterException", (await _aws.CloudWatch("PutMetricAlarm", noPeriod)).ErrorCode);
    }

    [AwsModelFact]
    public async Task Dashboards_are_checked_listed_and_deleted()
    {
        var body = new JsonObject
        {
            ["widgets"] = new JsonArray
            {
                new JsonObject { ["type"] = "metric", ["x"] = 0, ["y"] = 0, ["width"] = 6, ["height"] = 6, ["properties"] = new JsonObject { ["metrics"] = new JsonArray(), ["region"] = "us-east-1" } },
            },
        }.ToJsonString();

        var put = await _aws.CloudWatch("PutDashboard", new JsonObject { ["DashboardName"] = "App", ["DashboardBody"] = body });
        var bad = await _aws.CloudWatch("PutDashboard", new JsonObject { ["DashboardName"] = "Bad", ["DashboardBody"] = "{\"widgets\": [{\"type\": \"chart\"}]}" });
        var list = await _aws.CloudWatch("ListDashboards", new JsonObject { ["DashboardNamePrefix"] = "A" });
        Assert.Equal(["CloudWatch dashboard App"], _server.ResourcesLeft());
        var deleted = await _aws.CloudWatch("DeleteDashboards", new JsonObject { ["DashboardNames"] = new JsonArray("App") });

        Assert.Empty(put.Json["DashboardValidationMessages"]!.AsArray());
        Assert.Equal("DashboardInvalidInputError", bad.ErrorCode);
        Assert.Equal("App", list.Json["DashboardEntries"]![0]!["DashboardName"]!.GetValue<string>());
        Assert.Equal(200, deleted.Status);
        Assert.Empty(_server.ResourcesLeft());
        _server.AssertNoViolations();
    }

    [AwsModelFact]
    public async Task Metric_data_put_comes_back_aggregated_by_period()
    {
        var now = DateTimeOffset.UtcNow;
        var minute = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddMinutes(-5);
        JsonObject Datum(int secondsIn, double value) => new()
        {
            ["MetricName"] = "JobsDone",
            ["Dimensions"] = new JsonArray { new JsonObject { ["Name"] = "Run", ["Value"] = "r1" } },
            ["Timestamp"] = minute.AddSeconds(secondsIn).ToUnixTimeSeconds(),
            ["Value"] = value,
        };

        await _aws.CloudWatch("PutMetricData", new JsonObject { ["Namespace"] = "Fleetbook", ["MetricData"] = new JsonArray(Datum(1, 2), Datum(30, 3), Datum(61, 10)) });
        var data = await _aws.CloudWatch("GetMetricData", new JsonObject
        {
            ["StartTime"] = minute.ToUnixTimeSeconds(),
            ["EndTime"] = minute.AddMinutes(3).ToUnixTimeSeconds(),
            ["ScanBy"] = "TimestampAscending",
            ["MetricDataQueries"] = new JsonArray
            {
                new JsonObject
                {
                    ["Id"] = "done",
                    ["MetricStat"] = new JsonObject
                    {
                        ["Metric"] = new JsonObject { ["Namespace"] = "Fleetbook", ["MetricName"] = "JobsDone", ["Dimensions"] = new JsonArray { new JsonObject { ["Name"] = "Run", ["Value"] = "r1" } } },
                        ["Period"] = 60,
                        ["Stat"] = "Sum",
                    },
                },
            },
        });

        var result = data.Json["MetricDataResults"]![0]!;
        Assert.Equal([5.0, 10.0], result["Values"]!.AsArray().Select(v => v!.GetValue<double>()));
        Assert.Equal("Complete", result["StatusCode"]!.GetValue<string>());
        _server.AssertNoViolations();
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Fleetbook.Backends.Aws;

namespace Fleetbook.Tests.Aws.Fake;

/// <summary>CloudWatch: metric alarms, dashboards, metric data (what PutMetricData stored; GetMetricData aggregates it) and alarm tags.</summary>
internal sealed class FakeCloudWatch(FakeAwsServer server)
{
    private static readonly Regex ActionArn = new(
        @"^(arn:aws[a-z-]*:(sns|lambda|ssm|ssm-incidents):[a-z0-9-]+:\d{12}:.+|arn:aws[a-z-]*:automate:[a-z0-9-]+:ec2:(stop|terminate|reboot|recover)|arn:aws[a-z-]*:swf:[a-z0-9-]+:\d{12}:action/actions/AWS_EC2\.InstanceId\.(Stop|Terminate|Reboot)/1\.0|arn:aws[a-z-]*:autoscaling:.+)$",
        RegexOptions.CultureInvariant);

    private sealed class Alarm
    {
        public required string Name { get; init; }
        public required JsonObject Definition { get; set; }
        public required DateTimeOffset UpdatedAt { get; set; }
        public required DateTimeOffset StateUpdatedAt { get; init; }
        public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);
    }

    private sealed record Dashboard(string Name, string Body, DateTimeOffset LastModified, IReadOnlyDictionary<string, string> Tags);

    private sealed record Datum(string Namespace, string MetricName, string Dimensions, DateTimeOffset At, double Value);

    private readonly SortedDictionary<string, Alarm> _alarms = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, Dashboard> _dashboards = new(StringComparer.Ordinal);
    private readonly List<Datum> _data = [];

    private ServiceModel Model => server.Models[AwsService.CloudWatch];

    private string AlarmArn(string name) => $"arn:aws:cloudwatch:{server.Region}:{server.AccountId}:alarm:{name}";

    public JsonObject Handle(string operation, JsonObject input) => operation switch
    {
        "PutMetricAlarm" => PutMetricAlarm(input),
        "DescribeAlarms" => DescribeAlarms(input),
        "DeleteAlarms" => DeleteAlarms(input),
        "PutDashboard" => PutDashboard(input),
        "GetDashboard" => GetDashboard(input),
        "ListDashboards" => ListDashboards(input),
        "DeleteDashboards" => DeleteDashboards(input),
        "PutMetricData" => PutMetricData(input),
        "GetMetricData" => GetMetricData(input),
        "TagResource" => TagResource(input),
        "UntagResource" => UntagResource(input),
        "ListTagsForResource" => ListTagsForResource(input),
        _ => throw new NotSupportedException(operation),
    };

    public IEnumerable<FakeResource> Inventory() =>
        _alarms.Values.Select(a => new FakeResource("CloudWatch", "alarm", a.Name, "INSUFFICIENT_DATA", new Dictionary<string, string>(a.Tags, StringComparer.Ordinal)))
            .Concat(_dashboards.Values.Select(d => new FakeResource("CloudWatch", "dashboard", d.Name, "available", new Dictionary<string, string>(d.Tags, StringComparer.Ordinal))));

    public IEnumerable<string> ResourcesLeft() =>
        _alarms.Keys.Select(name => $"CloudWatch alarm {name}").Concat(_dashboards.Keys.Select(name => $"CloudWatch dashboard {name}"));

    public IReadOnlyList<string> AlarmNames() => [.. _alarms.Keys];

    // ---- alarms ----

    private JsonObject PutMetricAlarm(JsonObject input)
    {
        var name = input.Str("AlarmName")!;
        var hasMetric = input.Str("MetricName") is not null;
        var hasMetrics = input["Metrics"] is not null;
        if (hasMetric == hasMetrics)
        {
            throw new FakeAwsException("InvalidParameterCombinationException", "Exactly one of MetricName and Metrics must be specified.");
        }

        if (hasMetric)
        {
            if (input.Str("Namespace") is null)
            {
                throw new FakeAwsException("MissingRequiredParameterException", "Namespace must be specified with MetricName.");
            }

            if ((input.Str("Statistic") is null) == (input.Str("ExtendedStatistic") is null))
            {
                throw new FakeAwsException("InvalidParameterCombinationException", "Exactly one of Statistic and ExtendedStatistic must be specified.");
            }

            if (input.Int("Period") is not { } period)
            {
                throw new FakeAwsException("MissingRequiredParameterException", "Period must be specified with MetricName.");
            }

            if (period < 60 ? period is not (10 or 20 or 30) : period % 60 != 0)
            {
                throw new FakeAwsException("InvalidParameterValueException", $"The parameter Period must be 10, 20, 30 or a multiple of 60, not {period}.");
            }
        }

        if (input["Threshold"] is null && input.Str("ThresholdMetricId") is null)
        {
            throw new FakeAwsException("MissingRequiredParameterException", "Threshold must be specified (or ThresholdMetricId for anomaly detection).");
        }

        if (input.Int("DatapointsToAlarm") is { } datapoints && datapoints > input.Int("EvaluationPeriods")!.Value)
        {
            throw new FakeAwsException("InvalidParameterValueException", "DatapointsToAlarm must be less than or equal to EvaluationPeriods.");
        }

        if (input.Str("TreatMissingData") is { } missing && missing is not ("breaching" or "notBreaching" or "ignore" or "missing"))
        {
            throw new FakeAwsException("InvalidParameterValueException", $"TreatMissingData must be breaching, notBreaching, ignore or missing, not '{missing}'.");
        }

        foreach (var list in new[] { "AlarmActions", "OKActions", "InsufficientDataActions" })
        {
            foreach (var action in input.Strings(list).Where(a => !ActionArn.IsMatch(a)))
            {
                throw new FakeAwsException("InvalidParameterValueException", $"Invalid arn syntax: {action} (in {list}).");
            }
        }

        var definition = (JsonObject)ModelEcho.Conform(Model, "MetricAlarm", input)!;
        var now = server.Now;
        if (_alarms.TryGetValue(name, out var existing))
        {
            existing.Definition = definition;
            existing.UpdatedAt = now;
        }
        else
        {
            existing = new Alarm { Name = name, Definition = definition, UpdatedAt = now, StateUpdatedAt = now };
            _alarms[name] = existing;
        }

        foreach (var (key, value) in input.KeyValueTags("Tags", "Key", "Value"))
        {
            existing.Tags[key] = value;
        }

        return [];
    }

    private JsonObject AlarmJson(Alarm alarm)
    {
        var json = FakeAwsServer.Clone(alarm.Definition);
        json["AlarmArn"] = AlarmArn(alarm.Name);
        json["AlarmConfigurationUpdatedTimestamp"] = alarm.UpdatedAt.Epoch();
        json["ActionsEnabled"] ??= true;
        json["OKActions"] ??= new JsonArray();
        json["AlarmActions"] ??= new JsonArray();
        json["InsufficientDataActions"] ??= new JsonArray();
        json["Dimensions"] ??= new JsonArray();
        json["StateValue"] = "INSUFFICIENT_DATA";
        json["StateReason"] = "Unchecked: Initial alarm creation";
        json["StateUpdatedTimestamp"] = alarm.StateUpdatedAt.Epoch();
        json["StateTransitionedTimestamp"] = alarm.StateUpdatedAt.Epoch();
        return json;
    }

    private JsonObject DescribeAlarms(JsonObject input)
    {
        var names = input.Strings("AlarmNames");
        var prefix = input.Str("AlarmNamePrefix");
        if (names.Count > 0 && prefix is not null)
        {
            throw new FakeAwsException("InvalidParameterCombinationException", "AlarmNames and AlarmNamePrefix cannot be used together.");
        }

        if (input.Str("ChildrenOfAlarmName") is not null || input.Str("ParentsOfAlarmName") is not null)
        {
            throw new NotSupportedException("composite alarms");
        }

        var types = input.Strings("AlarmTypes");
        var metricAlarms = types.Count == 0 || types.Contains("MetricAlarm");
        var alarms = _alarms.Values
            .Where(_ => metricAlarms)
            .Where(a => (names.Count == 0 || names.Contains(a.Name)) && (prefix is null || a.Name.StartsWith(prefix, StringComparison.Ordinal)))
            .Where(_ => input.Str("StateValue") is not { } state || state == "INSUFFICIENT_DATA")
            .Where(a => input.Str("ActionPrefix") is not { } action || a.Definition.Strings("AlarmActions").Any(x => x.StartsWith(action, StringComparison.Ordinal)))
            .ToList();
        var (page, next) = Paging.Page(alarms, input.Str("NextToken"), server.PageSize(input.Int("MaxRecords") ?? 0, 50));
        return new JsonObject
        {
            ["MetricAlarms"] = page.Select(a => (JsonNode)AlarmJson(a)).ToJsonArray(),
            ["CompositeAlarms"] = new JsonArray(),
            ["NextToken"] = next,
        };
    }

    private JsonObject DeleteAlarms(JsonObject input)
    {
        var names = input.Strings("AlarmNames");
        var missing = names.Where(n => !_alarms.ContainsKey(n)).ToList();
        if (missing.Count > 0 && server.DeletingMissingAlarmsFails)
        {
            throw new FakeAwsException("ResourceNotFound", $"{missing.Count} of the alarms specified do not exist ({string.Join(", ", missing.Take(5))}); no alarms were deleted.");
        }

        foreach (var name in names)
        {
            _alarms.Remove(name);
        }

        return [];
    }

    // ---- dashboards ----

    private JsonObject PutDashboard(JsonObject input)
    {
        var name = input.Str("DashboardName")!;
        if (!Regex.IsMatch(name, "^[A-Za-z0-9_-]{1,255}$"))
        {
            throw new FakeAwsException("InvalidParameterValueException", "The value for field DashboardName contains invalid characters. It can only contain alphanumerics, dash (-) and underscore (_).");
        }

        var body = input.Str("DashboardBody")!;
        var messages = new JsonArray();
        try
        {
            if (JsonNode.Parse(body) is not JsonObject document || document["widgets"] is not JsonArray widgets)
            {
                messages.Add(new JsonObject { ["DataPath"] = "/widgets", ["Message"] = "Should have required property 'widgets'" });
            }
            else
            {
                for (var i = 0; i < widgets.Count; i++)
                {
                    if (widgets[i] is not JsonObject widget || widget.Str("type") is not ("metric" or "log" or "text" or "alarm" or "explorer" or "custom"))
                    {
                        messages.Add(new JsonObject { ["DataPath"] = $"/widgets/{i}/type", ["Message"] = "Should be equal to one of the allowed values [metric, log, text, alarm, explorer, custom]" });
                    }
                    else if (widget["properties"] is not JsonObject)
                    {
                        messages.Add(new JsonObject { ["DataPath"] = $"/widgets/{i}", ["Message"] = "Should have required property 'properties'" });
                    }
                }
            }
        }
        catch (JsonException ex)
        {
            messages.Add(new JsonObject { ["DataPath"] = "", ["Message"] = "The dashboard body is not valid JSON: " + ex.Message });
        }

        if (messages.Count > 0)
        {
            throw new FakeAwsException("DashboardInvalidInputError", "The field DashboardBody is invalid: " + string.Join("; ", messages.OfType<JsonObject>().Select(m => $"{m.Str("DataPath")} {m.Str("Message")}")));
        }

        var tags = new Dictionary<string, string>(_dashboards.GetValueOrDefault(name)?.Tags ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        foreach (var (key, value) in input.KeyValueTags("Tags", "Key", "Value"))
        {
            tags[key] = value;
        }

        _dashboards[name] = new Dashboard(name, body, server.Now, tags);
        return new JsonObject { ["DashboardValidationMessages"] = new JsonArray() };
    }

    private Dashboard FindDashboard(string name) =>
        _dashboards.GetValueOrDefault(name) ?? throw new FakeAwsException("DashboardNotFoundError", $"Dashboard {name} does not exist");

    private JsonObject GetDashboard(JsonObject input)
    {
        var dashboard = FindDashboard(input.Str("DashboardName")!);
        return new JsonObject
        {
            ["DashboardName"] = dashboard.Name,
            ["DashboardArn"] = $"arn:aws:cloudwatch::{server.AccountId}:dashboard/{dashboard.Name}",
            ["DashboardBody"] = dashboard.Body,
        };
    }

    private JsonObject ListDashboards(JsonObject input)
    {
        var prefix = input.Str("DashboardNamePrefix") ?? "";
        var dashboards = _dashboards.Values.Where(d => d.Name.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        var (page, next) = Paging.Page(dashboards, input.Str("NextToken"), server.PageSize(0, 1000));
        return new JsonObject
        {
            ["DashboardEntries"] = page.Select(d => (JsonNode)new JsonObject
            {
                ["DashboardName"] = d.Name,
                ["DashboardArn"] = $"arn:aws:cloudwatch::{server.AccountId}:dashboard/{d.Name}",
                ["LastModified"] = d.LastModified.Epoch(),
                ["Size"] = (long)d.Body.Length,
            }).ToJsonArray(),
            ["NextToken"] = next,
        };
    }

    private JsonObject DeleteDashboards(JsonObject input)
    {
        var names = input.Strings("DashboardNames");
        if (names.FirstOrDefault(n => !_dashboards.ContainsKey(n)) is { } missing)
        {
            throw new FakeAwsException("DashboardNotFoundError", $"Dashboard {missing} does not exist");
        }

        foreach (var name in names)
        {
            _dashboards.Remove(name);
        }

        return [];
    }

    // ---- metric data ----

    private static string DimensionsKey(JsonObject holder) =>
        string.Join(",", holder.Objects("Dimensions").Select(d => $"{d.Str("Name")}={d.Str("Value")}").Order(StringComparer.Ordinal));

    private JsonObject PutMetricData(JsonObject input)
    {
        var space = input.Str("Namespace")!;
        if (space.StartsWith("AWS/", StringComparison.Ordinal))
        {
            throw new FakeAwsException("InvalidParameterValueException", "The value AWS/ for parameter Namespace is invalid.");
        }

        foreach (var datum in input.Objects("MetricData"))
        {
            var at = datum.Time("Timestamp") ?? server.Now;
            var values = datum["Value"] is not null ? [datum.Double("Value")!.Value] : (datum["Values"] as JsonArray ?? []).Select(v => v!.GetValue<double>()).ToList();
            foreach (var value in values)
            {
                _data.Add(new Datum(space, datum.Str("MetricName")!, DimensionsKey(datum), at, value));
            }
        }

        return [];
    }

    private JsonObject GetMetricData(JsonObject input)
    {
        var start = input.Time("StartTime")!.Value;
        var end = input.Time("EndTime")!.Value;
        if (end <= start)
        {
            throw new FakeAwsException("InvalidParameterValueException", "The parameter EndTime must be greater than StartTime.");
        }

        var results = new JsonArray();
        foreach (var query in input.Objects("MetricDataQueries"))
        {
            if (query.Str("Expression") is not null)
            {
                throw new NotSupportedException("GetMetricData metric math expressions");
            }

            var stat = query.Obj("MetricStat") ?? throw new FakeAwsException("InvalidParameterCombinationException", $"Query {query.Str("Id")} needs MetricStat or Expression.");
            if (query.Bool("ReturnData") == false)
            {
                continue;
            }

            var metric = stat.Obj("Metric")!;
            var period = TimeSpan.FromSeconds(stat.Int("Period")!.Value);
            var points = _data
                .Where(d => d.Namespace == metric.Str("Namespace") && d.MetricName == metric.Str("MetricName") && d.Dimensions == DimensionsKey(metric))
                .Where(d => d.At >= start && d.At < end)
                .GroupBy(d => start + (period * Math.Floor((d.At - start) / period)))
                .OrderByDescending(g => g.Key)
                .Select(g => (At: g.Key, Value: Aggregate(stat.Str("Stat")!, g.Select(d => d.Value).ToList())))
                .ToList();
            if (input.Str("ScanBy") == "TimestampAscending")
            {
                points.Reverse();
            }

            results.Add(new JsonObject
            {
                ["Id"] = query.Str("Id"),
                ["Label"] = query.Str("Label") ?? metric.Str("MetricName"),
                ["Timestamps"] = points.Select(p => p.At.Epoch()).ToJsonArray(),
                ["Values"] = points.Select(p => (JsonNode)JsonValue.Create(p.Value)).ToJsonArray(),
                ["StatusCode"] = "Complete",
            });
        }

        return new JsonObject { ["MetricDataResults"] = results, ["Messages"] = new JsonArray() };
    }

    private static double Aggregate(string stat, IReadOnlyList<double> values) => stat switch
    {
        "Sum" => values.Sum(),
        "Minimum" => values.Min(),
        "Maximum" => values.Max(),
        "SampleCount" => values.Count,
        "Average" => values.Average(),
        _ => throw new NotSupportedException($"statistic {stat}"),
    };

    // ---- tags ----

    private Alarm AlarmOfArn(string arn) =>
        _alarms.Values.FirstOrDefault(a => AlarmArn(a.Name) == arn)
        ?? throw new FakeAwsException("ResourceNotFoundException", $"The resource {arn} does not exist (the fake tags alarms only).");

    private JsonObject TagResource(JsonObject input)
    {
        var alarm = AlarmOfArn(input.Str("ResourceARN")!);
        foreach (var (key, value) in input.KeyValueTags("Tags", "Key", "Value"))
        {
            alarm.Tags[key] = value;
        }

        return [];
    }

    private JsonObject UntagResource(JsonObject input)
    {
        var alarm = AlarmOfArn(input.Str("ResourceARN")!);
        foreach (var key in input.Strings("TagKeys"))
        {
            alarm.Tags.Remove(key);
        }

        return [];
    }

    private JsonObject ListTagsForResource(JsonObject input) =>
        new() { ["Tags"] = AlarmOfArn(input.Str("ResourceARN")!).Tags.Select(t => (JsonNode)new JsonObject { ["Key"] = t.Key, ["Value"] = t.Value }).ToJsonArray() };
}

using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Fleetbook.Tests.Aws.Fake;

/// <summary>CloudWatch Logs: log groups and streams, events (also fed by task output through awslogs), export tasks, tags.</summary>
internal sealed class FakeLogs(FakeAwsServer server)
{
    private static readonly int[] RetentionDays = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

    private sealed class Group
    {
        public required string Name { get; init; }
        public required long CreationTime { get; init; }
        public int? RetentionInDays { get; set; }
        public string LogGroupClass { get; init; } = "STANDARD";
        public string? KmsKeyId { get; init; }
        public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);
        public SortedDictionary<string, Stream> Streams { get; } = new(StringComparer.Ordinal);
    }

    private sealed class Stream
    {
        public required string Name { get; init; }
        public required long CreationTime { get; init; }
        public List<Event> Events { get; } = [];
    }

    private sealed record Event(long Timestamp, string Message, long IngestionTime, long Sequence);

    private sealed record ExportTask(string Id, string? Name, string LogGroupName, long From, long To, string Destination, string? DestinationPrefix, long Created);

    private readonly SortedDictionary<string, Group> _groups = new(StringComparer.Ordinal);
    private readonly List<ExportTask> _exports = [];
    private long _sequence;

    private string GroupArn(string name) => $"arn:aws:logs:{server.Region}:{server.AccountId}:log-group:{name}";

    private long NowMs => server.Now.ToUnixTimeMilliseconds();

    public JsonObject Handle(string operation, JsonObject input) => operation switch
    {
        "CreateLogGroup" => CreateLogGroup(input),
        "DeleteLogGroup" => DeleteLogGroup(input),
        "PutRetentionPolicy" => PutRetentionPolicy(input),
        "DeleteRetentionPolicy" => DeleteRetentionPolicy(input),
        "DescribeLogGroups" => DescribeLogGroups(input),
        "CreateLogStream" => CreateLogStream(input),
        "DeleteLogStream" => DeleteLogStream(input),
        "DescribeLogStreams" => DescribeLogStreams(input),
        "PutLogEvents" => PutLogEvents(input),
        "GetLogEvents" => GetLogEvents(input),
        "FilterLogEvents" => FilterLogEvents(input),
        "CreateExportTask" => CreateExportTask(input),
        "DescribeExportTasks" => DescribeExportTasks(input),
        "TagResource" => TagResource(input),
        "UntagResource" => UntagResource(input),
        "ListTagsForResource" => ListTagsForResource(input),
        "TagLogGroup" => TagLogGroup(input),
        "UntagLogGroup" => UntagLogGroup(input),
        "ListTagsLogGroup" => ListTagsLogGroup(input),
        _ => throw new NotSupportedException(operation),
    };

    public IEnumerable<FakeResource> Inventory() =>
        _groups.Values.Select(g => new FakeResource("Logs", "log-group", g.Name, "available", new Dictionary<string, string>(g.Tags, StringComparer.Ordinal)));

    public IEnumerable<string> ResourcesLeft() => _groups.Keys.Select(name => $"CloudWatch Logs group {name}");

    // ---- what the ECS side uses (awslogs) ----

    public bool GroupExists(string name) => _groups.ContainsKey(name);

    public void CreateGroupQuietly(string name) => _groups.TryAdd(name, new Group { Name = name, CreationTime = NowMs });

    public void EnsureStream(string group, string stream)
    {
        if (_groups.TryGetValue(group, out var found))
        {
            found.Streams.TryAdd(stream, new Stream { Name = stream, CreationTime = NowMs });
        }
    }

    public void AppendQuietly(string group, string stream, IEnumerable<string> messages)
    {
        if (_groups.TryGetValue(group, out var found) && found.Streams.TryGetValue(stream, out var target))
        {
            var now = NowMs;
            foreach (var message in messages)
            {
                target.Events.Add(new Event(now, message, now, ++_sequence));
            }
        }
    }

    public IReadOnlyList<(string Stream, long Timestamp, string Message)> Events(string group, string? streamPrefix) =>
        _groups.TryGetValue(group, out var found)
            ? found.Streams.Values.Where(s => streamPrefix is null || s.Name.StartsWith(streamPrefix, StringComparison.Ordinal))
                .SelectMany(s => s.Events.Select(e => (s.Name, e.Timestamp, e.Message, e.Sequence)))
                .OrderBy(e => e.Timestamp).ThenBy(e => e.Sequence)
                .Select(e => (e.Name, e.Timestamp, e.Message)).ToList()
            : [];

    public IReadOnlyList<string> GroupNames() => [.. _groups.Keys];

    // ---- groups ----

    private Group FindGroup(string? name, string? identifier = null)
    {
        var key = name ?? identifier;
        if (key is null)
        {
            throw new FakeAwsException("InvalidParameterException", "Either logGroupName or logGroupIdentifier must be given.");
        }

        if (name is not null && identifier is not null)
        {
            throw new FakeAwsException("InvalidParameterException", "LogGroupName and LogGroupIdentifier are mutually exclusive parameters.");
        }

        if (key.StartsWith("arn:", StringComparison.Ordinal))
        {
            key = Regex.Replace(key, @"^arn:aws[a-z-]*:logs:[^:]*:[^:]*:log-group:", "").TrimEnd('*').TrimEnd(':');
        }

        return _groups.GetValueOrDefault(key) ?? throw new FakeAwsException("ResourceNotFoundException", "The specified log group does not exist.");
    }

    private JsonObject CreateLogGroup(JsonObject input)
    {
        var name = input.Str("logGroupName")!;
        if (_groups.ContainsKey(name))
        {
            throw new FakeAwsException("ResourceAlreadyExistsException", "The specified log group already exists");
        }

        var group = new Group { Name = name, CreationTime = NowMs, LogGroupClass = input.Str("logGroupClass") ?? "STANDARD", KmsKeyId = input.Str("kmsKeyId") };
        foreach (var (key, value) in Tags(input))
        {
            group.Tags[key] = value;
        }

        _groups[name] = group;
        return [];
    }

    private JsonObject DeleteLogGroup(JsonObject input)
    {
        var group = FindGroup(input.Str("logGroupName"));
        _groups.Remove(group.Name);
        return [];
    }

    private JsonObject PutRetentionPolicy(JsonObject input)
    {
        var group = FindGroup(input.Str("logGroupName"));
        var days = input.Int("retentionInDays")!.Value;
        if (!RetentionDays.Contains(days))
        {
            throw new FakeAwsException("InvalidParameterException", $"1 validation error detected: Value '{days}' at 'retentionInDays' failed to satisfy constraint: Member must satisfy enum value set: [{string.Join(", ", RetentionDays)}]");
        }

        group.RetentionInDays = days;
        return [];
    }

    private JsonObject DeleteRetentionPolicy(JsonObject input)
    {
        FindGroup(input.Str("logGroupName")).RetentionInDays = null;
        return [];
    }

    private JsonObject DescribeLogGroups(JsonObject input)
    {
        var prefix = input.Str("logGroupNamePrefix");
        var pattern = input.Str("logGroupNamePattern");
        var identifiers = input.Strings("logGroupIdentifiers");
        if (prefix is not null && pattern is not null)
        {
            throw new FakeAwsException("InvalidParameterException", "LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.");
        }

        var groups = _groups.Values
            .Where(g => prefix is null || g.Name.StartsWith(prefix, StringComparison.Ordinal))
            .Where(g => pattern is null || g.Name.Contains(pattern, StringComparison.OrdinalIgnoreCase))
            .Where(g => identifiers.Count == 0 || identifiers.Any(i => i == g.Name || i == GroupArn(g.Name)))
            .Where(g => input.Str("logGroupClass") is not { } logClass || g.LogGroupClass == logClass)
            .ToList();
        var (page, next) = Page(groups, input, 50);
        return new JsonObject
        {
            ["logGroups"] = page.Select(g => (JsonNode)new JsonObject
            {
                ["logGroupName"] = g.Name,
                ["creationTime"] = g.CreationTime,
                ["retentionInDays"] = g.RetentionInDays,
                ["metricFilterCount"] = 0,
                ["arn"] = GroupArn(g.Name) + ":*",
                ["logGroupArn"] = GroupArn(g.Name),
                ["storedBytes"] = g.Streams.Values.Sum(s => s.Events.Sum(e => (long)e.Message.Length)),
                ["kmsKeyId"] = g.KmsKeyId,
                ["logGroupClass"] = g.LogGroupClass,
            }).ToJsonArray(),
            ["nextToken"] = next,
        };
    }

    // ---- streams and events ----

    private JsonObject CreateLogStream(JsonObject input)
    {
        var group = FindGroup(input.Str("logGroupName"));
        var name = input.Str("logStreamName")!;
        if (!group.Streams.TryAdd(name, new Stream { Name = name, CreationTime = NowMs }))
        {
            throw new FakeAwsException("ResourceAlreadyExistsException", "The specified log stream already exists");
        }

        return [];
    }

    private JsonObject DeleteLogStream(JsonObject input)
    {
        var group = FindGroup(input.Str("logGroupName"));
        if (!group.Streams.Remove(input.Str("logStreamName")!))
        {
            throw new FakeAwsException("ResourceNotFoundException", "The specified log stream does not exist.");
        }

        return [];
    }

    private JsonObject DescribeLogStreams(JsonObject input)
    {
        var group = FindGroup(input.Str("logGroupName"), input.Str("logGroupIdentifier"));
        var prefix = input.Str("logStreamNamePrefix");
        var byTime = input.Str("orderBy") == "LastEventTime";
        if (byTime && prefix is not null)
        {
            throw new FakeAwsException("InvalidParameterException", "Cannot order by LastEventTime with a logStreamNamePrefix.");
        }

        IEnumerable<Stream> streams = group.Streams.Values.Where(s => prefix is null || s.Name.StartsWith(prefix, StringComparison.Ordinal));
        if (byTime)
        {
            streams = streams.OrderBy(s => s.Events.Count == 0 ? s.CreationTime : s.Events.Max(e => e.Timestamp));
        }

        if (input.Bool("descending") == true)
        {
            streams = streams.Reverse();
        }

        var (page, next) = Page(streams.ToList(), input, 50);
        return new JsonObject
        {
            ["logStreams"] = page.Select(s => (JsonNode)new JsonObject
            {
                ["logStreamName"] = s.Name,
                ["creationTime"] = s.CreationTime,
                ["firstEventTimestamp"] = s.Events.Count == 0 ? null : s.Events.Min(e => e.Timestamp),
                ["lastEventTimestamp"] = s.Events.Count == 0 ? null : s.Events.Max(e => e.Timestamp),
                ["lastIngestionTime"] = s.Events.Count == 0 ? null : s.Events.Max(e => e.IngestionTime),
                ["arn"] = $"{GroupArn(group.Name)}:log-stream:{s.Name}",
            }).ToJsonArray(),
            ["nextToken"] = next,
        };
    }

    private Stream FindStream(Group group, string name) =>
        group.Streams.GetValueOrDefault(name) ?? throw new FakeAwsException("ResourceNotFoundException", "The specified log stream does not exist.");

    private JsonObject PutLogEvents(JsonObject input)
    {
        var group = FindGroup(input.Str("logGroupName"));
        var stream = FindStream(group, input.Str("logStreamName")!);
        var events = input.Objects("logEvents").ToList();
        var bytes = events.Sum(e => System.Text.Encoding.UTF8.GetByteCount(e.Str("message") ?? "") + 26);
        if (bytes > 1_048_576)
        {
            throw new FakeAwsException("InvalidParameterException", $"The batch is {bytes} bytes; the maximum is 1,048,576 bytes (each event counts its UTF-8 message plus 26).");
        }

        var timestamps = events.Select(e => e.Long("timestamp")!.Value).ToList();
        if (timestamps.Count > 0 && timestamps.Max() - timestamps.Min() > TimeSpan.FromHours(24).TotalMilliseconds)
        {
            throw new FakeAwsException("InvalidParameterException", "The log events in the batch span more than 24 hours.");
        }

        var now = NowMs;
        foreach (var logEvent in events)
        {
            stream.Events.Add(new Event(logEvent.Long("timestamp")!.Value, logEvent.Str("message")!, now, ++_sequence));
        }

        return new JsonObject { ["nextSequenceToken"] = _sequence.ToString("D20", CultureInfo.InvariantCulture) };
    }

    private JsonObject GetLogEvents(JsonObject input)
    {
        var group = FindGroup(input.Str("logGroupName"), input.Str("logGroupIdentifier"));
        var stream = FindStream(group, input.Str("logStreamName")!);
        var start = input.Long("startTime");
        var end = input.Long("endTime");
        var events = stream.Events.Where(e => (start is null || e.Timestamp >= start) && (end is null || e.Timestamp < end))
            .OrderBy(e => e.Timestamp).ThenBy(e => e.Sequence).ToList();
        var limit = Math.Min(input.Int("limit") ?? 10000, server.PageSizeLimit ?? int.MaxValue);
        var token = input.Str("nextToken");
        int from;
        int to;
        if (token is null)
        {
            // Without a token: the first page from the head, or the last page (AWS's default, startFromHead false).
            to = input.Bool("startFromHead") == true ? Math.Min(events.Count, limit) : events.Count;
            from = input.Bool("startFromHead") == true ? 0 : Math.Max(0, events.Count - limit);
        }
        else if (Regex.Match(token, "^(?<d>[fb])/(?<n>[0-9]{1,9})$") is { Success: true } match)
        {
            var position = Math.Min(int.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture), events.Count);
            (from, to) = match.Groups["d"].Value == "f"
                ? (position, Math.Min(events.Count, position + limit))
                : (Math.Max(0, position - limit), position);
        }
        else
        {
            throw new FakeAwsException("InvalidParameterException", $"The specified nextToken is invalid: '{token}'.");
        }

        return new JsonObject
        {
            ["events"] = events.Skip(from).Take(to - from).Select(e => (JsonNode)new JsonObject
            {
                ["timestamp"] = e.Timestamp,
                ["message"] = e.Message,
                ["ingestionTime"] = e.IngestionTime,
            }).ToJsonArray(),
            // At the end the forward token repeats the one given: readers stop when it comes back unchanged.
            ["nextForwardToken"] = $"f/{to.ToString("D9", CultureInfo.InvariantCulture)}",
            ["nextBackwardToken"] = $"b/{from.ToString("D9", CultureInfo.InvariantCulture)}",
        };
    }

    private JsonObject FilterLogEvents(JsonObject input)
    {
        var group = FindGroup(input.Str("logGroupName"), input.Str("logGroupIdentifier"));
        var names = input.Strings("logStreamNames");
        var prefix = input.Str("logStreamNamePrefix");
        if (names.Count > 0 && prefix is not null)
        {
            throw new FakeAwsException("InvalidParameterException", "logStreamNames and logStreamNamePrefix are mutually exclusive.");
        }

        var start = input.Long("startTime");
        var end = input.Long("endTime");
        var matches = FilterPattern.Parse(input.Str("filterPattern"));
        var events = group.Streams.Values
            .Where(s => (names.Count == 0 || names.Contains(s.Name)) && (prefix is null || s.Name.StartsWith(prefix, StringComparison.Ordinal)))
            .SelectMany(s => s.Events.Select(e => (Stream: s.Name, Event: e)))
            .Where(e => (start is null || e.Event.Timestamp >= start) && (end is null || e.Event.Timestamp <= end) && matches(e.Event.Message))
            .OrderBy(e => e.Event.Timestamp).ThenBy(e => e.Event.Sequence)
            .ToList();
        var (page, next) = Page(events, input, 10000, "limit");
        return new JsonObject
        {
            ["events"] = page.Select(e => (JsonNode)new JsonObject
            {
                ["logStreamName"] = e.Stream,
                ["timestamp"] = e.Event.Timestamp,
                ["message"] = e.Event.Message,
                ["ingestionTime"] = e.Event.IngestionTime,
                ["eventId"] = e.Event.Sequence.ToString("D56", CultureInfo.InvariantCulture),
            }).ToJsonArray(),
            ["nextToken"] = next,
        };
    }

    // ---- export ----

    private JsonObject CreateExportTask(JsonObject input)
    {
        var group = FindGroup(input.Str("logGroupName"));
        var from = input.Long("from")!.Value;
        var to = input.Long("to")!.Value;
        if (from > to)
        {
            throw new FakeAwsException("InvalidParameterException", "Specified time range of '" + from + "' and '" + to + "' is not valid. Please make sure the values are non-negative and the start time is before the end time.");
        }

        var destination = input.Str("destination")!;
        if (server.ExportDeniedBuckets.Contains(destination))
        {
            throw new FakeAwsException("InvalidParameterException", "GetBucketAcl call on the given bucket failed. Please check if CloudWatch Logs has been granted permission to perform this operation.");
        }

        var task = new ExportTask(Guid.NewGuid().ToString(), input.Str("taskName"), group.Name, from, to, destination, input.Str("destinationPrefix"), NowMs);
        _exports.Add(task);
        return new JsonObject { ["taskId"] = task.Id };
    }

    private JsonObject DescribeExportTasks(JsonObject input)
    {
        var id = input.Str("taskId");
        var status = input.Str("statusCode");
        var tasks = _exports.Where(t => (id is null || t.Id == id) && (status is null || status == "COMPLETED")).ToList();
        var (page, next) = Page(tasks, input, 50);
        return new JsonObject
        {
            ["exportTasks"] = page.Select(t => (JsonNode)new JsonObject
            {
                ["taskId"] = t.Id,
                ["taskName"] = t.Name,
                ["logGroupName"] = t.LogGroupName,
                ["from"] = t.From,
                ["to"] = t.To,
                ["destination"] = t.Destination,
                ["destinationPrefix"] = t.DestinationPrefix ?? "exportedlogs",
                ["status"] = new JsonObject { ["code"] = "COMPLETED", ["message"] = "Completed successfully" },
                ["executionInfo"] = new JsonObject { ["creationTime"] = t.Created, ["completionTime"] = t.Created },
            }).ToJsonArray(),
            ["nextToken"] = next,
        };
    }

    // ---- tags ----

    private static Dictionary<string, string> Tags(JsonObject input)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in input["tags"] as JsonObject ?? [])
        {
            tags[key] = value?.GetValue<string>() ?? "";
        }

        return tags;
    }

    private Group GroupOfArn(string arn)
    {
        if (!arn.StartsWith($"arn:aws:logs:{server.Region}:{server.AccountId}:log-group:", StringComparison.Ordinal))
        {
            throw new FakeAwsException("ResourceNotFoundException", $"The specified resource '{arn}' does not exist (the fake tags log groups only).");
        }

        return FindGroup(arn);
    }

    private JsonObject TagResource(JsonObject input)
    {
        var group = GroupOfArn(input.Str("resourceArn")!);
        foreach (var (key, value) in Tags(input))
        {
            group.Tags[key] = value;
        }

        return [];
    }

    private JsonObject UntagResource(JsonObject input)
    {
        var group = GroupOfArn(input.Str("resourceArn")!);
        foreach (var key in input.Strings("tagKeys"))
        {
            group.Tags.Remove(key);
        }

        return [];
    }

    private static JsonObject TagsOutput(Group group)
    {
        if (group.Tags.Count == 0)
        {
            return [];
        }

        var tags = new JsonObject();
        foreach (var (key, value) in group.Tags)
        {
            tags[key] = value;
        }

        return new JsonObject { ["tags"] = tags };
    }

    private JsonObject ListTagsForResource(JsonObject input) => TagsOutput(GroupOfArn(input.Str("resourceArn")!));

    private JsonObject TagLogGroup(JsonObject input)
    {
        var group = FindGroup(input.Str("logGroupName"));
        foreach (var (key, value) in Tags(input))
        {
            group.Tags[key] = value;
        }

        return [];
    }

    private JsonObject UntagLogGroup(JsonObject input)
    {
        var group = FindGroup(input.Str("logGroupName"));
        foreach (var key in input.Strings("tags"))
        {
            group.Tags.Remove(key);
        }

        return [];
    }

    private JsonObject ListTagsLogGroup(JsonObject input) => TagsOutput(FindGroup(input.Str("logGroupName")));

    private (IReadOnlyList<T> Page, string? Next) Page<T>(IReadOnlyList<T> items, JsonObject input, int awsDefault, string limitName = "limit")
    {
        try
        {
            return Paging.Page(items, input.Str("nextToken"), server.PageSize(input.Int(limitName) ?? 0, awsDefault));
        }
        catch (FakeAwsException ex)
        {
            throw new FakeAwsException("InvalidParameterException", ex.Message);
        }
    }
}

/// <summary>
/// CloudWatch Logs filter patterns for unstructured text: terms that must all appear (case-sensitive), "quoted
/// phrases", ?term for any-of, -term to exclude; an empty pattern matches everything. JSON and space-delimited
/// patterns ({ … }, [ … ]) are not modelled.
/// </summary>
internal static class FilterPattern
{
    public static Func<string, bool> Parse(string? pattern)
    {
        if (string.IsNullOrWhiteSpace(pattern))
        {
            return _ => true;
        }

        var trimmed = pattern.Trim();
        if (trimmed.StartsWith('{') || trimmed.StartsWith('['))
        {
            throw new NotSupportedException($"JSON and space-delimited filter patterns ('{pattern}')");
        }

        var terms = Regex.Matches(trimmed, "(?<sign>[-?]?)(\"(?<phrase>[^\"]*)\"|(?<word>[^\\s\"]+))")
            .Select(m => (Sign: m.Groups["sign"].Value, Text: m.Groups["phrase"].Success ? m.Groups["phrase"].Value : m.Groups["word"].Value))
            .ToList();
        var required = terms.Where(t => t.Sign == "").Select(t => t.Text).ToList();
        var anyOf = terms.Where(t => t.Sign == "?").Select(t => t.Text).ToList();
        var excluded = terms.Where(t => t.Sign == "-").Select(t => t.Text).ToList();
        return message => required.All(t => message.Contains(t, StringComparison.Ordinal))
            && (anyOf.Count == 0 || anyOf.Any(t => message.Contains(t, StringComparison.Ordinal)))
            && !excluded.Any(t => message.Contains(t, StringComparison.Ordinal));
    }
}

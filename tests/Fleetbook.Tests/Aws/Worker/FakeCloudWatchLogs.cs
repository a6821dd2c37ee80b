using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Fleetbook.Backends.Aws.Connection;
using Fleetbook.Backends.Aws.Services.Logs;

namespace Fleetbook.Tests.Aws.Worker;

/// <summary>One event as the fake stores it.</summary>
internal sealed record StoredEvent(long Timestamp, string Message);

/// <summary>
/// The CloudWatch Logs JSON 1.1 API, as far as the worker uses it (CreateLogStream, PutLogEvents, GetLogEvents), on a
/// loopback port. It enforces PutLogEvents' limits and answers a batch that breaks one with InvalidParameterException.
/// </summary>
internal sealed class FakeCloudWatchLogs : IAsyncDisposable
{
    private const string JsonType = "application/x-amz-json-1.1";

    private readonly LoopbackListener _listener;
    private readonly Lock _gate = new();
    private readonly HashSet<string> _groups = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Group, string Stream), List<StoredEvent>> _streams = [];

    public FakeCloudWatchLogs(params string[] groups)
    {
        _groups.UnionWith(groups);
        _listener = new LoopbackListener(AnswerAsync);
    }

    public Uri Url => _listener.Url;

    /// <summary>Every call, in arrival order: the operation (from X-Amz-Target) and its body.</summary>
    public ConcurrentQueue<(string Operation, JsonObject Body)> Calls { get; } = new();

    /// <summary>When set, PutLogEvents answers HTTP 500 (which the connection retries, then gives up on).</summary>
    public bool FailPuts { get; set; }

    /// <summary>Why each refused PutLogEvents broke a limit.</summary>
    public ConcurrentQueue<string> Violations { get; } = new();

    public IReadOnlyList<JsonObject> Puts => Calls.Where(c => c.Operation == "PutLogEvents").Select(c => c.Body).ToList();

    public void AddStream(string group, string stream, params string[] messages)
    {
        lock (_gate)
        {
            var events = messages.Select((m, i) => new StoredEvent(1_700_000_000_000 + i, m)).ToList();
            _streams[(group, stream)] = events;
        }
    }

    public IReadOnlyList<StoredEvent> Events(string group, string stream)
    {
        lock (_gate)
        {
            return _streams.TryGetValue((group, stream), out var events) ? events.ToList() : [];
        }
    }

    public IReadOnlyList<string> StreamNames(string group)
    {
        lock (_gate)
        {
            return _streams.Keys.Where(k => k.Group == group).Select(k => k.Stream).ToList();
        }
    }

    /// <summary>Waits in real time until <paramref name="count"/> PutLogEvents calls have arrived.</summary>
    public async Task WaitForPutsAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Puts.Count < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{Puts.Count} PutLogEvents call(s) arrived, not {count}");
            }

            await Task.Delay(5);
        }
    }

    /// <summary>A connection to this fake with dummy keys, giving up after <paramref name="maxAttempts"/> attempts.</summary>
    public AwsConnection Connect(int maxAttempts = 2) => new(new AwsConnectionOptions
    {
        Region = "us-east-1",
        Credentials = new BasicAWSCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
        Endpoints = new Dictionary<string, Uri> { ["CLOUDWATCH_LOGS"] = Url },
        Environment = _ => null,
        MaxAttempts = maxAttempts,
        BaseDelay = TimeSpan.FromMilliseconds(1),
        MaxBackoff = TimeSpan.FromMilliseconds(5),
    });

    public ValueTask DisposeAsync() => _listener.DisposeAsync();

    private Task<FakeResponse> AnswerAsync(FakeRequest request)
    {
        var operation = (request.Header("X-Amz-Target") ?? "").Split('.').Last();
        var body = JsonNode.Parse(request.Body.Length == 0 ? "{}" : request.Body)!.AsObject();
        var response = operation switch
        {
            "CreateLogStream" => CreateLogStream(body),
            "PutLogEvents" => PutLogEvents(body),
            "GetLogEvents" => GetLogEvents(body),
            _ => Error(400, "UnknownOperationException", $"the fake has no {operation}"),
        };

        // Recorded once answered, so a test that saw the call also sees what it stored.
        Calls.Enqueue((operation, body));
        return Task.FromResult(response);
    }

    private FakeResponse CreateLogStream(JsonObject body)
    {
        var key = ((string)body["logGroupName"]!, (string)body["logStreamName"]!);
        lock (_gate)
        {
            if (!_groups.Contains(key.Item1))
            {
                return Error(400, "ResourceNotFoundException", "The specified log group does not exist.");
            }

            if (!_streams.TryAdd(key, []))
            {
                return Error(400, "ResourceAlreadyExistsException", "The specified log stream already exists");
            }
        }

        return Ok(new JsonObject());
    }

    private FakeResponse PutLogEvents(JsonObject body)
    {
        if (FailPuts)
        {
            return Error(500, "ServiceUnavailableException", "The server failed to process the request.");
        }

        var key = ((string)body["logGroupName"]!, (string)body["logStreamName"]!);
        var events = body["logEvents"]!.AsArray().Select(e => new StoredEvent((long)e!["timestamp"]!, (string)e["message"]!)).ToList();
        if (Violation(key.Item2, events) is { } problem)
        {
            Violations.Enqueue(problem);
            return Error(400, "InvalidParameterException", problem);
        }

        lock (_gate)
        {
            if (!_streams.TryGetValue(key, out var stored))
            {
                return Error(400, "ResourceNotFoundException", "The specified log stream does not exist.");
            }

            stored.AddRange(events);
        }

        return Ok(new JsonObject { ["nextSequenceToken"] = "1" });
    }

    private static string? Violation(string streamName, IReadOnlyList<StoredEvent> events)
    {
        var bytes = events.Sum(e => Encoding.UTF8.GetByteCount(e.Message) + 26);
        if (streamName.Length is 0 or > 512 || streamName.Contains(':') || streamName.Contains('*'))
        {
            return $"bad stream name '{streamName}'";
        }

        if (events.Count is 0 or > 10_000)
        {
            return $"{events.Count} events in one batch";
        }

        if (bytes > 1_048_576)
        {
            return $"a batch of {bytes} bytes";
        }

        if (events.Any(e => e.Message.Length == 0 || Encoding.UTF8.GetByteCount(e.Message) + 26 > 262_144))
        {
            return "an empty event or one over 256 KB";
        }

        if (events.Zip(events.Skip(1)).Any(p => p.Second.Timestamp < p.First.Timestamp))
        {
            return "events out of chronological order";
        }

        return events[^1].Timestamp - events[0].Timestamp > TimeSpan.FromHours(24).TotalMilliseconds ? "a batch spanning more than 24 hours" : null;
    }

    /// <summary>startFromHead=false: the newest <c>limit</c> events before the backward token, oldest first.</summary>
    private FakeResponse GetLogEvents(JsonObject body)
    {
        var key = ((string)body["logGroupName"]!, (string)body["logStreamName"]!);
        var limit = (int?)body["limit"] ?? 10_000;
        List<StoredEvent> events;
        lock (_gate)
        {
            if (!_streams.TryGetValue(key, out var stored))
            {
                return Error(400, "ResourceNotFoundException", "The specified log stream does not exist.");
            }

            events = stored.ToList();
        }

        var end = body["nextToken"] is JsonValue token && ((string)token!).StartsWith("b/", StringComparison.Ordinal)
            ? int.Parse(((string)token!)[2..], System.Globalization.CultureInfo.InvariantCulture)
            : events.Count;
        var start = Math.Max(0, end - limit);
        var page = new JsonArray(events[start..end].Select(e => (JsonNode)new JsonObject
        {
            ["timestamp"] = e.Timestamp,
            ["message"] = e.Message,
            ["ingestionTime"] = e.Timestamp,
        }).ToArray());
        return Ok(new JsonObject { ["events"] = page, ["nextBackwardToken"] = $"b/{start}", ["nextForwardToken"] = $"f/{end}" });
    }

    private static FakeResponse Ok(JsonObject body) =>
        new(200, body.ToJsonString(), JsonType, new Dictionary<string, string> { ["x-amzn-RequestId"] = Guid.NewGuid().ToString() });

    private static FakeResponse Error(int status, string code, string message) =>
        new(status, new JsonObject { ["__type"] = code, ["message"] = message }.ToJsonString(), JsonType,
            new Dictionary<string, string> { ["x-amzn-RequestId"] = Guid.NewGuid().ToString() });

    /// <summary>A Logs client over <see cref="Connect"/>.</summary>
    public LogsClient Client(AwsConnection connection) => new(connection);
}

using System.Text.Json.Nodes;

namespace Fleetbook.Backends.Aws.Sqs;

/// <summary>CreateQueue: a queue with attributes and tags (the model calls the tag member "tags").</summary>
public sealed record CreateQueueRequest(string QueueName, IReadOnlyDictionary<string, string>? Attributes = null, IReadOnlyDictionary<string, string>? Tags = null)
{
    public JsonObject ToJson() => new JsonObject { ["QueueName"] = QueueName }
        .With("Attributes", Attributes is { Count: > 0 } ? SqsJson.ToObject(Attributes) : null)
        .With("tags", Tags is { Count: > 0 } ? SqsJson.ToObject(Tags) : null);
}

public sealed record CreateQueueResult(string QueueUrl)
{
    public static CreateQueueResult FromJson(JsonObject json) => new(SqsJson.RequiredString(json, "QueueUrl", "CreateQueue"));
}

public sealed record GetQueueUrlRequest(string QueueName, string? QueueOwnerAWSAccountId = null)
{
    public JsonObject ToJson() => new JsonObject { ["QueueName"] = QueueName }
        .With("QueueOwnerAWSAccountId", QueueOwnerAWSAccountId);
}

public sealed record GetQueueUrlResult(string QueueUrl)
{
    public static GetQueueUrlResult FromJson(JsonObject json) => new(SqsJson.RequiredString(json, "QueueUrl", "GetQueueUrl"));
}

/// <summary>GetQueueAttributes; <see cref="SqsAttributeNames.All"/> asks for every attribute.</summary>
public sealed record GetQueueAttributesRequest(string QueueUrl, IReadOnlyList<string> AttributeNames)
{
    public JsonObject ToJson() => new() { ["QueueUrl"] = QueueUrl, ["AttributeNames"] = SqsJson.ToArray(AttributeNames) };
}

public sealed record GetQueueAttributesResult(IReadOnlyDictionary<string, string> Attributes)
{
    public static GetQueueAttributesResult FromJson(JsonObject json) => new(SqsJson.StringMap(json, "Attributes"));

    public string? this[string name] => Attributes.TryGetValue(name, out var value) ? value : null;
}

public sealed record SetQueueAttributesRequest(string QueueUrl, IReadOnlyDictionary<string, string> Attributes)
{
    public JsonObject ToJson() => new() { ["QueueUrl"] = QueueUrl, ["Attributes"] = SqsJson.ToObject(Attributes) };
}

/// <summary>One page of ListQueues; pass the previous page's <see cref="ListQueuesResult.NextToken"/> for the next.</summary>
public sealed record ListQueuesRequest(string? QueueNamePrefix = null, string? NextToken = null, int? MaxResults = null)
{
    public JsonObject ToJson() => new JsonObject()
        .With("QueueNamePrefix", QueueNamePrefix)
        .With("NextToken", NextToken)
        .With("MaxResults", MaxResults);
}

public sealed record ListQueuesResult(IReadOnlyList<string> QueueUrls, string? NextToken)
{
    public static ListQueuesResult FromJson(JsonObject json) =>
        new(SqsJson.Strings(json, "QueueUrls"), SqsJson.String(json, "NextToken") is { Length: > 0 } token ? token : null);
}

public sealed record DeleteQueueRequest(string QueueUrl)
{
    public JsonObject ToJson() => new() { ["QueueUrl"] = QueueUrl };
}

public sealed record TagQueueRequest(string QueueUrl, IReadOnlyDictionary<string, string> Tags)
{
    public JsonObject ToJson() => new() { ["QueueUrl"] = QueueUrl, ["Tags"] = SqsJson.ToObject(Tags) };
}

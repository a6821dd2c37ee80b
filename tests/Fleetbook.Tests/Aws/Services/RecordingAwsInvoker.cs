using System.Text.Json.Nodes;
using Fleetbook.Backends.Aws;

namespace Fleetbook.Tests.Aws.Services;

/// <summary>One call a typed client made: the service, the operation and the input DOM exactly as sent.</summary>
public sealed record RecordedCall(AwsService Service, string Operation, JsonObject Input);

/// <summary>
/// A fake connection: records every call and answers with canned outputs — queued per operation (one per call, the
/// last one repeating), or from a function, or an empty object.
/// </summary>
public sealed class RecordingAwsInvoker : IAwsInvoker
{
    private readonly Dictionary<string, Queue<JsonObject>> _queued = new(StringComparer.Ordinal);
    private readonly Func<AwsService, string, JsonObject, JsonObject>? _respond;

    public RecordingAwsInvoker(Func<AwsService, string, JsonObject, JsonObject>? respond = null) => _respond = respond;

    public List<RecordedCall> Calls { get; } = [];

    public RecordedCall SingleCall => Assert.Single(Calls);

    /// <summary>Answers the next calls of <paramref name="operation"/> with <paramref name="outputs"/>, in order (the last one repeats).</summary>
    public RecordingAwsInvoker Answer(string operation, params JsonObject[] outputs)
    {
        _queued[operation] = new Queue<JsonObject>(outputs);
        return this;
    }

    public Task<JsonObject> InvokeAsync(AwsService service, string operation, JsonObject input, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Calls.Add(new RecordedCall(service, operation, (JsonObject)input.DeepClone()));
        if (_queued.TryGetValue(operation, out var queue) && queue.Count > 0)
        {
            var output = queue.Count > 1 ? queue.Dequeue() : queue.Peek();
            return Task.FromResult((JsonObject)output.DeepClone());
        }

        return Task.FromResult(_respond?.Invoke(service, operation, input) ?? new JsonObject());
    }
}

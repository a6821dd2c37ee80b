using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Fleetbook.Backends.Aws;

namespace Fleetbook.Tests.Aws.Sqs;

/// <summary>An <see cref="IAwsInvoker"/> that records every call and answers from a handler per operation.</summary>
public sealed class ScriptedInvoker : IAwsInvoker
{
    private readonly ConcurrentDictionary<string, Func<JsonObject, Task<JsonObject>>> _handlers = new();
    private readonly ConcurrentQueue<(string Operation, JsonObject Input)> _calls = new();
    private int _inFlight;
    private int _maxInFlight;

    public IReadOnlyList<(string Operation, JsonObject Input)> Calls => [.. _calls];

    /// <summary>The most calls that were running at the same time.</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public IReadOnlyList<JsonObject> InputsOf(string operation) => Calls.Where(c => c.Operation == operation).Select(c => c.Input).ToList();

    public ScriptedInvoker On(string operation, Func<JsonObject, JsonObject> handler) => OnAsync(operation, input => Task.FromResult(handler(input)));

    public ScriptedInvoker OnAsync(string operation, Func<JsonObject, Task<JsonObject>> handler)
    {
        _handlers[operation] = handler;
        return this;
    }

    public static AwsServiceException Error(string operation, string code, string message = "", int status = 400) =>
        new(AwsService.Sqs, operation, code, message, status, "req-1", null);

    public async Task<JsonObject> InvokeAsync(AwsService service, string operation, JsonObject input, CancellationToken cancellationToken)
    {
        _calls.Enqueue((operation, (JsonObject)input.DeepClone()));
        var running = Interlocked.Increment(ref _inFlight);
        InterlockedMax(ref _maxInFlight, running);
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            return _handlers.TryGetValue(operation, out var handler)
                ? await handler(input)
                : throw new InvalidOperationException($"The test did not script {operation}.");
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}

using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fleetbook.Backends.Aws.Services.Paging;

namespace Fleetbook.Backends.Aws.Services;

/// <summary>
/// The one place the typed clients turn records into the connection's JSON DOM and back, and follow pages.
/// </summary>
internal sealed class AwsOperations(IAwsInvoker invoker, AwsService service, JsonSerializerOptions json)
{
    private readonly IAwsInvoker _invoker = invoker ?? throw new ArgumentNullException(nameof(invoker));

    public AwsService Service { get; } = service;

    public JsonSerializerOptions Json { get; } = json;

    public async Task<TResponse> CallAsync<TRequest, TResponse>(string operation, TRequest request, CancellationToken cancellationToken)
        where TRequest : class
        where TResponse : class
    {
        var output = await _invoker.InvokeAsync(Service, operation, ToInput(request), cancellationToken).ConfigureAwait(false);
        return Read<TResponse>(operation, output);
    }

    /// <summary>
    /// Every item under <paramref name="resultKey"/> (by default the paginator's first result key) across all pages,
    /// following the operation's paginator: its output token goes back as its input token until none comes back.
    /// </summary>
    public AwsPages<TItem> Pages<TRequest, TItem>(string operation, TRequest request, CancellationToken cancellationToken, string? resultKey = null)
        where TRequest : class
    {
        var paginator = AwsPaginators.For(Service, operation);
        var key = resultKey ?? paginator.ResultKeys[0];
        if (!paginator.ResultKeys.Contains(key))
        {
            throw new ArgumentException($"{Service.DisplayName} {operation} pages carry {string.Join(", ", paginator.ResultKeys)}, not {key}.", nameof(resultKey));
        }

        var input = ToInput(request);
        return new AwsPages<TItem>(token => Items<TItem>(paginator, input, key, token), cancellationToken);
    }

    private async IAsyncEnumerable<TItem> Items<TItem>(AwsPaginator paginator, JsonObject firstInput, string resultKey, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var input = (JsonObject)firstInput.DeepClone();
        string? previousToken = null;
        while (true)
        {
            var page = await _invoker.InvokeAsync(Service, paginator.Operation, (JsonObject)input.DeepClone(), cancellationToken).ConfigureAwait(false);
            if (page[resultKey] is JsonArray items)
            {
                foreach (var item in items)
                {
                    yield return ReadItem<TItem>(paginator.Operation, item);
                }
            }

            var token = page[paginator.OutputToken] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
            if (string.IsNullOrEmpty(token))
            {
                yield break;
            }

            if (token == previousToken)
            {
                throw new AwsServiceException(Service, paginator.Operation, "RepeatedPageToken", $"the service returned the same {paginator.OutputToken} twice in a row", null, null,
                    "Fleetbook stopped paging to avoid an endless loop; try again, and report it if it persists.");
            }

            previousToken = token;
            input[paginator.InputToken] = token;
        }
    }

    private JsonObject ToInput<TRequest>(TRequest request)
        where TRequest : class
    {
        ArgumentNullException.ThrowIfNull(request);
        return JsonSerializer.SerializeToNode(request, Json) as JsonObject
            ?? throw new InvalidOperationException($"{typeof(TRequest).Name} did not serialize to a JSON object.");
    }

    private TResponse Read<TResponse>(string operation, JsonObject output)
        where TResponse : class
    {
        try
        {
            return output.Deserialize<TResponse>(Json) ?? throw new JsonException("the output was null");
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            throw Unreadable(operation, typeof(TResponse).Name, e);
        }
    }

    private TItem ReadItem<TItem>(string operation, JsonNode? item)
    {
        try
        {
            return item.Deserialize<TItem>(Json)!;
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            throw Unreadable(operation, typeof(TItem).Name, e);
        }
    }

    private AwsServiceException Unreadable(string operation, string type, Exception inner) =>
        new(Service, operation, "UnreadableResponse", $"its answer does not fit {type} ({inner.Message})", null, null,
            "The service answered in a shape this Fleetbook version does not expect; check for a newer Fleetbook.", inner);
}

using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Fleetbook.Backends.Aws.Services.Paging;

/// <summary>The paginator definitions embedded beside the models (<c>Fleetbook.Backends.Aws.Models.&lt;svc&gt;.paginators.json</c>).</summary>
public static class AwsPaginators
{
    private static readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, AwsPaginator>> Loaded = new(StringComparer.Ordinal);

    /// <summary>
    /// Operations that page by <c>NextToken</c> like the others but have no paginator in botocore's files; defined
    /// here in the same terms (the conformance tests hold them to the model's shapes).
    /// </summary>
    internal static IReadOnlyDictionary<string, IReadOnlyList<AwsPaginator>> Supplements { get; } = new Dictionary<string, IReadOnlyList<AwsPaginator>>(StringComparer.Ordinal)
    {
        ["ec2"] =
        [
            new AwsPaginator("DescribeSpotFleetRequestHistory", "NextToken", "NextToken", "MaxResults", ["HistoryRecords"]),
            new AwsPaginator("DescribeFleetInstances", "NextToken", "NextToken", "MaxResults", ["ActiveInstances"]),
        ],
    };

    /// <summary>Every paginator of <paramref name="service"/>'s embedded model, by operation.</summary>
    public static IReadOnlyDictionary<string, AwsPaginator> All(AwsService service)
    {
        ArgumentNullException.ThrowIfNull(service);
        return Loaded.GetOrAdd(service.ModelName, Load);
    }

    /// <summary>The paginator of <paramref name="operation"/>.</summary>
    /// <exception cref="ArgumentException">The operation has no paginator in the embedded model.</exception>
    public static AwsPaginator For(AwsService service, string operation) =>
        All(service).TryGetValue(operation, out var paginator)
            ? paginator
            : throw new ArgumentException($"{service.DisplayName} {operation} has no paginator in Fleetbook's model.", nameof(operation));

    private static IReadOnlyDictionary<string, AwsPaginator> Load(string modelName)
    {
        var resource = $"Fleetbook.Backends.Aws.Models.{modelName}.paginators.json";
        using var stream = typeof(AwsPaginators).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The embedded resource {resource} is missing from Fleetbook.");
        var root = JsonNode.Parse(stream)?["pagination"] as JsonObject
            ?? throw new InvalidOperationException($"{resource} has no \"pagination\" object.");
        var paginators = new Dictionary<string, AwsPaginator>(StringComparer.Ordinal);
        foreach (var (operation, node) in root)
        {
            var definition = node as JsonObject ?? throw new InvalidOperationException($"{resource}: {operation} is not an object.");
            paginators[operation] = new AwsPaginator(
                operation,
                MemberName(definition, "input_token", resource, operation)!,
                MemberName(definition, "output_token", resource, operation)!,
                definition["limit_key"]?.GetValue<string>(),
                definition["result_key"] switch
                {
                    JsonArray keys => keys.Select(k => k!.GetValue<string>()).ToArray(),
                    JsonValue key => [key.GetValue<string>()],
                    _ => throw new InvalidOperationException($"{resource}: {operation} has no result_key."),
                });
        }

        foreach (var supplement in Supplements.GetValueOrDefault(modelName, []))
        {
            paginators.TryAdd(supplement.Operation, supplement);
        }

        return paginators;
    }

    /// <summary>A plain member name; token lists and JMESPath expressions (S3's "NextMarker || Contents[-1].Key") are not used by the services Fleetbook pages.</summary>
    private static string MemberName(JsonObject definition, string key, string resource, string operation)
    {
        var name = definition[key] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
        if (name is null || name.Any(c => !char.IsAsciiLetterOrDigit(c)))
        {
            throw new NotSupportedException($"{resource}: {operation}'s {key} is {definition[key]?.ToJsonString() ?? "missing"}; only a plain member name is supported.");
        }

        return name;
    }
}

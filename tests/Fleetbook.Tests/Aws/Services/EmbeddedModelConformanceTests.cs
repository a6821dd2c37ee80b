using System.Text.Json.Nodes;
using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Aws.Services;

/// <summary>
/// The trimmed models embedded in Fleetbook.dll are exact subsets of the official ones: the same metadata, each kept
/// operation and shape identical but for documentation, exactly the shapes the kept operations reach, in the source's
/// order; the paginators of the kept operations unchanged; every operation a typed client calls present.
/// </summary>
public class EmbeddedModelConformanceTests
{
    public static TheoryData<string> Services => ["sqs", "ecs", "ec2", "logs", "cloudwatch"];

    /// <summary>The SQS operations the queue client (built elsewhere) relies on.</summary>
    private static readonly string[] SqsOperations =
    [
        "CreateQueue", "GetQueueUrl", "GetQueueAttributes", "SetQueueAttributes", "ListQueues", "SendMessageBatch", "ReceiveMessage",
        "DeleteMessageBatch", "DeleteMessage", "ChangeMessageVisibility", "ChangeMessageVisibilityBatch", "DeleteQueue", "TagQueue",
        "ListQueueTags", "StartMessageMoveTask", "ListMessageMoveTasks", "SendMessage",
    ];

    [AwsModelTheory]
    [MemberData(nameof(Services))]
    public void The_embedded_model_keeps_the_official_metadata_and_operations_unchanged(string service)
    {
        var official = BotocoreModel.LoadShared(service);
        var embedded = BotocoreModel.LoadEmbedded(service);

        Assert.True(JsonNode.DeepEquals(official.Root["version"], embedded.Root["version"]));
        Assert.True(JsonNode.DeepEquals(official.Root["metadata"], embedded.Root["metadata"]), $"{service} metadata differs");
        Assert.NotEmpty(embedded.Operations);
        foreach (var (name, operation) in embedded.Operations)
        {
            Assert.True(official.Operations.ContainsKey(name), $"{service} {name} is not an official operation");
            Assert.True(JsonNode.DeepEquals(WithoutDocumentation(official.Operations[name]), operation), $"{service} {name} differs from the official model");
        }
    }

    [AwsModelTheory]
    [MemberData(nameof(Services))]
    public void The_embedded_model_keeps_exactly_the_shapes_its_operations_reach_unchanged(string service)
    {
        var official = BotocoreModel.LoadShared(service);
        var embedded = BotocoreModel.LoadEmbedded(service);

        var reachable = Reachable(official, embedded.Operations.Select(o => o.Key));

        Assert.Equal(reachable.Order(StringComparer.Ordinal), embedded.Shapes.Select(s => s.Key).Order(StringComparer.Ordinal));
        foreach (var (name, shape) in embedded.Shapes)
        {
            Assert.True(JsonNode.DeepEquals(WithoutDocumentation(official.Shapes[name]), shape), $"{service} shape {name} differs from the official model");
        }
    }

    [AwsModelTheory]
    [MemberData(nameof(Services))]
    public void The_embedded_model_lists_operations_and_shapes_in_the_official_order(string service)
    {
        var official = BotocoreModel.LoadShared(service);
        var embedded = BotocoreModel.LoadEmbedded(service);

        Assert.Equal(official.Operations.Select(o => o.Key).Where(embedded.Operations.ContainsKey), embedded.Operations.Select(o => o.Key));
        Assert.Equal(official.Shapes.Select(s => s.Key).Where(embedded.Shapes.ContainsKey), embedded.Shapes.Select(s => s.Key));
        Assert.Equal(official.Root.Select(p => p.Key).Where(k => k != "documentation"), embedded.Root.Select(p => p.Key));
    }

    [AwsModelTheory]
    [MemberData(nameof(Services))]
    public void The_embedded_paginators_are_the_official_ones_of_the_kept_operations(string service)
    {
        var official = BotocoreModel.LoadSharedPaginators(service)["pagination"]!.AsObject();
        var embedded = BotocoreModel.LoadEmbeddedPaginators(service)["pagination"]!.AsObject();
        var kept = BotocoreModel.LoadEmbedded(service).Operations;

        Assert.Equal(official.Where(p => kept.ContainsKey(p.Key)).Select(p => p.Key), embedded.Select(p => p.Key));
        foreach (var (name, paginator) in embedded)
        {
            Assert.True(JsonNode.DeepEquals(official[name], paginator), $"{service} paginator {name} differs");
        }
    }

    [Fact]
    public void Every_operation_a_typed_client_calls_is_in_the_embedded_model()
    {
        var missing = TypedOperations.All
            .Where(o => !BotocoreModel.LoadEmbedded(o.Service.ModelName).Operations.ContainsKey(o.Operation))
            .Select(o => o.ToString());

        Assert.Empty(missing);
    }

    [Fact]
    public void Every_SQS_operation_the_queue_client_relies_on_is_in_the_embedded_model()
    {
        var sqs = BotocoreModel.LoadEmbedded("sqs");

        Assert.Equal(SqsOperations.Order(StringComparer.Ordinal), sqs.Operations.Select(o => o.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_embedded_model_names_the_service_its_descriptor_describes()
    {
        foreach (var service in Fleetbook.Backends.Aws.AwsService.All)
        {
            var metadata = BotocoreModel.LoadEmbedded(service.ModelName).Root["metadata"]!;

            Assert.Equal(service.ApiVersion, metadata["apiVersion"]!.GetValue<string>());
            Assert.Equal(service.EndpointPrefix, metadata["endpointPrefix"]!.GetValue<string>());
            Assert.Equal(service.TargetPrefix, metadata["targetPrefix"]?.GetValue<string>());
        }
    }

    private static HashSet<string> Reachable(BotocoreModel model, IEnumerable<string> operations)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>();
        foreach (var name in operations)
        {
            var operation = model.Operations[name]!;
            foreach (var key in new[] { "input", "output" })
            {
                if (operation[key]?["shape"]?.GetValue<string>() is { } shape)
                {
                    pending.Push(shape);
                }
            }

            foreach (var error in operation["errors"]?.AsArray() ?? [])
            {
                pending.Push(error!["shape"]!.GetValue<string>());
            }
        }

        while (pending.TryPop(out var name))
        {
            if (!seen.Add(name))
            {
                continue;
            }

            var shape = model.Shape(name);
            foreach (var (_, member) in shape["members"]?.AsObject() ?? [])
            {
                pending.Push(member!["shape"]!.GetValue<string>());
            }

            foreach (var key in new[] { "member", "key", "value" })
            {
                if (shape[key]?["shape"]?.GetValue<string>() is { } target)
                {
                    pending.Push(target);
                }
            }
        }

        return seen;
    }

    /// <summary>A copy without "documentation" keys (a member that happens to be named so stays), as tools/aws-models/trim.py writes.</summary>
    private static JsonNode? WithoutDocumentation(JsonNode? node, bool underMembers = false) => node switch
    {
        JsonObject obj => new JsonObject(obj
            .Where(p => underMembers || p.Key != "documentation")
            .Select(p => KeyValuePair.Create(p.Key, WithoutDocumentation(p.Value, p.Key == "members" && !underMembers)))),
        JsonArray array => new JsonArray([.. array.Select(item => WithoutDocumentation(item))]),
        _ => node?.DeepClone(),
    };
}

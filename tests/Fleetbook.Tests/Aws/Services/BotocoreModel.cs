using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Aws.Services;

/// <summary>A botocore service model as a DOM: the shared (official) one, or the trimmed one embedded in Fleetbook.</summary>
public sealed class BotocoreModel
{
    private static readonly ConcurrentDictionary<string, BotocoreModel> Shared = new(StringComparer.Ordinal);

    private BotocoreModel(string name, JsonObject root)
    {
        Name = name;
        Root = root;
    }

    public string Name { get; }

    public JsonObject Root { get; }

    public JsonObject Operations => Root["operations"]!.AsObject();

    public JsonObject Shapes => Root["shapes"]!.AsObject();

    /// <summary>The official model in ../shared/aws-models (parsed once per test run).</summary>
    public static BotocoreModel LoadShared(string name) =>
        Shared.GetOrAdd(name, n => new BotocoreModel(n, JsonNode.Parse(File.ReadAllText(Path.Combine(AwsModels.Folder!, n + ".json")))!.AsObject()));

    public static JsonObject LoadSharedPaginators(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AwsModels.Folder!, name + ".paginators.json")))!.AsObject();

    /// <summary>The trimmed model embedded in Fleetbook.dll.</summary>
    public static BotocoreModel LoadEmbedded(string name) => new(name, ReadResource($"{name}.json"));

    public static JsonObject LoadEmbeddedPaginators(string name) => ReadResource($"{name}.paginators.json");

    public JsonObject Shape(string name) => Shapes[name]?.AsObject() ?? throw new KeyNotFoundException($"{Name} has no shape {name}");

    public string? InputShape(string operation) => Operations[operation]?["input"]?["shape"]?.GetValue<string>();

    public string? OutputShape(string operation) => Operations[operation]?["output"]?["shape"]?.GetValue<string>();

    private static JsonObject ReadResource(string file)
    {
        var name = $"Fleetbook.Backends.Aws.Models.{file}";
        using var stream = typeof(Fleetbook.Backends.Aws.IAwsInvoker).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"{name} is not embedded in Fleetbook.dll");
        return JsonNode.Parse(stream)!.AsObject();
    }
}

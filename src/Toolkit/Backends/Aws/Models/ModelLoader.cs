using System.Collections.Concurrent;
using System.Text.Json;
using Fleetbook.Backends.Aws.Protocol;

namespace Fleetbook.Backends.Aws.Models;

/// <summary>Loads botocore-style service models: from a file, or from the ones embedded in the Fleetbook assembly.</summary>
public static class ModelLoader
{
    /// <summary>The logical name of an embedded model is this prefix, the model's name and ".json".</summary>
    public const string ResourcePrefix = "Fleetbook.Backends.Aws.Models.";

    private static readonly ConcurrentDictionary<string, ServiceModel> Embedded = new(StringComparer.Ordinal);

    public static ServiceModel LoadFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"There is no AWS service model at {path}.", path);
        }

        using var stream = File.OpenRead(path);
        return Read(stream, path);
    }

    /// <summary>The embedded model <paramref name="name"/> (the botocore file name without .json, such as "sqs"), read once and shared.</summary>
    public static ServiceModel LoadEmbedded(string name) => Embedded.GetOrAdd(name, ReadEmbedded);

    /// <summary>The embedded model of <paramref name="service"/>.</summary>
    public static ServiceModel Load(AwsService service) => LoadEmbedded(service.ModelName);

    private static ServiceModel ReadEmbedded(string name)
    {
        var assembly = typeof(ModelLoader).Assembly;
        var resource = ResourcePrefix + name + ".json";
        using var stream = assembly.GetManifestResourceStream(resource);
        if (stream is null)
        {
            var available = assembly.GetManifestResourceNames()
                .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
                .Select(n => n[ResourcePrefix.Length..^".json".Length])
                .Where(n => !n.Contains('.', StringComparison.Ordinal))
                .Order(StringComparer.Ordinal)
                .ToArray();
            throw new InvalidOperationException(
                $"The AWS model '{name}' is not embedded in {assembly.GetName().Name} (no resource {resource}); "
                + (available.Length == 0 ? "no models are embedded." : $"the embedded models are {string.Join(", ", available)}."));
        }

        return Read(stream, resource);
    }

    private static ServiceModel Read(Stream stream, string source)
    {
        try
        {
            using var document = JsonDocument.Parse(stream);
            return ServiceModelReader.Read(document.RootElement);
        }
        catch (Exception e) when (e is JsonException or InvalidDataException)
        {
            throw new InvalidDataException($"{source} is not a valid AWS service model: {e.Message}", e);
        }
    }
}

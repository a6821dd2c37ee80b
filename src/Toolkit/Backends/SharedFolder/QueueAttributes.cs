using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fleetbook.Backends.SharedFolder;

/// <summary>A queue's settings, kept in its <c>queue.json</c>: SQS's VisibilityTimeout and RedrivePolicy.</summary>
internal sealed record QueueAttributes(
    [property: JsonPropertyName("visibilitySeconds")] int VisibilitySeconds,
    [property: JsonPropertyName("deadLetterQueue")] string DeadLetterQueue,
    [property: JsonPropertyName("maxReceives")] int MaxReceives)
{
    public const string FileName = "queue.json";

    public static QueueAttributes? Read(string queueFolder)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(Path.Combine(queueFolder, FileName)), QueueAttributesJson.Default.QueueAttributes);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Written beside and renamed into place: readers see the old settings or the new ones.</summary>
    public void Write(string queueFolder)
    {
        var temporary = Path.Combine(queueFolder, $".{FileName}.{MessageFileName.NewReceipt()}");
        File.WriteAllText(temporary, JsonSerializer.Serialize(this, QueueAttributesJson.Default.QueueAttributes));
        AtomicFiles.Rename(temporary, Path.Combine(queueFolder, FileName));
    }
}

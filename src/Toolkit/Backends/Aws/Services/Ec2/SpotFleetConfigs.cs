using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fleetbook.Backends.Aws.Services.Ec2;

/// <summary>Helpers for the Spot Fleet request configuration Fleetbook passes through as a JSON object.</summary>
public static class SpotFleetConfigs
{
    /// <summary>
    /// A copy of <paramref name="config"/> whose request (<c>spot-fleet-request</c>) and whose machines (<c>instance</c>,
    /// in every launch specification) carry <paramref name="tags"/>, next to any tags the file already had; a tag the
    /// file already sets with the same key takes the new value.
    /// </summary>
    public static JsonObject WithTags(JsonObject config, IReadOnlyList<AwsTag> tags)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(tags);
        var copy = (JsonObject)config.DeepClone();
        AddTags(copy, "spot-fleet-request", tags);
        if (copy["LaunchSpecifications"] is JsonArray specifications)
        {
            foreach (var specification in specifications.OfType<JsonObject>())
            {
                AddTags(specification, "instance", tags);
            }
        }

        return copy;
    }

    private static void AddTags(JsonObject owner, string resourceType, IReadOnlyList<AwsTag> tags)
    {
        if (owner["TagSpecifications"] is not JsonArray specifications)
        {
            specifications = [];
            owner["TagSpecifications"] = specifications;
        }

        var specification = specifications.OfType<JsonObject>().FirstOrDefault(s => s["ResourceType"]?.GetValueKind() == JsonValueKind.String && s["ResourceType"]!.GetValue<string>() == resourceType);
        if (specification is null)
        {
            specification = new JsonObject { ["ResourceType"] = resourceType, ["Tags"] = new JsonArray() };
            specifications.Add(specification);
        }

        if (specification["Tags"] is not JsonArray existing)
        {
            existing = [];
            specification["Tags"] = existing;
        }

        foreach (var tag in tags)
        {
            var same = existing.OfType<JsonObject>().FirstOrDefault(t => t["Key"]?.GetValueKind() == JsonValueKind.String && t["Key"]!.GetValue<string>() == tag.Key);
            if (same is not null)
            {
                same["Value"] = tag.Value;
            }
            else
            {
                existing.Add(new JsonObject { ["Key"] = tag.Key, ["Value"] = tag.Value });
            }
        }
    }
}

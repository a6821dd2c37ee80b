using Fleetbook.Inputs;

namespace Fleetbook.Jobs;

/// <summary>An object's keys as a Python dict holds them after <c>json.load</c>: a repeated key keeps its first position and takes its last value.</summary>
internal static class PythonDict
{
    private const int LinearScanLimit = 8;

    public static IReadOnlyList<SourceProperty> Entries(SourceNode node)
    {
        var properties = node.Properties;
        if (!HasDuplicates(properties))
        {
            return properties;
        }

        var order = new List<SourceProperty>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var property in properties)
        {
            if (index.TryGetValue(property.Name, out var at))
            {
                order[at] = order[at] with { Value = property.Value };
            }
            else
            {
                index[property.Name] = order.Count;
                order.Add(property);
            }
        }

        return order;
    }

    public static bool HasDuplicates(IReadOnlyList<SourceProperty> properties)
    {
        if (properties.Count <= LinearScanLimit)
        {
            for (var i = 1; i < properties.Count; i++)
            {
                for (var j = 0; j < i; j++)
                {
                    if (properties[i].Name == properties[j].Name)
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in properties)
        {
            if (!seen.Add(property.Name))
            {
                return true;
            }
        }

        return false;
    }
}

using System.Text;

namespace Fleetbook.Jobs;

/// <summary>Distributed-CellProfiler's <c>Metadata</c> values and the <c>output_structure</c> that names a job's outputs.</summary>
internal static class JobMetadata
{
    /// <summary>The <c>key=value</c> entries of a <c>"k=v,k=v"</c> string, in order; entries without '=' are skipped.</summary>
    public static List<KeyValuePair<string, string>> ParseString(string metadata)
    {
        var entries = new List<KeyValuePair<string, string>>();
        foreach (var entry in metadata.Split(','))
        {
            var equals = entry.IndexOf('=');
            if (equals >= 0)
            {
                entries.Add(new(entry[..equals], entry[(equals + 1)..]));
            }
        }

        return entries;
    }

    /// <summary>
    /// Replaces every Metadata key written in <paramref name="structure"/> by its value, as DCP's worker does to
    /// build metadataID, but in one left-to-right pass trying longer keys first. DCP's plain <c>str.replace</c>
    /// lets <c>Metadata_S</c> clobber <c>Metadata_Site</c> (DCP#59) and can replace inside a value already put in.
    /// </summary>
    public static string Substitute(string structure, IReadOnlyList<KeyValuePair<string, string>> entries)
    {
        var lookup = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in entries)
        {
            if (key.Length > 0)
            {
                lookup[key] = value;
            }
        }

        var keys = lookup.Keys.OrderByDescending(key => key.Length).ToArray();
        var result = new StringBuilder(structure.Length);
        var i = 0;
        while (i < structure.Length)
        {
            var match = Array.Find(keys, key => structure.AsSpan(i).StartsWith(key, StringComparison.Ordinal));
            if (match is null)
            {
                result.Append(structure[i]);
                i++;
            }
            else
            {
                result.Append(lookup[match]);
                i += match.Length;
            }
        }

        return result.ToString();
    }
}

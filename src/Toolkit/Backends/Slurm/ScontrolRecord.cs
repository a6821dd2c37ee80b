using System.Text.RegularExpressions;

namespace Fleetbook.Backends.Slurm;

/// <summary>
/// One record of <c>scontrol -o show …</c>: <c>Key=value</c> pairs on one line. A value runs until the next
/// <c> Key=</c>, so values with spaces (a node's Reason, its OS) come through whole.
/// </summary>
internal sealed partial class ScontrolRecord
{
    private readonly Dictionary<string, string> _values;

    private ScontrolRecord(Dictionary<string, string> values) => _values = values;

    public static IReadOnlyList<ScontrolRecord> ParseAll(string output) =>
        [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => l.Contains('=')).Select(Parse)];

    public static ScontrolRecord Parse(string line)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var keys = KeyPattern().Matches(line);
        for (var i = 0; i < keys.Count; i++)
        {
            var start = keys[i].Index + keys[i].Length;
            var end = i + 1 < keys.Count ? keys[i + 1].Index : line.Length;
            values[keys[i].Groups["key"].Value] = line[start..end].Trim();
        }

        return new ScontrolRecord(values);
    }

    public string? this[string key] => _values.TryGetValue(key, out var value) ? value : null;

    /// <summary>A count, or null when absent, "UNLIMITED", "N/A" or not a number.</summary>
    public long? Number(string key) =>
        long.TryParse(this[key], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) ? number : null;

    [GeneratedRegex(@"(?:^|\s)(?<key>[A-Za-z][A-Za-z0-9_:/]*)=")]
    private static partial Regex KeyPattern();
}

namespace Fleetbook.Inputs;

/// <summary>Suggests the known name closest to a misspelt one ("did you mean …").</summary>
public static class NearestName
{
    public static string? Suggest(string given, IEnumerable<string> known)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in known)
        {
            var distance = Distance(given.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = candidate;
            }
        }

        var tolerance = Math.Max(2, given.Length / 3);
        return bestDistance <= tolerance ? best : null;
    }

    public static string DidYouMean(string given, IEnumerable<string> known) =>
        Suggest(given, known) is { } suggestion ? $"did you mean '{suggestion}'?" : $"known names: {string.Join(", ", known)}.";

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}

using System.Globalization;

namespace Fleetbook.Backends.Slurm;

/// <summary>
/// Slurm's durations, as sbatch --time takes them and squeue and scontrol print them: "minutes", "minutes:seconds",
/// "hours:minutes:seconds", "days-hours", "days-hours:minutes", "days-hours:minutes:seconds"; "UNLIMITED" (or
/// "INFINITE") for none. Slurm keeps time limits in whole minutes and rounds seconds up.
/// </summary>
internal static class SlurmTime
{
    /// <summary>Reads a duration; <paramref name="limit"/> is null for "UNLIMITED". False when the text is no Slurm duration.</summary>
    public static bool TryParse(string? text, out TimeSpan? limit)
    {
        limit = null;
        var value = (text ?? "").Trim();
        if (value.Length == 0)
        {
            return false;
        }

        if (value.Equals("UNLIMITED", StringComparison.OrdinalIgnoreCase) || value.Equals("INFINITE", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var days = 0L;
        var dash = value.IndexOf('-');
        if (dash >= 0)
        {
            if (!TryNumber(value[..dash], out days))
            {
                return false;
            }

            // After "days-" the parts are hours, then minutes, then seconds.
            var rest = value[(dash + 1)..].Split(':');
            if (rest.Length > 3 || !TryNumbers(rest, out var parts))
            {
                return false;
            }

            var hours = parts[0];
            var minutes = parts.Length > 1 ? parts[1] : 0;
            var seconds = parts.Length > 2 ? parts[2] : 0;
            return TrySet(days, hours, minutes, seconds, out limit);
        }

        var pieces = value.Split(':');
        if (pieces.Length > 3 || !TryNumbers(pieces, out var numbers))
        {
            return false;
        }

        return numbers.Length switch
        {
            1 => TrySet(0, 0, numbers[0], 0, out limit),
            2 => TrySet(0, 0, numbers[0], numbers[1], out limit),
            _ => TrySet(0, numbers[0], numbers[1], numbers[2], out limit),
        };
    }

    /// <summary>"D-HH:MM:SS" from a day on, else "HH:MM:SS"; what sbatch --time reads back exactly.</summary>
    public static string Format(TimeSpan duration)
    {
        var whole = TimeSpan.FromSeconds(Math.Ceiling(duration.TotalSeconds));
        var clock = string.Create(CultureInfo.InvariantCulture, $"{whole.Hours:00}:{whole.Minutes:00}:{whole.Seconds:00}");
        return whole.Days > 0 ? string.Create(CultureInfo.InvariantCulture, $"{whole.Days}-{clock}") : clock;
    }

    /// <summary>In words, for messages: "1 h 30 min", "45 s", "unlimited".</summary>
    public static string Describe(TimeSpan? duration)
    {
        if (duration is not { } value)
        {
            return "unlimited";
        }

        var parts = new List<string>();
        if (value.Days > 0)
        {
            parts.Add($"{value.Days} d");
        }

        if (value.Hours > 0)
        {
            parts.Add($"{value.Hours} h");
        }

        if (value.Minutes > 0)
        {
            parts.Add($"{value.Minutes} min");
        }

        if (value.Seconds > 0 || parts.Count == 0)
        {
            parts.Add($"{value.Seconds} s");
        }

        return string.Join(' ', parts);
    }

    private static bool TrySet(long days, long hours, long minutes, long seconds, out TimeSpan? limit)
    {
        limit = null;
        var total = (((days * 24) + hours) * 60 + minutes) * 60 + seconds;
        if (total < 0 || total > TimeSpan.FromDays(365 * 100).TotalSeconds)
        {
            return false;
        }

        limit = TimeSpan.FromSeconds(total);
        return true;
    }

    private static bool TryNumbers(string[] texts, out long[] numbers)
    {
        numbers = new long[texts.Length];
        for (var i = 0; i < texts.Length; i++)
        {
            if (!TryNumber(texts[i], out numbers[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryNumber(string text, out long number) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out number) && number < 1_000_000_000;
}

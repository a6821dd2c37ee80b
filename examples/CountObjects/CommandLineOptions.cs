using System.Globalization;

namespace Fleetbook.Examples.CountObjects;

/// <summary>A bad command line; reported on stderr with exit code 2, never as a stack trace.</summary>
internal sealed class UsageException(string message) : Exception(message);

/// <summary>Parses "--name value" pairs, accepting only the names a command declares.</summary>
internal sealed class CommandLineOptions
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    private CommandLineOptions()
    {
    }

    public static CommandLineOptions Parse(string command, ReadOnlySpan<string> args, params string[] allowed)
    {
        var options = new CommandLineOptions();
        for (int i = 0; i < args.Length; i += 2)
        {
            string name = args[i];
            if (!allowed.Contains(name))
            {
                throw new UsageException($"unknown option '{name}' for '{command}'");
            }

            if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                throw new UsageException($"option '{name}' needs a value");
            }

            if (!options._values.TryAdd(name, args[i + 1]))
            {
                throw new UsageException($"option '{name}' was given more than once");
            }
        }

        return options;
    }

    public string? Get(string name) => _values.GetValueOrDefault(name);

    public string Require(string name) =>
        Get(name) ?? throw new UsageException($"missing required option '{name}'");

    public int GetInt(string name, int defaultValue, int minimum)
    {
        string? text = Get(name);
        if (text is null)
        {
            return defaultValue;
        }

        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value) || value < minimum)
        {
            throw new UsageException($"option '{name}' must be an integer of at least {minimum}, got '{text}'");
        }

        return value;
    }
}

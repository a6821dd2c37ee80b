using System.CommandLine;
using System.CommandLine.Parsing;
using Fleetbook.Inputs;

namespace Fleetbook.Cli.Commands;

/// <summary>What is wrong with a command line, in the words the user needs: the token to fix and where help is.</summary>
internal static class ParseProblems
{
    /// <summary>
    /// One line per problem; none when the command line is fine. Unknown options are named, with the nearest known one.
    /// An unknown option where an argument goes (<c>submit --bogus job.json</c>) is taken by
    /// System.CommandLine as the argument's value, which leaves the real argument unmatched and blamed; such an option
    /// is named instead.
    /// </summary>
    /// <remarks>Such an option is a problem even when nothing else is (<c>submit --bogus</c> would read a job file named "--bogus"); a file whose name starts with '-' is given as <c>./-name</c> or after <c>--</c>.</remarks>
    public static IReadOnlyList<string> Describe(ParseResult parse, IReadOnlyList<string> args)
    {
        var command = parse.CommandResult.Command;
        var endOfOptions = args.ToList().IndexOf("--");
        var options = (endOfOptions < 0 ? args : args.Take(endOfOptions)).Where(LooksLikeOption).ToHashSet(StringComparer.Ordinal);
        var unknown = ArgumentValues(parse)
            .Concat(parse.UnmatchedTokens)
            .Where(options.Contains)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (unknown.Count == 0)
        {
            return [.. parse.Errors.Select(e => e.Message)];
        }

        var known = OptionNames(command).ToList();
        return [.. unknown.Select(token =>
            $"'{token}' is not an option of '{CommandPath(command)}'" + (NearestName.Suggest(token, known) is { } near ? $": did you mean '{near}'?" : "."))];
    }

    /// <summary>The command as typed, from the program's name: <c>fleetbook dlq list</c>.</summary>
    public static string CommandPath(Command command)
    {
        var names = new List<string>();
        for (Symbol? symbol = command; symbol is Command named; symbol = named.Parents.FirstOrDefault())
        {
            names.Insert(0, named.Name);
        }

        return string.Join(' ', names);
    }

    private static IEnumerable<string> ArgumentValues(ParseResult parse) =>
        parse.CommandResult.Children.OfType<ArgumentResult>().SelectMany(argument => argument.Tokens).Select(token => token.Value);

    /// <summary>Options look like <c>-x</c> or <c>--name</c>; after <c>--</c>, which ends the options, nothing does.</summary>
    private static bool LooksLikeOption(string token) => token.Length > 1 && token[0] == '-';

    private static IEnumerable<string> OptionNames(Command command)
    {
        for (Symbol? symbol = command; symbol is Command current; symbol = current.Parents.FirstOrDefault())
        {
            foreach (var option in current.Options.Where(o => current == command || o.Recursive))
            {
                yield return option.Name;
                foreach (var alias in option.Aliases)
                {
                    yield return alias;
                }
            }
        }
    }
}

using System.Globalization;
using System.Text;

namespace Fleetbook.Jobs;

/// <summary>
/// The argument vector of a <c>"shell": true</c> command. Job values never become shell text: the script refers to
/// each value through a variable, quoted for the place its placeholder sits in (<see cref="ShellScript"/>), and the
/// values follow the script as arguments of sh, copied into those variables before the script runs. The shell expands
/// a variable without reading what is inside it, so quotes, <c>$(…)</c>, backquotes, <c>;</c> or newlines in a value
/// stay data.
/// </summary>
internal static class ShellCommand
{
    public const string Shell = "/bin/sh";

    private const string VariablePrefix = "fleetbook_value_";

    /// <summary>
    /// <c>/bin/sh -c 'fleetbook_value_1=${1}; shift 1; SCRIPT' /bin/sh VALUE…</c>, one value per distinct placeholder;
    /// a script without placeholders runs as it is. Throws <see cref="KeyNotFoundException"/> when <paramref name="resolve"/>
    /// has no value for one, as <see cref="Template.Render"/> does.
    /// </summary>
    public static IReadOnlyList<string> Arguments(IReadOnlyList<Template> command, Func<Placeholder, string?> resolve)
    {
        var holes = ShellScript.Analyze(command).Holes;
        var variables = new Dictionary<string, int>(StringComparer.Ordinal);
        var values = new List<string>();
        foreach (var hole in holes)
        {
            if (!variables.ContainsKey(hole.Placeholder.Name))
            {
                values.Add(resolve(hole.Placeholder) ?? throw new KeyNotFoundException($"The job has no value for {{{hole.Placeholder.Name}}}."));
                variables[hole.Placeholder.Name] = values.Count;
            }
        }

        var script = new StringBuilder();
        if (values.Count > 0)
        {
            for (var n = 1; n <= values.Count; n++)
            {
                script.Append(CultureInfo.InvariantCulture, $"{VariablePrefix}{n}=${{{n}}} ");
            }

            script.Length--;
            script.Append(CultureInfo.InvariantCulture, $"; shift {values.Count}; ");
        }

        var next = 0;
        for (var argument = 0; argument < command.Count; argument++)
        {
            if (argument > 0)
            {
                script.Append(' ');
            }

            foreach (var (literal, placeholder) in command[argument].Parts)
            {
                if (literal is not null)
                {
                    script.Append(literal);
                    continue;
                }

                var hole = holes[next++];
                var variable = "${" + VariablePrefix + variables[placeholder!.Name].ToString(CultureInfo.InvariantCulture) + "}";
                script.Append(hole.Spot switch
                {
                    ShellSpot.DoubleQuoted or ShellSpot.HereDocument => variable,
                    ShellSpot.SingleQuoted => "'\"" + variable + "\"'",
                    _ => "\"" + variable + "\"",
                });
            }
        }

        return [Shell, "-c", script.ToString(), Shell, .. values];
    }
}

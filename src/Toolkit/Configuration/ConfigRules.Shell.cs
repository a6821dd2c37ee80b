using Fleetbook.Inputs;
using Fleetbook.Jobs;

namespace Fleetbook.Configuration;

internal static partial class ConfigRules
{
    /// <summary>
    /// With <c>"shell": true</c>, every placeholder must sit where a value can go in faithfully (see
    /// <see cref="ShellScript"/>), and every quote must close. <paramref name="root"/> gives line and column when the
    /// config came from a file.
    /// </summary>
    public static IEnumerable<InputProblem> ShellCommandProblems(RunConfig config, string fileName, SourceNode? root)
    {
        if (!config.Shell)
        {
            return [];
        }

        var templates = config.Command.Select(text => Template.TryParse(text, out _)).ToList();
        if (templates.Count == 0 || templates.Any(template => template is null))
        {
            return [];
        }

        var analysis = ShellScript.Analyze(templates!);
        var items = root?["command"]?.Items;
        InputProblem Problem(int argument, string message, string fix)
        {
            var node = items?.ElementAtOrDefault(argument);
            return new InputProblem(fileName, node?.Line, node?.Column, $"command[{argument}]", message + " (\"shell\": true)", fix);
        }

        return [
            .. analysis.Holes.Where(hole => hole.Spot == ShellSpot.Refused).Select(hole => Problem(hole.Argument, hole.Why!, hole.Fix!)),
            .. analysis.Problems.Select(problem => Problem(problem.Argument, problem.Message, problem.Fix)),
        ];
    }
}

using Fleetbook.Configuration;
using Fleetbook.Jobs;
using Fleetbook.Steps;

namespace Fleetbook.Backends;

/// <summary>
/// Preflight's look at the program a job starts: the command's first element, or with <c>"shell": true</c> /bin/sh and,
/// when the script starts with a plain command that is not a shell builtin, that command. A backend whose jobs run on
/// other machines passes <c>reach</c>, which says why a program found here cannot be started there (null: it can).
/// </summary>
internal static class ProgramChecks
{
    private const string InstallFix = "give the program's full path in \"command\", or install it";

    public static IEnumerable<PreflightCheck> For(RunConfig config, string projectDirectory, Func<string, PreflightCheck?>? reach = null)
    {
        if (!config.Shell)
        {
            var program = config.Command.Count > 0 ? config.Command[0] : "";
            if (program.Contains('{'))
            {
                yield return new PreflightCheck("program", true, $"'{program}' can be started");
                yield break;
            }

            yield return Found("program", program, Locate(program, projectDirectory), $"'{program}' can be started", $"'{program}' is neither a file nor on PATH", reach);
            yield break;
        }

        var shell = File.Exists(ShellCommand.Shell);
        yield return new PreflightCheck("shell", shell, shell ? $"\"shell\": true runs the command with {ShellCommand.Shell} -c" : $"\"shell\": true needs {ShellCommand.Shell}, which this machine lacks",
            shell ? null : "write the command as an argument vector and set \"shell\": false");
        var templates = config.Command.Select(text => Template.TryParse(text, out _)).ToList();
        var first = templates.All(t => t is not null) ? ShellScript.FirstCommand(templates!) : null;
        if (first is null)
        {
            yield return new PreflightCheck("program", true, "the shell script does not start with a plain command name, so the program it runs is not checked");
        }
        else if (ShellScript.IsBuiltin(first))
        {
            yield return new PreflightCheck("program", true, $"the script starts with '{first}', a shell builtin");
        }
        else
        {
            yield return Found("program", first, Locate(first, projectDirectory), $"the script starts with '{first}', which can be started", $"the script starts with '{first}', which is neither a file nor on PATH", reach);
        }
    }

    /// <summary>The full path of <paramref name="program"/>: a path (relative to the project folder), or a name looked up on PATH; null when there is none.</summary>
    public static string? Locate(string program, string projectDirectory)
    {
        if (program.Length == 0)
        {
            return null;
        }

        if (program.Contains('/'))
        {
            var path = Path.GetFullPath(program, projectDirectory);
            return File.Exists(path) ? path : null;
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Where(folder => folder.Length > 0)
            .Select(folder => Path.Combine(folder, program))
            .FirstOrDefault(File.Exists);
    }

    private static PreflightCheck Found(string name, string program, string? path, string found, string missing, Func<string, PreflightCheck?>? reach)
    {
        if (path is null)
        {
            return new PreflightCheck(name, false, missing, InstallFix);
        }

        return reach?.Invoke(path) ?? new PreflightCheck(name, true, found);
    }
}

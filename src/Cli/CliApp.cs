using System.CommandLine;
using Fleetbook.Cli.Commands;
using Fleetbook.Cli.Rendering;
using Fleetbook.Display;
using Fleetbook.Inputs;

namespace Fleetbook.Cli;

/// <summary>The fleetbook command line: binds options to the library and maps outcomes to exit codes (0 ok, 1 failures, 2 bad input).</summary>
public static class CliApp
{
    public const int Success = 0;
    public const int RunHadFailures = 1;
    public const int BadInput = 2;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, bool? interactive = null, CancellationToken cancellationToken = default)
    {
        var terminal = new Terminal(output, error, interactive);
        output = terminal.Output;
        error = terminal.Error;
        var root = CommandTree.Build(terminal);
        var parse = root.Parse(args);
        var problems = ParseProblems.Describe(parse, args);
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                error.WriteLine($"{CommandTree.ProgramName}: {problem}");
            }

            error.WriteLine($"Run '{ParseProblems.CommandPath(parse.CommandResult.Command)} --help' for usage.");
            return BadInput;
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false }, cancellationToken);
        }
        catch (InputException ex)
        {
            foreach (var problem in ex.Problems)
            {
                error.WriteLine($"fleetbook: {FleetbookDisplay.HideSecrets(problem.ToString())}");
            }

            error.WriteLine("Nothing was changed.");
            return BadInput;
        }
        catch (Fleetbook.Backends.Local.StateDatabaseException ex)
        {
            error.WriteLine($"fleetbook: {ex.Message}");
            return BadInput;
        }
        catch (Fleetbook.Backends.Aws.AwsServiceException ex)
        {
            error.WriteLine($"fleetbook: {FleetbookDisplay.HideSecrets(ex.Message)}");
            return BadInput;
        }
        catch (Fleetbook.Backends.Aws.Storage.S3StoreException ex)
        {
            error.WriteLine($"fleetbook: {FleetbookDisplay.HideSecrets(ex.Message)}");
            return BadInput;
        }
        catch (OperationCanceledException)
        {
            error.WriteLine("fleetbook: stopped.");
            return RunHadFailures;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException or Microsoft.Data.Sqlite.SqliteException)
        {
            error.WriteLine($"fleetbook: {FleetbookDisplay.HideSecrets(ex.Message)}");
            return RunHadFailures;
        }
    }
}

using Fleetbook.Cli;

namespace Fleetbook.Tests.Support;

/// <summary>Runs the fleetbook CLI in-process and captures what it prints.</summary>
public sealed record CliOutcome(int ExitCode, string Output, string Error)
{
    public string All => Output + Error;
}

public static class CliRunner
{
    public static async Task<CliOutcome> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error, interactive: false);
        return new CliOutcome(code, output.ToString(), error.ToString());
    }
}

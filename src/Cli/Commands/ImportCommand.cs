using Fleetbook.Cli.Rendering;
using Fleetbook.Configuration.DsImport;

namespace Fleetbook.Cli.Commands;

/// <summary><c>fleetbook import-ds config.py</c>: a Distributed-Something config, converted unchanged in meaning.</summary>
internal static class ImportCommand
{
    public static Task<int> RunAsync(Terminal terminal, string pythonConfig, string output, bool force, CancellationToken token)
    {
        var result = DsConfigImporter.Import(pythonConfig);
        ProjectFiles.EnsureWritable([output], force);
        ProjectFiles.WriteConfigWithSchema(result.Config, output);
        terminal.Line($"import-ds: wrote {output} from {pythonConfig}");
        foreach (var note in result.Notes)
        {
            terminal.Line($"  note: {note}");
        }

        if (result.Config.Command.Count == 0)
        {
            terminal.Line($"Next: set \"command\" in {output} to the program each job runs (config.py has no such key), then fleetbook setup.");
        }

        return Task.FromResult(CliApp.Success);
    }
}

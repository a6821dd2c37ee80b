using Fleetbook.Configuration;
using Fleetbook.Display;

namespace Fleetbook.Interactive.Magic;

/// <summary>What <c>#!fleetbook</c> and <c>#!fleetbook --help</c> show.</summary>
internal static class FleetbookUsageDocument
{
    public static DisplayDocument For(string workingFolder) => new(FleetbookDirective.Name,
    [
        new Paragraph("Watch a run from this notebook — one started from the terminal, say — with the same displays the library's results give."),
        new TableBlock(null, ["subcommand", "shows"], [.. Subcommand.All.Select(s => new TableRow([s.Name, s.Description]))]),
        new FactList(null,
        [
            new("--config PATH", $"the run's {RunConfig.DefaultFileName}, or its folder; relative to the kernel's folder, {workingFolder}; default ./{RunConfig.DefaultFileName}"),
            new("example", $"{FleetbookDirective.Name} monitor --config runs/plate1/{RunConfig.DefaultFileName}"),
        ]),
        new Paragraph("To change the run (setup, submit, start, redrive, cleanup), use the library from code — await run.StartAsync(), … — or the fleetbook command."),
    ]);
}

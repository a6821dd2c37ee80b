using Microsoft.DotNet.Interactive.Commands;

namespace Fleetbook.Interactive.Magic;

/// <summary>
/// What a <c>#!fleetbook</c> line asks for. The kernel builds one of these from the line: each parameter lands in the
/// property of the same name (<c>--config</c> in <see cref="Config"/>), one command type per subcommand.
/// </summary>
public abstract class FleetbookDirectiveCommand : KernelDirectiveCommand
{
    /// <summary>The run's config file, or its folder; relative to the kernel's working folder.</summary>
    public string? Config { get; set; }

    public bool Help { get; set; }

    /// <summary>A word the line holds that is neither a subcommand nor an option (a misspelt subcommand, say).</summary>
    public string? Rest { get; set; }
}

/// <summary><c>#!fleetbook</c> alone, or with <c>--help</c>: the usage.</summary>
public sealed class FleetbookUsage : FleetbookDirectiveCommand;

/// <summary><c>#!fleetbook status</c>.</summary>
public sealed class FleetbookStatus : FleetbookDirectiveCommand;

/// <summary><c>#!fleetbook monitor</c>.</summary>
public sealed class FleetbookMonitor : FleetbookDirectiveCommand;

/// <summary><c>#!fleetbook dlq</c>.</summary>
public sealed class FleetbookDeadLetters : FleetbookDirectiveCommand;

/// <summary><c>#!fleetbook runs</c>.</summary>
public sealed class FleetbookRuns : FleetbookDirectiveCommand;

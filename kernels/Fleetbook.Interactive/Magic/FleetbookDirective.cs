using Fleetbook.Configuration;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Directives;

namespace Fleetbook.Interactive.Magic;

/// <summary>
/// Declares <c>#!fleetbook SUBCOMMAND [--config PATH]</c> on a kernel. Added to the root (composite) kernel, it works
/// in the cells of every language.
/// </summary>
internal static class FleetbookDirective
{
    public const string Name = "#!fleetbook";

    /// <param name="kernel">The root kernel.</param>
    /// <param name="workingFolder">Where a relative <c>--config</c> and the default config are looked for; the kernel's current folder by default.</param>
    public static void AddTo(Kernel kernel, Func<string>? workingFolder = null)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        var handlers = new FleetbookDirectiveHandlers(workingFolder ?? (() => Environment.CurrentDirectory));
        var directive = new KernelActionDirective(Name)
        {
            Description = "Watch a Fleetbook run from this notebook: status, monitor, dlq, runs (--help for more)",
            KernelCommandType = typeof(FleetbookUsage),
        };
        directive.Parameters.Add(new KernelDirectiveParameter("--config", $"The run's config file or its folder (default: ./{RunConfig.DefaultFileName})") { TypeHint = "file" });
        directive.Parameters.Add(new KernelDirectiveParameter("--help", "Show what #!fleetbook does") { Flag = true });
        directive.Parameters.Add(new KernelDirectiveParameter("--rest", "Anything else on the line (reported as a mistake)") { AllowImplicitName = true });
        foreach (var subcommand in Subcommand.All)
        {
            directive.Subcommands.Add(new KernelActionDirective(subcommand.Name) { Description = subcommand.Description, KernelCommandType = subcommand.CommandType });
        }

        kernel.AddDirective<FleetbookUsage>(directive, handlers.UsageAsync);
        kernel.RegisterCommandHandler<FleetbookStatus>(handlers.StatusAsync);
        kernel.RegisterCommandHandler<FleetbookMonitor>(handlers.MonitorAsync);
        kernel.RegisterCommandHandler<FleetbookDeadLetters>(handlers.DeadLettersAsync);
        kernel.RegisterCommandHandler<FleetbookRuns>(handlers.RunsAsync);
    }
}

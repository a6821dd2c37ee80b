using Fleetbook.Backends.Aws;
using Fleetbook.Backends.Aws.Storage;
using Fleetbook.Configuration;
using Fleetbook.Display;
using Fleetbook.Inputs;
using Fleetbook.Steps;
using Microsoft.DotNet.Interactive;

namespace Fleetbook.Interactive.Magic;

/// <summary>
/// What each <c>#!fleetbook</c> subcommand does: open the run with <see cref="FleetRun.Open"/>, ask the library, show
/// its result. A problem the user can fix (no config there, a broken config, AWS refusing) fails the cell with the
/// library's message alone, no stack trace.
/// </summary>
internal sealed class FleetbookDirectiveHandlers(Func<string> workingFolder)
{
    public Task UsageAsync(FleetbookUsage command, KernelInvocationContext context)
    {
        if (!command.Help && command.Rest is { Length: > 0 } word)
        {
            Fail(context, command, $"{FleetbookDirective.Name}: there is no subcommand '{word}'; {NearestName.DidYouMean(word, Subcommand.All.Select(s => s.Name))} ({FleetbookDirective.Name} --help shows them.)");
            return Task.CompletedTask;
        }

        KernelOutput.Display(context, FleetbookUsageDocument.For(workingFolder()));
        return Task.CompletedTask;
    }

    public Task StatusAsync(FleetbookStatus command, KernelInvocationContext context) =>
        WithRunAsync(command, context, async (run, token) => await run.StatusAsync(token));

    public Task DeadLettersAsync(FleetbookDeadLetters command, KernelInvocationContext context) =>
        WithRunAsync(command, context, async (run, token) => await run.DeadLettersAsync(cancellationToken: token));

    public Task RunsAsync(FleetbookRuns command, KernelInvocationContext context) =>
        WithRunAsync(command, context, async (run, token) => await run.FindRunsAsync(token));

    /// <summary>
    /// Watches only: the run belongs to whoever started it (the terminal's <c>fleetbook monitor</c> restarts workers
    /// and cleans up), so a second monitor here must not start workers from the kernel's process or remove the queue.
    /// </summary>
    public Task MonitorAsync(FleetbookMonitor command, KernelInvocationContext context) =>
        WithRunAsync(command, context, async (run, token) =>
        {
            var live = LiveMonitor.For(LiveDisplayMode.Auto, run.Config, run.ProjectDirectory);
            var options = new MonitorOptions { CleanupWhenDrained = false, ReplenishWorkers = false, LiveDisplay = LiveDisplayMode.Off };
            var result = await run.MonitorAsync(live, options, token);
            return live is null || live.Failure is not null ? result : null;
        });

    private async Task WithRunAsync(FleetbookDirectiveCommand command, KernelInvocationContext context, Func<FleetRun, CancellationToken, Task<object?>> show)
    {
        var folder = workingFolder();
        if (command.Help)
        {
            KernelOutput.Display(context, FleetbookUsageDocument.For(folder));
            return;
        }

        if (command.Rest is { Length: > 0 } word)
        {
            Fail(context, command, $"{FleetbookDirective.Name}: '{word}' is not an option here; {FleetbookDirective.Name} --help shows what is.");
            return;
        }

        try
        {
            await using var run = FleetRun.Open(Path.GetFullPath(command.Config ?? RunConfig.DefaultFileName, folder));
            if (await show(run, context.CancellationToken) is { } value)
            {
                KernelOutput.Display(context, value);
            }
        }
        catch (InputException e)
        {
            var hint = command.Config is null ? $"\n({FleetbookDirective.Name} looks for ./{RunConfig.DefaultFileName} in the kernel's folder, {folder}; --config PATH opens another.)" : "";
            Fail(context, command, e.Message + hint);
        }
        catch (Exception e) when (e is AwsServiceException or S3StoreException)
        {
            Fail(context, command, e.Message);
        }
    }

    private static void Fail(KernelInvocationContext context, FleetbookDirectiveCommand command, string message) => context.Fail(command, null, message);
}

using Fleetbook.Steps;
using Spectre.Console;

namespace Fleetbook.Cli.Rendering;

/// <summary>Progress bars for submit and monitor on a terminal; a plain line per change otherwise.</summary>
internal static class LiveProgress
{
    public static async Task<SubmitResult> SubmitAsync(Terminal terminal, Func<IProgress<SubmitProgress>, Task<SubmitResult>> submit)
    {
        if (!terminal.Interactive)
        {
            var lastReported = -1;
            return await submit(new InlineProgress<SubmitProgress>(p =>
            {
                var tenth = p.Total == 0 ? 10 : p.Sent * 10 / p.Total;
                if (tenth != lastReported)
                {
                    lastReported = tenth;
                    terminal.Line($"submit: {p.Sent}/{p.Total} sent");
                }
            }));
        }

        SubmitResult? result = null;
        await terminal.Console.Progress().AutoClear(false).StartAsync(async context =>
        {
            var bar = context.AddTask("submitting jobs");
            result = await submit(new InlineProgress<SubmitProgress>(p =>
            {
                bar.MaxValue = Math.Max(1, p.Total);
                bar.Value = p.Sent;
            }));
            bar.StopTask();
        });
        return result!;
    }

    public static async Task<MonitorResult> MonitorAsync(Terminal terminal, Func<IProgress<RunStatus>, Task<MonitorResult>> monitor)
    {
        if (!terminal.Interactive)
        {
            // One line per change, at most one a second, but always the last one.
            RunStatus? last = null;
            var lastPrinted = DateTimeOffset.MinValue;
            return await monitor(new InlineProgress<RunStatus>(status =>
            {
                var changed = last is null || status with { At = last.At } != last;
                var final = status.IsDrained || !status.QueueExists;
                if (changed && (final || status.At - lastPrinted >= TimeSpan.FromSeconds(1)))
                {
                    last = status;
                    lastPrinted = status.At;
                    terminal.Line(StatusLine(status));
                }
            }));
        }

        MonitorResult? result = null;
        await terminal.Console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var bar = context.AddTask("jobs");
                result = await monitor(new InlineProgress<RunStatus>(status =>
                {
                    var total = status.Visible + status.InFlight + status.Succeeded + status.DeadLetter;
                    bar.MaxValue = Math.Max(1, total);
                    bar.Value = status.Succeeded + status.DeadLetter;
                    bar.Description = Markup.Escape($"{status.Succeeded} done, {status.InFlight} running, {status.Visible} waiting, {status.DeadLetter} dead, {status.Fleet.Running} workers");
                }));
                bar.StopTask();
            });
        return result!;
    }

    private static string StatusLine(RunStatus status) =>
        $"{status.At:HH:mm:ss} waiting {status.Visible}, in flight {status.InFlight}, succeeded {status.Succeeded}, failed attempts {status.Failed}, dead {status.DeadLetter}, workers {status.Fleet.Running}/{status.Fleet.Desired}";
}

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
            string? last = null;
            return await monitor(new InlineProgress<RunStatus>(status =>
            {
                var line = StepRendering.StatusLine(status);
                var key = line[9..];
                if (key != last)
                {
                    last = key;
                    terminal.Line(line);
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
}

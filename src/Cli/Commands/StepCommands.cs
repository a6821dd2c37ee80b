using System.CommandLine;
using System.Text.Json;
using Fleetbook.Cli.Rendering;
using Fleetbook.Display;
using Fleetbook.Jobs;
using Fleetbook.Reports;
using Fleetbook.Steps;

namespace Fleetbook.Cli.Commands;

/// <summary>The handlers of the run's steps: open the run from --config, call the library, render the result.</summary>
internal sealed class StepCommands(Terminal terminal, Option<string> configOption)
{
    private static readonly JsonSerializerOptions IndentedCamelCase = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private static readonly JsonSerializerOptions CamelCase = new(JsonSerializerDefaults.Web);

    private FleetRun Open(ParseResult parse) => FleetRun.Open(parse.GetValue(configOption)!);

    public async Task<int> PlanAsync(ParseResult parse, CancellationToken token)
    {
        await using var run = Open(parse);
        DocumentRendering.Show(terminal, await run.PlanAsync(token));
        return CliApp.Success;
    }

    public async Task<int> PreflightAsync(ParseResult parse, string? fleetFile, CancellationToken token)
    {
        await using var run = Open(parse);
        var result = await run.PreflightAsync(fleetFile, token);
        DocumentRendering.Show(terminal, result);
        return result.Ready ? CliApp.Success : CliApp.BadInput;
    }

    public async Task<int> SetupAsync(ParseResult parse, CancellationToken token)
    {
        await using var run = Open(parse);
        DocumentRendering.Show(terminal, await run.SetupAsync(token));
        return CliApp.Success;
    }

    public async Task<int> SubmitAsync(ParseResult parse, string jobFile, JobFileFormat format, CancellationToken token)
    {
        await using var run = Open(parse);
        var result = await LiveProgress.SubmitAsync(terminal, progress => run.SubmitAsync(jobFile, format, progress, token));
        DocumentRendering.Show(terminal, result);
        return result.Complete ? CliApp.Success : CliApp.RunHadFailures;
    }

    public async Task<int> StartAsync(ParseResult parse, string? fleetFile, CancellationToken token)
    {
        await using var run = Open(parse);
        var progress = new Progress<string>(line => terminal.Line("  " + line));
        DocumentRendering.Show(terminal, await run.StartAsync(fleetFile, progress, token));
        return CliApp.Success;
    }

    public async Task<int> MonitorAsync(ParseResult parse, bool cleanup, double? intervalSeconds, double? timeoutSeconds, string? reportPath, CancellationToken token)
    {
        await using var run = Open(parse);
        var options = new MonitorOptions
        {
            Actions = new Progress<string>(line => terminal.Line(line)),
            CleanupWhenDrained = cleanup,
            PollInterval = intervalSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
            Timeout = timeoutSeconds is { } limit ? TimeSpan.FromSeconds(limit) : null,
        };
        var result = await LiveProgress.MonitorAsync(terminal, progress => run.MonitorAsync(progress, options, token));
        if (result.Cleanup is not null)
        {
            DocumentRendering.Show(terminal, result.Cleanup);
        }

        terminal.Line(result.Final.Explanation);
        if (reportPath is not null)
        {
            await ReportFile.WriteAsync(terminal, await RunReport.CreateAsync(run, result, cancellationToken: token), ReportFile.Resolve(reportPath, run.ProjectDirectory), token);
        }
        else if (result.Completed || result.Final.DeadLetter > 0)
        {
            terminal.Line($"Next: {Guidance.Report.What} — {Guidance.Report.Command}");
        }

        return result.HadFailures ? CliApp.RunHadFailures : CliApp.Success;
    }

    /// <summary>The run's report from its state (journal, status, logs), whether or not monitor is running or ran here.</summary>
    public async Task<int> ReportAsync(ParseResult parse, string? reportPath, CancellationToken token)
    {
        await using var run = Open(parse);
        var report = await RunReport.CreateAsync(run, cancellationToken: token);
        await ReportFile.WriteAsync(terminal, report, ReportFile.Resolve(reportPath, run.ProjectDirectory), token);
        return CliApp.Success;
    }

    public async Task<int> StatusAsync(ParseResult parse, bool json, CancellationToken token)
    {
        await using var run = Open(parse);
        var status = await run.StatusAsync(token);
        if (json)
        {
            terminal.Line(JsonSerializer.Serialize(new
            {
                visible = status.Visible,
                inFlight = status.InFlight,
                deadLetter = status.DeadLetter,
                succeeded = status.Succeeded,
                failed = status.Failed,
                workersRunning = status.Fleet.Running,
                workersDesired = status.Fleet.Desired,
                machines = status.Fleet.Machines,
                cost = status.Cost,
                queueExists = status.QueueExists,
                explanation = status.Explanation,
            }, CamelCase));
        }
        else
        {
            DocumentRendering.Show(terminal, status);
        }

        return CliApp.Success;
    }

    public async Task<int> CleanupAsync(ParseResult parse, string? appName, bool force, CancellationToken token)
    {
        await using var opened = Open(parse);
        await using var run = appName is null || appName == opened.Config.AppName ? null : opened.ForApp(appName);
        DocumentRendering.Show(terminal, await (run ?? opened).CleanupAsync(force, token));
        return CliApp.Success;
    }

    public async Task<int> RunsAsync(ParseResult parse, CancellationToken token)
    {
        await using var run = Open(parse);
        var report = await run.FindRunsAsync(token);
        DocumentRendering.Show(terminal, report);
        return CliApp.Success;
    }

    public async Task<int> DeadLettersAsync(ParseResult parse, bool json, CancellationToken token)
    {
        await using var run = Open(parse);
        var report = await run.DeadLettersAsync(cancellationToken: token);
        if (json)
        {
            string Hide(string text) => FleetbookDisplay.HideSecrets(text, run.Config);
            var shown = report with
            {
                Jobs = [.. report.Jobs.Select(job => job with
                {
                    JobId = Hide(job.JobId),
                    Body = Hide(job.Body),
                    Attempts = [.. job.Attempts.Select(attempt => attempt with { Detail = attempt.Detail is null ? null : Hide(attempt.Detail) })],
                })],
            };
            terminal.Line(JsonSerializer.Serialize(shown, IndentedCamelCase));
        }
        else
        {
            DocumentRendering.Show(terminal, report);
        }

        return report.Jobs.Count > 0 ? CliApp.RunHadFailures : CliApp.Success;
    }

    public async Task<int> RedriveAsync(ParseResult parse, CancellationToken token)
    {
        await using var run = Open(parse);
        DocumentRendering.Show(terminal, await run.RedriveAsync(token));
        return CliApp.Success;
    }
}

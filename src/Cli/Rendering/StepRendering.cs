using System.Globalization;
using Fleetbook.Display;
using Fleetbook.Journal;
using Fleetbook.Steps;

namespace Fleetbook.Cli.Rendering;

/// <summary>How each step's result looks in a terminal.</summary>
internal static class StepRendering
{
    public static void Plan(Terminal terminal, RunPlan plan)
    {
        terminal.Facts($"Plan for {plan.Config.AppName} ({plan.Backend} backend) — nothing was changed", [
            ("queue", plan.Config.EffectiveQueueName),
            ("dead letters", $"{plan.Config.EffectiveDeadLetterQueue} after {plan.Config.MaxReceives} receives"),
            ("workers", $"{plan.Config.WorkerCount} × {plan.Config.DockerCores} copies"),
            ("state", plan.Location),
        ]);
        terminal.Line("Setup will create or check, in this order:");
        foreach (var resource in plan.Resources)
        {
            terminal.Line($"  - {resource}");
        }

        foreach (var note in plan.Notes)
        {
            terminal.Line($"Note: {note}");
        }
    }

    public static void Preflight(Terminal terminal, PreflightResult result)
    {
        foreach (var check in result.Checks)
        {
            terminal.Line($"preflight: {(check.Passed ? "ok  " : "FAIL")} {check.Name}: {check.Message}{(check.Fix is null ? "" : $" Fix: {check.Fix}")}");
        }

        terminal.Line(result.Ready ? "Ready to start." : $"{result.Problems.Count()} problem(s) to fix before start.");
    }

    public static void Setup(Terminal terminal, SetupResult result, bool showNext = true)
    {
        foreach (var action in result.Actions)
        {
            terminal.Line($"setup: {action}");
        }

        if (showNext)
        {
            terminal.Line("Next: fleetbook submit JOBFILE");
        }
    }

    public static void Submit(Terminal terminal, SubmitResult result, bool showNext = true)
    {
        terminal.Line($"submit: {result.Sent} of {result.Jobs} jobs sent from {result.JobFile} ({Guidance.FormatName(result.Format)}) in {result.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s");
        foreach (var failure in result.Failures.Take(20))
        {
            terminal.Line($"  job {failure.Index + 1} was not sent: {failure.Code} {failure.Message}");
        }

        if (result.Complete && showNext)
        {
            terminal.Line("Next: fleetbook start");
        }
    }

    public static void Start(Terminal terminal, StartResult result, bool showNext = true)
    {
        terminal.Line($"start: {result.Description}");
        foreach (var note in result.Notes)
        {
            terminal.Line($"  note: {note}");
        }
        if (showNext)
        {
            terminal.Line("Next: fleetbook monitor");
        }
    }

    public static void Status(Terminal terminal, RunStatus status)
    {
        terminal.Facts("Status", [
            ("waiting (visible)", Count(status.Visible)),
            ("in flight", Count(status.InFlight)),
            ("succeeded", Count(status.Succeeded)),
            ("failed attempts", Count(status.Failed)),
            ("dead letters", Count(status.DeadLetter)),
            ("fleet", status.Fleet.Description),
        ]);
        terminal.Line(status.Explanation);
    }

    public static string StatusLine(RunStatus status) =>
        $"{status.At:HH:mm:ss} waiting {status.Visible}, in flight {status.InFlight}, succeeded {status.Succeeded}, failed attempts {status.Failed}, dead {status.DeadLetter}, workers {status.Fleet.Running}/{status.Fleet.Desired}";

    public static void Cleanup(Terminal terminal, CleanupResult result)
    {
        foreach (var removed in result.Removed)
        {
            terminal.Line($"cleanup: {removed}");
        }

        foreach (var kept in result.Kept)
        {
            terminal.Line($"cleanup: kept {kept}");
        }
    }

    public static void DeadLetters(Terminal terminal, DeadLetterReport report)
    {
        if (report.Jobs.Count == 0)
        {
            terminal.Line($"The dead-letter queue {report.Queue} is empty.");
            return;
        }

        terminal.Line($"{report.Jobs.Count} job(s) in the dead-letter queue {report.Queue}:");
        var rows = new List<IReadOnlyList<string>>();
        foreach (var job in report.Jobs)
        {
            if (job.Attempts.Count == 0)
            {
                rows.Add([job.JobId, "-", "-", "-", "no attempt was recorded"]);
            }

            foreach (var attempt in job.Attempts)
            {
                rows.Add([
                    job.JobId,
                    attempt.Attempt.ToString(CultureInfo.InvariantCulture),
                    Guidance.Outcome(attempt.Outcome),
                    attempt.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "-",
                    attempt.Detail ?? "",
                ]);
            }
        }

        terminal.Table("Dead letters and their attempts", ["job", "attempt", "ended", "exit code", "why"], rows);
        terminal.Line("Fix the cause, then: fleetbook dlq redrive, fleetbook start, fleetbook monitor");
    }

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}

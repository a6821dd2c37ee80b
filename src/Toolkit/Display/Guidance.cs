using Fleetbook.Jobs;
using Fleetbook.Journal;

namespace Fleetbook.Display;

/// <summary>
/// The plain-language words every front end shares: what each next step is, in the notebook and in the terminal,
/// and what each attempt outcome and job file format is called.
/// </summary>
public static class Guidance
{
    public static NextStep Setup { get; } = new("create the queue and its dead-letter queue", "await run.SetupAsync()", "fleetbook setup");
    public static NextStep SetupBeforeStart { get; } = new("set up the run (then submit a job file and start the workers)", "await run.SetupAsync()", "fleetbook setup");
    public static NextStep Submit { get; } = new("submit a job file", "await run.SubmitAsync(\"job.json\")", "fleetbook submit JOBFILE");
    public static NextStep Start { get; } = new("start the workers", "await run.StartAsync()", "fleetbook start");
    public static NextStep Monitor { get; } = new("watch the run until the queue drains (it cleans up after itself)", "await run.MonitorAsync()", "fleetbook monitor");
    public static NextStep MonitorAgain { get; } = new("keep watching: the run goes on without the monitor", "await run.MonitorAsync()", "fleetbook monitor");
    public static NextStep Cleanup { get; } = new("clean up: stop the workers and remove the queue", "await run.CleanupAsync()", "fleetbook cleanup");
    public static NextStep DeadLetters { get; } = new("see which jobs failed and why", "await run.DeadLettersAsync()", "fleetbook dlq list");
    public static NextStep Report { get; } = new("write the run's report (jobs over time, attempts, failures and their logs)", "await (await RunReport.CreateAsync(run)).WriteAsync(\"report.html\")", "fleetbook report -o report.html");
    public static NextStep Redrive { get; } = new("fix the cause, then send the dead letters back to the queue", "await run.RedriveAsync()", "fleetbook dlq redrive");

    /// <summary>How an attempt ended, in a word or two.</summary>
    public static string Outcome(AttemptOutcome outcome) => outcome switch
    {
        AttemptOutcome.Running => "running",
        AttemptOutcome.Succeeded => "succeeded",
        AttemptOutcome.SkippedDone => "skipped (done)",
        AttemptOutcome.Failed => "failed",
        AttemptOutcome.TimedOut => "timed out",
        AttemptOutcome.Killed => "stopped",
        AttemptOutcome.LostWorker => "lost worker",
        AttemptOutcome.InputProblem => "input problem",
        AttemptOutcome.OutputProblem => "output problem",
        _ => outcome.ToString(),
    };

    /// <summary>Green for done, amber for still running, red for every way an attempt can fail.</summary>
    public static Tone OutcomeTone(AttemptOutcome outcome) => outcome switch
    {
        AttemptOutcome.Succeeded or AttemptOutcome.SkippedDone => Tone.Good,
        AttemptOutcome.Running => Tone.Warning,
        _ => Tone.Bad,
    };

    public static bool IsFailure(AttemptOutcome outcome) => OutcomeTone(outcome) == Tone.Bad;

    public static string FormatName(JobFileFormat format) => format switch
    {
        JobFileFormat.DistributedCellProfiler => "Distributed-CellProfiler job file",
        JobFileFormat.Csv => "CSV job list",
        _ => "Distributed-Something job file",
    };
}

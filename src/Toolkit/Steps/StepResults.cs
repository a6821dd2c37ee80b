using Fleetbook.Configuration;
using Fleetbook.Display;
using Fleetbook.Fleet;
using Fleetbook.Jobs;
using Fleetbook.Journal;
using Fleetbook.Queues;

namespace Fleetbook.Steps;

/// <summary>What setup would create, touching nothing.</summary>
[TypeFormatterSource(typeof(FleetbookFormatterSource<RunPlan>))]
public sealed record RunPlan(RunConfig Config, string Backend, string Location, IReadOnlyList<string> Resources, IReadOnlyList<string> Notes)
{
    /// <summary>The plain-text display (what a script printing the result shows).</summary>
    public override string ToString() => FleetbookDisplay.ToText(this);
}

/// <summary>What setup created, updated or found in place.</summary>
[TypeFormatterSource(typeof(FleetbookFormatterSource<SetupResult>))]
public sealed record SetupResult(QueueInfo Queue, string DeadLetterQueue, IReadOnlyList<string> Actions)
{
    /// <summary>The plain-text display (what a script printing the result shows).</summary>
    public override string ToString() => FleetbookDisplay.ToText(this);
}

/// <summary>Progress of a submit: messages sent so far out of the whole file.</summary>
public sealed record SubmitProgress(int Sent, int Total);

/// <summary>The outcome of submitting one job file.</summary>
[TypeFormatterSource(typeof(FleetbookFormatterSource<SubmitResult>))]
public sealed record SubmitResult(string JobFile, JobFileFormat Format, int Jobs, int Sent, IReadOnlyList<SendFailure> Failures, TimeSpan Elapsed)
{
    /// <summary>The plain-text display (what a script printing the result shows).</summary>
    public override string ToString() => FleetbookDisplay.ToText(this);

    public bool Complete => Failures.Count == 0 && Sent == Jobs;
}

/// <summary>The capacity start asked for and found.</summary>
[TypeFormatterSource(typeof(FleetbookFormatterSource<StartResult>))]
public sealed record StartResult(FleetStatus Fleet, int CopiesPerWorker, string Description, IReadOnlyList<string> Notes)
{
    /// <summary>The plain-text display (what a script printing the result shows).</summary>
    public override string ToString() => FleetbookDisplay.ToText(this);
}

/// <summary>A snapshot of the run: the queue, the dead-letter queue, the journal and the fleet, with a sentence about what is happening.</summary>
[TypeFormatterSource(typeof(FleetbookFormatterSource<RunStatus>))]
public sealed record RunStatus(
    DateTimeOffset At,
    bool QueueExists,
    long Visible,
    long InFlight,
    long DeadLetter,
    long Succeeded,
    long Failed,
    FleetStatus Fleet,
    string Explanation)
{
    /// <summary>The plain-text display (what a script printing the result shows).</summary>
    public override string ToString() => FleetbookDisplay.ToText(this);

    /// <summary>Nothing visible and nothing in flight.</summary>
    public bool IsDrained => Visible == 0 && InFlight == 0;

    /// <summary>What the run has cost so far and will cost to completion (AWS only; null locally).</summary>
    public RunCost? Cost { get; init; }
}

/// <summary>An estimate in US dollars: so far, to completion at the current pace (null while no pace is known), and how it was reckoned.</summary>
public sealed record RunCost(decimal SoFar, decimal? ToCompletion, string Basis);

/// <summary>What monitor saw from start to finish, and the cleanup it did when the queue drained.</summary>
[TypeFormatterSource(typeof(FleetbookFormatterSource<MonitorResult>))]
public sealed record MonitorResult(RunStatus Final, IReadOnlyList<RunStatus> Timeline, CleanupResult? Cleanup, TimeSpan Elapsed, bool Completed)
{
    /// <summary>The plain-text display (what a script printing the result shows).</summary>
    public override string ToString() => FleetbookDisplay.ToText(this);

    public bool HadFailures => Final.DeadLetter > 0;
}

/// <summary>One preflight check: what was checked, whether it passed, and the fix when it did not.</summary>
public sealed record PreflightCheck(string Name, bool Passed, string Message, string? Fix = null);

/// <summary>
/// Everything preflight checked, and whether setup has been run. The run can start when every check passed and it is
/// set up (<see cref="ReadyToStart"/>); before setup, preflight checks all the rest and says that setup comes first.
/// </summary>
[TypeFormatterSource(typeof(FleetbookFormatterSource<PreflightResult>))]
public sealed record PreflightResult(IReadOnlyList<PreflightCheck> Checks)
{
    /// <summary>The plain-text display (what a script printing the result shows).</summary>
    public override string ToString() => FleetbookDisplay.ToText(this);

    /// <summary>The job queue start needs, while setup has not created it yet; null once the run is set up.</summary>
    public string? QueueNotSetUp { get; init; }

    /// <summary>Every check passed: nothing to fix (before setup, setup comes next; see <see cref="ReadyToStart"/>).</summary>
    public bool Ready => Checks.All(c => c.Passed);

    /// <summary>Whether setup has been run (the job queue exists).</summary>
    public bool SetUp => QueueNotSetUp is null;

    /// <summary>Every check passed and the run is set up: start can go ahead.</summary>
    public bool ReadyToStart => Ready && SetUp;

    public IEnumerable<PreflightCheck> Problems => Checks.Where(c => !c.Passed);
}

/// <summary>What cleanup removed and what it kept on purpose.</summary>
[TypeFormatterSource(typeof(FleetbookFormatterSource<CleanupResult>))]
public sealed record CleanupResult(IReadOnlyList<string> Removed, IReadOnlyList<string> Kept)
{
    /// <summary>The plain-text display (what a script printing the result shows).</summary>
    public override string ToString() => FleetbookDisplay.ToText(this);
}

/// <summary>One job in the dead-letter queue and every attempt at it.</summary>
public sealed record DeadJob(string MessageId, string JobId, string Body, IReadOnlyList<JobAttempt> Attempts);

[TypeFormatterSource(typeof(FleetbookFormatterSource<DeadLetterReport>))]
public sealed record DeadLetterReport(string Queue, IReadOnlyList<DeadJob> Jobs)
{
    /// <summary>The plain-text display (what a script printing the result shows).</summary>
    public override string ToString() => FleetbookDisplay.ToText(this);
}

[TypeFormatterSource(typeof(FleetbookFormatterSource<RedriveResult>))]
public sealed record RedriveResult(string From, string To, int Moved)
{
    /// <summary>The plain-text display (what a script printing the result shows).</summary>
    public override string ToString() => FleetbookDisplay.ToText(this);
}

/// <summary>A run found by its tag, with what is left of it.</summary>
public sealed record FoundRun(string AppName, IReadOnlyList<string> Resources);

/// <summary>The runs found in one place (an AWS account and region, or the local state folder).</summary>
[TypeFormatterSource(typeof(FleetbookFormatterSource<RunsReport>))]
public sealed record RunsReport(string Where, IReadOnlyList<FoundRun> Runs)
{
    /// <summary>The plain-text display (what a script printing the result shows).</summary>
    public override string ToString() => FleetbookDisplay.ToText(this);
}

namespace Fleetbook.Journal;

/// <summary>How one attempt at a job ended.</summary>
public enum AttemptOutcome
{
    /// <summary>Still running (or the worker vanished before it could say).</summary>
    Running,
    Succeeded,

    /// <summary>CHECK_IF_DONE found the outputs already there.</summary>
    SkippedDone,

    /// <summary>The program exited with a non-zero code.</summary>
    Failed,

    /// <summary>The program ran past the per-job timeout and was killed with its children.</summary>
    TimedOut,

    /// <summary>The worker was stopped (SIGTERM, spot interruption) and returned the message.</summary>
    Killed,

    /// <summary>The worker disappeared: the message came back after its visibility expired.</summary>
    LostWorker,

    /// <summary>The inputs could not be fetched, or the program could not be started.</summary>
    InputProblem,

    /// <summary>The program succeeded but its outputs could not be uploaded.</summary>
    OutputProblem,
}

/// <summary>One receive of one job by one worker, and how it ended.</summary>
public sealed record JobAttempt(
    string MessageId,
    string JobId,
    int Attempt,
    string Worker,
    DateTimeOffset Started,
    DateTimeOffset? Ended = null,
    AttemptOutcome Outcome = AttemptOutcome.Running,
    int? ExitCode = null,
    string? Detail = null)
{
    public TimeSpan? Duration => Ended - Started;
}

/// <summary>Totals over the journal: jobs that finished, attempts that failed.</summary>
public sealed record JournalCounts(long Succeeded, long Failed, long Running);

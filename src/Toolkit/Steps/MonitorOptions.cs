using Fleetbook.Display;

namespace Fleetbook.Steps;

/// <summary>How monitor polls and what it does when the queue drains.</summary>
public sealed record MonitorOptions
{
    public const double DefaultLocalPollSeconds = 0.5;
    public const double DefaultAwsPollSeconds = 60;

    /// <summary>Every poll asks squeue; a few seconds apart keeps the controller's load low.</summary>
    public const double DefaultSlurmPollSeconds = 5;

    public const double DefaultNoWorkerPatienceSeconds = 10;

    /// <summary>Time between polls; null picks the backend's default.</summary>
    public TimeSpan? PollInterval { get; init; }

    /// <summary>Clean up (stop the fleet, delete the queue) once nothing is visible or in flight.</summary>
    public bool CleanupWhenDrained { get; init; } = true;

    /// <summary>Restart workers that exited while jobs remain, as an ECS service restarts containers.</summary>
    public bool ReplenishWorkers { get; init; } = true;

    /// <summary>
    /// How long monitor waits when jobs wait and no worker is running or wanted (start was never run), before it stops
    /// with an <see cref="Inputs.InputException"/> that says to run start. Some patience, for a start that is on its way.
    /// </summary>
    public TimeSpan NoWorkerPatience { get; init; } = TimeSpan.FromSeconds(DefaultNoWorkerPatienceSeconds);

    /// <summary>Give up after this long (the run keeps going; monitor can be started again).</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Gets one sentence for each thing monitor did besides watching (the fleet lowered, alarms removed).</summary>
    public IProgress<string>? Actions { get; init; }

    /// <summary>Show one live view of the run that updates in place: by default only in a notebook host that can do it.</summary>
    public LiveDisplayMode LiveDisplay { get; init; } = LiveDisplayMode.Auto;

    public MonitorOptions WithPollInterval(TimeSpan interval) => this with { PollInterval = interval };
    public MonitorOptions WithCleanupWhenDrained(bool cleanup) => this with { CleanupWhenDrained = cleanup };
    public MonitorOptions WithTimeout(TimeSpan timeout) => this with { Timeout = timeout };
    public MonitorOptions WithLiveDisplay(LiveDisplayMode liveDisplay) => this with { LiveDisplay = liveDisplay };
    public MonitorOptions WithActions(IProgress<string> actions) => this with { Actions = actions };
}

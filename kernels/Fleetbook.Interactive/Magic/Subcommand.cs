namespace Fleetbook.Interactive.Magic;

/// <summary>One subcommand of <c>#!fleetbook</c>: its name, what it shows, and the command type the kernel builds for it.</summary>
internal sealed record Subcommand(string Name, string Description, Type CommandType)
{
    public static Subcommand Status { get; } = new("status", "the queue, the dead letters, the workers, and why the run is where it is", typeof(FleetbookStatus));

    public static Subcommand Monitor { get; } = new("monitor",
        "the run live, in one output, until the queue drains; it only watches (no worker restarted, nothing cleaned up): interrupt the cell to stop watching",
        typeof(FleetbookMonitor));

    public static Subcommand DeadLetters { get; } = new("dlq", "each job in the dead-letter queue, with every attempt at it and why it ended", typeof(FleetbookDeadLetters));

    public static Subcommand Runs { get; } = new("runs", "the runs the backend can see (on AWS, by their tag), with what is left of each", typeof(FleetbookRuns));

    public static IReadOnlyList<Subcommand> All { get; } = [Status, Monitor, DeadLetters, Runs];
}

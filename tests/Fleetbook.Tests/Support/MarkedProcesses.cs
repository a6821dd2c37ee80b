using System.Diagnostics;

namespace Fleetbook.Tests.Support;

/// <summary>
/// A mark in a child's environment that every process it starts inherits (a kernel under Jupyter, the restores it
/// runs), so a test can find whatever of its own is still running after the child ended, on Linux, by reading
/// /proc/PID/environ, and end it: a test never leaves a process behind, even when it fails. Workers that Fleetbook
/// starts get only an allow-list of the environment, so they do not carry this mark; the run-wide one
/// (<see cref="TestRunProcesses"/>) finds them.
/// </summary>
public sealed class MarkedProcesses
{
    public const string Variable = "FLEETBOOK_TEST_PROCESS_MARK";

    public string Mark { get; } = Guid.NewGuid().ToString("N");

    /// <summary>The variable to give the child.</summary>
    public KeyValuePair<string, string> Environment => new(Variable, Mark);

    /// <summary>
    /// Waits up to <paramref name="grace"/> for the marked processes to end by themselves, then kills what is left
    /// (with its children) and returns how each of those was started ("PID command line").
    /// </summary>
    public async Task<IReadOnlyList<string>> EndAsync(TimeSpan grace)
    {
        var deadline = Stopwatch.StartNew();
        var alive = Find();
        while (alive.Count > 0 && deadline.Elapsed < grace)
        {
            await Task.Delay(200);
            alive = Find();
        }

        LiveProcesses.Kill(alive);
        return [.. alive.Select(p => p.Brief)];
    }

    private IReadOnlyList<LiveProcess> Find() => LiveProcesses.WithVariable(Variable, Mark);
}

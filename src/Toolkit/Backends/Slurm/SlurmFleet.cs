using Fleetbook.Backends.Local;
using Fleetbook.Fleet;

namespace Fleetbook.Backends.Slurm;

/// <summary>
/// Workers as Slurm jobs: start submits one job array of the missing workers, monitor's replenish submits another when
/// workers have ended while jobs remain, and stop cancels every job of the run and waits until Slurm has let go of them.
/// What the run wants, and every array it submitted, is kept in <c>slurm-fleet.json</c>; which workers exist is always
/// asked of Slurm (squeue), by the run's job name and comment (<see cref="SlurmRunNames"/>). Changes happen under the
/// run-wide <see cref="FleetChangeLock"/>, which only commands on the login node take.
/// </summary>
public sealed class SlurmFleet(
    SlurmClient slurm,
    SlurmRunNames names,
    string stateDirectory,
    Func<int, SlurmSubmission> submission,
    TimeProvider time) : IFleet
{
    public const string StateFileName = "slurm-fleet.json";

    /// <summary>Replenish submits at most this often, so that a worker that cannot start does not flood the scheduler.</summary>
    public static readonly TimeSpan ReplenishPause = TimeSpan.FromSeconds(15);

    private readonly string _file = Path.Combine(stateDirectory, StateFileName);

    /// <summary>Every array this run submitted, oldest first.</summary>
    public IReadOnlyList<string> SubmittedArrays => Load().Arrays;

    public async Task<FleetStatus> StartAsync(FleetLaunch launch, CancellationToken cancellationToken)
    {
        using var changing = await FleetChangeLock.TakeAsync(stateDirectory, time, cancellationToken);
        var state = Load() with { Desired = launch.Workers };
        Save(state);
        var jobs = await RunJobsAsync(cancellationToken);
        try
        {
            await SubmitMissingAsync(state, jobs, launch.Progress, cancellationToken);
        }
        catch (SlurmCommandException ex) when (ex.Call.Program == "sbatch")
        {
            throw new Inputs.InputException(new Inputs.InputProblem("slurm", null, null, "sbatch", $"Slurm refused the workers: {ex.Output.Problem}",
                "check slurm.partition, slurm.account, slurm.qos and slurm.sbatchArgs against what your site allows ('sinfo' lists the partitions, 'sacctmgr show assoc user=$USER' your accounts and QOS where accounting is on)"));
        }

        return Status(Load(), await RunJobsAsync(cancellationToken));
    }

    public async Task<FleetStatus> DescribeAsync(CancellationToken cancellationToken) =>
        Status(Load(), await RunJobsAsync(cancellationToken));

    /// <summary>Submits workers for those that ended (pending and running ones count as there), at most once per <see cref="ReplenishPause"/>.</summary>
    public async Task<FleetStatus> ReplenishAsync(CancellationToken cancellationToken)
    {
        using var changing = await FleetChangeLock.TakeAsync(stateDirectory, time, cancellationToken);
        var state = Load();
        var jobs = await RunJobsAsync(cancellationToken);
        if (state.LastSubmitted is not { } last || time.GetUtcNow() - last >= ReplenishPause)
        {
            await SubmitMissingAsync(state, jobs, null, cancellationToken);
            jobs = await RunJobsAsync(cancellationToken);
        }

        return Status(Load(), jobs);
    }

    /// <summary>
    /// Cancels every job of the run (Slurm sends SIGTERM; each worker returns its jobs to the queue and exits), then waits
    /// up to <paramref name="grace"/> for them to leave Slurm's queue, and cancels what is left with SIGKILL.
    /// </summary>
    public async Task<int> StopAsync(TimeSpan grace, CancellationToken cancellationToken)
    {
        using var changing = await FleetChangeLock.TakeAsync(stateDirectory, time, cancellationToken);
        var state = Load();
        Save(state with { Desired = 0 });
        var active = (await RunJobsAsync(cancellationToken)).Where(j => j.IsActive).ToList();
        if (active.Count == 0)
        {
            return 0;
        }

        await slurm.CancelAsync([.. active.Select(j => j.ArrayJobId).Distinct(StringComparer.Ordinal)], cancellationToken);
        var deadline = time.GetUtcNow() + grace;
        while (time.GetUtcNow() < deadline)
        {
            if (!(await RunJobsAsync(cancellationToken)).Any(j => j.IsActive))
            {
                return active.Count;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), time, cancellationToken);
        }

        var left = (await RunJobsAsync(cancellationToken)).Where(j => j.IsActive).Select(j => j.Id).ToList();
        if (left.Count > 0)
        {
            await slurm.Commands.RunAsync(new SlurmCall("scancel", ["--signal=KILL", .. left]), cancellationToken);
        }

        return active.Count;
    }

    /// <summary>The run's jobs Slurm knows of, active or ended within MinJobAge.</summary>
    public async Task<IReadOnlyList<SlurmJob>> RunJobsAsync(CancellationToken cancellationToken) =>
        [.. (await slurm.JobsAsync(names.JobName, cancellationToken)).Where(names.Owns)];

    private async Task SubmitMissingAsync(FleetState state, IReadOnlyList<SlurmJob> jobs, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var missing = state.Desired - jobs.Count(j => j.IsActive);
        if (missing <= 0)
        {
            return;
        }

        var id = await slurm.SubmitAsync(submission(missing), cancellationToken);
        Save(state with { Arrays = [.. state.Arrays, id], LastSubmitted = time.GetUtcNow() });
        progress?.Report($"submitted job array {id}: {missing} worker(s) named {names.JobName}");
    }

    private static FleetStatus Status(FleetState state, IReadOnlyList<SlurmJob> jobs)
    {
        var active = jobs.Where(j => j.IsActive).ToList();
        var running = active.Count(j => j.IsRunning);
        var pending = active.Where(j => j.IsPending).ToList();
        var description = $"{running} Slurm worker(s) running, {pending.Count} pending";
        FleetQueued? queued = null;
        if (pending.Count > 0)
        {
            var reasons = pending.GroupBy(j => j.Reason).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
            var words = string.Join("; ", reasons.Select(g => $"{g.Count()} {(g.Key == "None" ? "just submitted" : g.Key)}: {SlurmReasons.ExplainPending(g.Key)}"));
            queued = new FleetQueued(pending.Count, reasons[0].Key, words);
            description += $" ({string.Join(", ", reasons.Select(g => g.Key))})";
        }

        return new FleetStatus(state.Desired, running, description) { Queued = queued };
    }

    private FleetState Load() => JsonStateFile.Read<FleetState>(_file);

    private void Save(FleetState state) => JsonStateFile.Write(_file, state);

    private sealed record FleetState
    {
        public int Desired { get; init; }

        public List<string> Arrays { get; init; } = [];

        public DateTimeOffset? LastSubmitted { get; init; }
    }
}

using Fleetbook.Fleet;

namespace Fleetbook.Backends.Local;

/// <summary>
/// Worker processes as the fleet. What was started is kept in <c>fleet.json</c> in the run's state folder, so a
/// later monitor, status or cleanup (another process) sees and stops the same workers. The workers' environment
/// is not kept there (it may hold the program's secrets): replacements get it from <paramref name="environment"/>.
/// Every change (start, replenish, stop) happens under the run-wide <see cref="FleetChangeLock"/>: workers are numbered
/// from fleet.json once and only once, and every worker started is in fleet.json before anyone else looks.
/// </summary>
public sealed class LocalFleet(string stateDirectory, TimeProvider time, Func<IReadOnlyDictionary<string, string>> environment) : IFleet
{
    private readonly string _file = Path.Combine(stateDirectory, "fleet.json");

    public async Task<FleetStatus> StartAsync(FleetLaunch launch, CancellationToken cancellationToken)
    {
        using var changing = await FleetChangeLock.TakeAsync(stateDirectory, time, cancellationToken);
        var state = Launch(Load() with { Desired = launch.Workers }, launch.Environment);
        return Status(state);
    }

    public Task<FleetStatus> DescribeAsync(CancellationToken cancellationToken) => Task.FromResult(Status(Load()));

    /// <summary>The process ids of the workers that are running now.</summary>
    public IReadOnlyList<int> WorkerProcessIds() => Load().Workers.Where(w => w.Process.IsAlive()).Select(w => w.Process.Pid).ToList();

    public async Task<FleetStatus> ReplenishAsync(CancellationToken cancellationToken)
    {
        using var changing = await FleetChangeLock.TakeAsync(stateDirectory, time, cancellationToken);
        var state = Launch(Load(), environment());
        return Status(state);
    }

    public async Task<int> StopAsync(TimeSpan grace, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(stateDirectory))
        {
            return 0; // never started here: no worker to stop, and no state folder to make for saying so
        }

        using var changing = await FleetChangeLock.TakeAsync(stateDirectory, time, cancellationToken);
        var state = Load();
        var alive = state.Workers.Where(w => w.Process.IsAlive()).ToList();
        foreach (var worker in alive)
        {
            worker.Process.Terminate();
        }

        var deadline = time.GetUtcNow() + grace;
        while (alive.Any(w => w.Process.IsAlive()) && time.GetUtcNow() < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), time, cancellationToken);
        }

        foreach (var worker in alive.Where(w => w.Process.IsAlive()))
        {
            worker.Process.Kill();
        }

        Save(state with { Desired = 0, Workers = [] });
        return alive.Count;
    }

    /// <summary>
    /// Starts the missing workers, saving fleet.json after each one: a start that fails half-way (or a process killed
    /// half-way) leaves every worker it started listed, so cleanup stops them. Call with the lock held.
    /// </summary>
    private FleetState Launch(FleetState state, IReadOnlyDictionary<string, string> workerEnvironment)
    {
        var workers = state.Workers.Where(w => w.Process.IsAlive()).ToList();
        state = state with { Workers = workers };
        var missing = state.Desired - workers.Count;
        if (missing <= 0)
        {
            Save(state);
            return state;
        }

        var command = WorkerLauncher.WorkerCommand();
        for (var i = 0; i < missing; i++)
        {
            var id = $"worker{state.NextNumber}";
            state = state with { NextNumber = state.NextNumber + 1 };
            Save(state); // the number is spent even if the start below fails
            var variables = new Dictionary<string, string>(workerEnvironment) { [Working.WorkerEnvironment.WorkerId] = id };
            using var process = WorkerLauncher.Start(command, variables, Path.Combine(stateDirectory, "logs", "workers", id + ".log"));
            workers.Add(new WorkerRecord(id, ProcessIdentity.Of(process.Id), time.GetUtcNow()));
            state = state with { Workers = [.. workers] };
            Save(state);
        }

        return state;
    }

    private static FleetStatus Status(FleetState state)
    {
        var running = state.Workers.Count(w => w.Process.IsAlive());
        return new FleetStatus(state.Desired, running, $"{running} of {state.Desired} worker processes running");
    }

    private FleetState Load() => JsonStateFile.Read<FleetState>(_file);

    private void Save(FleetState state) => JsonStateFile.Write(_file, state);

    private sealed record WorkerRecord(string Id, ProcessIdentity Process, DateTimeOffset Started);

    private sealed record FleetState
    {
        public int Desired { get; init; }
        public int NextNumber { get; init; } = 1;
        public List<WorkerRecord> Workers { get; init; } = [];
    }
}

using System.Text.Json;
using Fleetbook.Fleet;

namespace Fleetbook.Backends.Local;

/// <summary>
/// Worker processes as the fleet. What was started is kept in <c>fleet.json</c> in the run's state folder, so a
/// later monitor, status or cleanup (another process) sees and stops the same workers. The workers' environment
/// is not kept there (it may hold the program's secrets): replacements get it from <paramref name="environment"/>.
/// </summary>
public sealed class LocalFleet(string stateDirectory, TimeProvider time, Func<IReadOnlyDictionary<string, string>> environment) : IFleet
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };
    private readonly string _file = Path.Combine(stateDirectory, "fleet.json");

    public Task<FleetStatus> StartAsync(FleetLaunch launch, CancellationToken cancellationToken)
    {
        var state = Launch(Load() with { Desired = launch.Workers }, launch.Environment);
        Save(state);
        return Task.FromResult(Status(state));
    }

    public Task<FleetStatus> DescribeAsync(CancellationToken cancellationToken) => Task.FromResult(Status(Load()));

    /// <summary>The process ids of the workers that are running now.</summary>
    public IReadOnlyList<int> WorkerProcessIds() => Load().Workers.Where(w => w.Process.IsAlive()).Select(w => w.Process.Pid).ToList();

    public Task<FleetStatus> ReplenishAsync(CancellationToken cancellationToken)
    {
        var state = Launch(Load(), environment());
        Save(state);
        return Task.FromResult(Status(state));
    }

    public async Task<int> StopAsync(TimeSpan grace, CancellationToken cancellationToken)
    {
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

    private FleetState Launch(FleetState state, IReadOnlyDictionary<string, string> workerEnvironment)
    {
        var workers = state.Workers.Where(w => w.Process.IsAlive()).ToList();
        var missing = state.Desired - workers.Count;
        if (missing <= 0)
        {
            return state with { Workers = workers };
        }

        var command = WorkerLauncher.WorkerCommand();
        var next = state.NextNumber;
        for (var i = 0; i < missing; i++, next++)
        {
            var id = $"worker{next}";
            var variables = new Dictionary<string, string>(workerEnvironment) { [Working.WorkerEnvironment.WorkerId] = id };
            using var process = WorkerLauncher.Start(command, variables, Path.Combine(stateDirectory, "logs", "workers", id + ".log"));
            workers.Add(new WorkerRecord(id, ProcessIdentity.Of(process.Id), time.GetUtcNow()));
        }

        return state with { Workers = workers, NextNumber = next };
    }

    private static FleetStatus Status(FleetState state)
    {
        var running = state.Workers.Count(w => w.Process.IsAlive());
        return new FleetStatus(state.Desired, running, $"{running} of {state.Desired} worker processes running");
    }

    private FleetState Load()
    {
        if (!File.Exists(_file))
        {
            return new FleetState();
        }

        try
        {
            return JsonSerializer.Deserialize<FleetState>(File.ReadAllText(_file), Json) ?? new FleetState();
        }
        catch (JsonException)
        {
            return new FleetState();
        }
    }

    private void Save(FleetState state)
    {
        Directory.CreateDirectory(stateDirectory);
        var temporary = _file + $".{Environment.ProcessId}.tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(state, Json));
        File.Move(temporary, _file, overwrite: true);
    }

    private sealed record WorkerRecord(string Id, ProcessIdentity Process, DateTimeOffset Started);

    private sealed record FleetState
    {
        public int Desired { get; init; }
        public int NextNumber { get; init; } = 1;
        public List<WorkerRecord> Workers { get; init; } = [];
    }
}

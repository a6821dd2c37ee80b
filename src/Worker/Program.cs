using System.Runtime.InteropServices;
using Fleetbook.Inputs;
using Fleetbook.Working;

// fleetbook-worker: reads a Distributed-Something task definition's environment, polls the queue and runs jobs
// until the queue stays empty. Exit codes: 0 done or stopped, 2 bad environment.
WorkerSettings settings;
WorkerServices services;
try
{
    settings = WorkerSettings.FromProcessEnvironment();
    services = WorkerServicesFactory.Create(settings, TimeProvider.System);
}
catch (InputException ex)
{
    foreach (var problem in ex.Problems)
    {
        Console.Error.WriteLine($"fleetbook-worker: {problem}");
    }

    return 2;
}

using var stop = new CancellationTokenSource();
void OnSignal(PosixSignalContext context)
{
    context.Cancel = true;
    Console.Out.WriteLine($"fleetbook-worker: {context.Signal} received; returning running jobs to the queue");
    stop.Cancel();
}

using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
return await new WorkerHost(settings, services, TimeProvider.System, Console.Out).RunAsync(stop.Token);

using System.Runtime.InteropServices;
using Fleetbook.Backends.Aws;
using Fleetbook.Backends.Aws.Worker;
using Fleetbook.Backends.Slurm.Worker;
using Fleetbook.Inputs;
using Fleetbook.Working;

// fleetbook-worker: reads a Distributed-Something task definition's environment, polls the queue and runs jobs
// until the queue stays empty. Exit codes: 0 done or stopped, 2 bad environment (or the worker's folder is taken by
// another process, or the local state database is lost).
WorkerSettings settings;
WorkerServices services;
IReadOnlyList<IWorkerCompanion> companions = [];
var time = TimeProvider.System;
try
{
    settings = WorkerSettings.FromProcessEnvironment();
    services = WorkerServicesFactory.Create(settings, time);
    if (WorkerFeatures.Aws && AwsWorkerServices.IsQueueUrl(settings.QueueUrl))
    {
        // On AWS: job logs in CloudWatch Logs, and the resource monitor, spot interruption watch and idle alarm.
        Func<string, string?> environment = Environment.GetEnvironmentVariable;
        var connection = AwsWorkerParts.Connect(settings, time, environment);
        if (AwsWorkerParts.UsesCloudWatchLogs(environment))
        {
            services = services with { Logs = AwsWorkerParts.LogStore(settings, connection, time, Console.Out) };
        }

        companions = AwsWorkerParts.Companions(settings, connection, time, Console.Out, environment);
    }
    else if (SlurmWorkerParts.IsSlurmWorker(settings, Environment.GetEnvironmentVariable))
    {
        // A Slurm job: each stop says why (scancel, time limit, preemption), and no job starts that the time limit would cut.
        var (stopReason, timeLimitWatch) = SlurmWorkerParts.Create(settings, Environment.GetEnvironmentVariable, time, Console.Out);
        services = services with { StopReason = stopReason };
        companions = [timeLimitWatch];
    }
}
catch (InputException ex)
{
    foreach (var problem in ex.Problems)
    {
        Console.Error.WriteLine($"fleetbook-worker: {problem}");
    }

    return 2;
}
catch (Fleetbook.Backends.Local.StateDatabaseException ex)
{
    Console.Error.WriteLine($"fleetbook-worker: {ex.Message}");
    return 2;
}

// Orphans of the jobs (double-forked, setsid) are re-parented to this process, where each job's end finds and kills them.
ChildSubreaper.TryEnable();

using var stop = new CancellationTokenSource();
void OnSignal(PosixSignalContext context)
{
    context.Cancel = true;
    Console.Out.WriteLine($"fleetbook-worker: {context.Signal} received; returning running jobs to the queue");
    stop.Cancel();
}

using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
var exitCode = await new WorkerHost(settings, services, time, Console.Out, companions).RunAsync(stop.Token);
if (ChildSubreaper.KillAdopted() is var leftovers and > 0)
{
    Console.Out.WriteLine($"fleetbook-worker: killed {leftovers} process(es) that jobs had left running");
}

return exitCode;

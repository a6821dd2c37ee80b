using Fleetbook.Backends.SharedFolder;
using Fleetbook.Working;

namespace Fleetbook.Backends.Slurm.Worker;

/// <summary>What a worker started by Slurm adds to the usual: a reason for every stop, and the watch on its time limit.</summary>
public static class SlurmWorkerParts
{
    /// <summary>Whether this worker runs as a Slurm job of a Slurm run (SLURM_JOB_ID set, a shared-folder queue).</summary>
    public static bool IsSlurmWorker(WorkerSettings settings, Func<string, string?> environment) =>
        !string.IsNullOrEmpty(environment("SLURM_JOB_ID")) && SharedFolderWorkerServices.IsQueueUrl(settings.QueueUrl);

    public static (IStopReason StopReason, IWorkerCompanion TimeLimitWatch) Create(WorkerSettings settings, Func<string, string?> environment, TimeProvider time, TextWriter output)
    {
        var jobId = environment("SLURM_JOB_ID")!;
        var label = environment("SLURM_ARRAY_JOB_ID") is { Length: > 0 } array ? $"{array}_{environment("SLURM_ARRAY_TASK_ID")}" : jobId;
        var slurm = new SlurmClient(new ProcessSlurmCommands());
        var clock = new SlurmWorkerClock();
        return (new SlurmStopReason(slurm, jobId, label, clock, time), new SlurmTimeLimitWatch(slurm, jobId, settings.JobTimeout, clock, time, output));
    }
}

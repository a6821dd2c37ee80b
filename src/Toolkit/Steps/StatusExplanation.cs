using Fleetbook.Display;

namespace Fleetbook.Steps;

/// <summary>Says in one sentence why a run is where it is, and what to do next.</summary>
internal static class StatusExplanation
{
    public static string Explain(RunStatus status)
    {
        if (!status.QueueExists)
        {
            return status.Succeeded > 0 || status.DeadLetter > 0
                ? $"Finished and cleaned up: {status.Succeeded} jobs succeeded, {status.DeadLetter} in the dead-letter queue."
                : "Not set up yet: run setup, then submit a job file.";
        }

        var failures = status.Failed > 0 ? $" {status.Failed} attempts have failed so far (see 'dlq list' and the job logs)." : "";
        if (status.IsDrained)
        {
            return status.Succeeded == 0 && status.DeadLetter == 0
                ? "The queue is empty: submit a job file."
                : $"Drained: {status.Succeeded} jobs succeeded, {status.DeadLetter} in the dead-letter queue. Run cleanup (monitor does it for you).";
        }

        if (status.Fleet.Machines is { } machines && status.Fleet.Running == 0 && status.Fleet.Desired > 0)
        {
            if (machines.Running == 0)
            {
                return $"Waiting for capacity: 0 of {machines.Requested} machines running, {status.Visible} jobs waiting. Spot capacity can take minutes; if it never comes, try other machine types (see the fleet's errors with 'fleetbook start')." + failures + Cost(status);
            }

            if (machines.Registered == 0)
            {
                return $"{machines.Running} machine(s) are up but none has joined the ECS cluster yet: give it a few minutes; if it stays so, check the fleet file's instance profile (ecsInstanceRole) and that the AMI is ECS-optimized." + failures + Cost(status);
            }

            return $"{machines.Registered} machine(s) joined the cluster but no task runs yet: the task may not fit them (memory, CPU) or the image cannot be pulled; the service's events say which." + failures + Cost(status);
        }

        if (status.Fleet.Queued is { Workers: > 0 } queued && status.Fleet.Running == 0)
        {
            return $"{status.Visible} jobs are waiting, and so are the {Formats.Plural(queued.Workers, "worker", "workers")} in the scheduler's queue: {queued.Explanation}." + failures;
        }

        if (status.Fleet.Running == 0)
        {
            return status.Fleet.Desired == 0
                ? $"{status.Visible} jobs are waiting and no worker is running: run start." + failures
                : $"{status.Visible} jobs are waiting but every worker has exited: monitor restarts them, or run start." + failures;
        }

        if (status.Visible == 0)
        {
            return $"Nothing is waiting; all {status.InFlight} remaining jobs are in flight." + failures + Cost(status);
        }

        return $"Running: {status.InFlight} in flight, {status.Visible} waiting, {status.Succeeded} done on {status.Fleet.Running} workers." + Queued(status) + failures + Cost(status);
    }

    private static string Queued(RunStatus status) =>
        status.Fleet.Queued is { Workers: > 0 } queued
            ? $" {Formats.Plural(queued.Workers, "more worker waits", "more workers wait")} in the scheduler's queue ({queued.Reason}: {Backends.Slurm.SlurmReasons.ExplainPending(queued.Reason)})."
            : "";

    private static string Cost(RunStatus status) => status.Cost switch
    {
        null => "",
        { ToCompletion: { } rest } cost => string.Create(System.Globalization.CultureInfo.InvariantCulture, $" Cost so far ${cost.SoFar:0.00}, about ${rest:0.00} more to finish."),
        var cost => string.Create(System.Globalization.CultureInfo.InvariantCulture, $" Cost so far ${cost.SoFar:0.00}."),
    };
}

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

        if (status.Fleet.Running == 0)
        {
            return status.Fleet.Desired == 0
                ? $"{status.Visible} jobs are waiting and no worker is running: run start." + failures
                : $"{status.Visible} jobs are waiting but every worker has exited: monitor restarts them, or run start." + failures;
        }

        if (status.Visible == 0)
        {
            return $"Nothing is waiting; all {status.InFlight} remaining jobs are in flight." + failures;
        }

        return $"Running: {status.InFlight} in flight, {status.Visible} waiting, {status.Succeeded} done on {status.Fleet.Running} workers." + failures;
    }
}

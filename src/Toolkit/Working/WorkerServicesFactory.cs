using Fleetbook.Backends.Local;
using Fleetbook.Inputs;

namespace Fleetbook.Working;

/// <summary>Opens the backend a worker's SQS_QUEUE_URL points at.</summary>
public static class WorkerServicesFactory
{
    public static WorkerServices Create(WorkerSettings settings, TimeProvider time)
    {
        if (SqliteJobQueue.IsLocalUrl(settings.QueueUrl))
        {
            return LocalBackend.OpenForWorker(settings, time);
        }

        throw new InputException(new InputProblem("environment", null, null, WorkerEnvironment.QueueUrl,
            $"'{settings.QueueUrl}' is not a queue this worker can reach (only the local backend's sqlite:// queues are supported in this build).",
            "run 'fleetbook setup' and start workers with 'fleetbook start'."));
    }
}

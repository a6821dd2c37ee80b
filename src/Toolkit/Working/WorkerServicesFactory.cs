using Fleetbook.Backends.Aws;
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

        if (Backends.SharedFolder.SharedFolderWorkerServices.IsQueueUrl(settings.QueueUrl))
        {
            return Backends.SharedFolder.SharedFolderWorkerServices.Open(settings, time);
        }

        if (AwsWorkerServices.IsQueueUrl(settings.QueueUrl))
        {
            return WorkerFeatures.Aws
                ? AwsWorkerServices.Create(settings, time)
                : throw new InputException(new InputProblem("environment", null, null, WorkerEnvironment.QueueUrl,
                    $"this fleetbook-worker is the native build for local runs, which leaves AWS out, and '{settings.QueueUrl}' is an SQS queue.",
                    "run the portable worker on AWS (the container image src/Worker/build-image.sh makes has it)."));
        }

        throw new InputException(new InputProblem("environment", null, null, WorkerEnvironment.QueueUrl,
            $"'{settings.QueueUrl}' is not a queue this worker can reach (neither an SQS https:// queue URL, a local sqlite:// one, nor a shared-folder:// one).",
            "run 'fleetbook setup' and start workers with 'fleetbook start'."));
    }
}

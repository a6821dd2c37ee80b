using System.Globalization;
using System.Text.Json;
using Fleetbook.Configuration;

namespace Fleetbook.Working;

/// <summary>Turns a config into the worker's environment, the way run.py fills the task definition.</summary>
public static class WorkerEnvironmentBuilder
{
    public static Dictionary<string, string> Build(RunConfig config, string queueUrl, string bucket)
    {
        string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
        string Flag(bool value) => value ? "True" : "False";

        var environment = new Dictionary<string, string>
        {
            [WorkerEnvironment.Region] = config.Region,
            [WorkerEnvironment.AppName] = config.AppName,
            [WorkerEnvironment.QueueUrl] = queueUrl,
            [WorkerEnvironment.Bucket] = bucket,
            [WorkerEnvironment.DockerCores] = Text(config.DockerCores),
            [WorkerEnvironment.LogGroup] = config.EffectiveLogGroup,
            [WorkerEnvironment.CheckIfDone] = Flag(config.CheckIfDone.Enabled),
            [WorkerEnvironment.ExpectedFiles] = Text(config.CheckIfDone.ExpectedFiles),
            [WorkerEnvironment.Cluster] = config.Cluster,
            [WorkerEnvironment.SecondsToStart] = Text(config.SecondsToStart),
            [WorkerEnvironment.MinFileSize] = config.CheckIfDone.MinFileSizeBytes.ToString(CultureInfo.InvariantCulture),
            [WorkerEnvironment.NecessaryString] = config.CheckIfDone.NecessaryString,
            [WorkerEnvironment.DownloadFiles] = Flag(config.DownloadFiles),
            [WorkerEnvironment.Command] = JsonSerializer.Serialize(config.Command),
            [WorkerEnvironment.Shell] = Flag(config.Shell),
            [WorkerEnvironment.JobTimeout] = Text(config.JobTimeoutSeconds),
            [WorkerEnvironment.IdleExit] = Text(config.IdleExitSeconds),
            [WorkerEnvironment.Visibility] = Text(config.VisibilitySeconds),
            [WorkerEnvironment.RetryDelay] = Text(config.RetryDelaySeconds),
            [WorkerEnvironment.Inputs] = config.Inputs,
            [WorkerEnvironment.Outputs] = config.Outputs,
            [WorkerEnvironment.IdleAlarm] = Flag(config.IdleAlarm),
        };

        foreach (var (name, value) in config.Environment)
        {
            environment.TryAdd(name, value);
        }

        return environment;
    }
}

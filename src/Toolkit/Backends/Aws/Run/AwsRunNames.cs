using Fleetbook.Configuration;

namespace Fleetbook.Backends.Aws.Run;

/// <summary>The names Distributed-Something derives from APP_NAME (anchors §0.1), in one place.</summary>
public sealed record AwsRunNames(RunConfig Config)
{
    public string App => Config.AppName;
    public string Cluster => Config.Cluster;
    public string Service => App + "Service";
    public string TaskFamily => App + "Task";
    public string Container => App;
    public string LogGroup => Config.EffectiveLogGroup;
    public string PerInstanceLogGroup => LogGroup + "_perInstance";
    public string Dashboard => Aws.Dashboard.RunDashboard.Name(Config);

    /// <summary>The per-machine idle alarms the workers put: <c>APP_NAME_&lt;instance id&gt;</c>.</summary>
    public string AlarmPrefix => App + "_";

    public string AlarmFor(string instanceId) => AlarmPrefix + instanceId;

    /// <summary>Whether an alarm is one of this run's machine alarms (and not another run's whose name starts alike).</summary>
    public bool IsMachineAlarm(string alarmName) =>
        alarmName.StartsWith(AlarmPrefix, StringComparison.Ordinal) && alarmName[AlarmPrefix.Length..].StartsWith("i-", StringComparison.Ordinal)
        && alarmName[(AlarmPrefix.Length + 2)..].All(char.IsAsciiHexDigitLower);
}

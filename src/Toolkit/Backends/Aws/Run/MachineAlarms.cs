using Fleetbook.Backends.Aws.Services.CloudWatch;

namespace Fleetbook.Backends.Aws.Run;

/// <summary>The per-machine idle alarms (<c>APP_NAME_&lt;instance id&gt;</c>) the workers put.</summary>
internal static class MachineAlarms
{
    /// <summary>Deletes this run's machine alarms whose instance id <paramref name="remove"/> accepts, 100 at a time; returns how many.</summary>
    public static async Task<int> DeleteAsync(CloudWatchClient cloudWatch, AwsRunNames names, Func<string, bool> remove, CancellationToken cancellationToken)
    {
        var alarms = await cloudWatch.DescribeAlarmsAllAsync(new DescribeAlarmsRequest(AlarmNamePrefix: names.AlarmPrefix), cancellationToken).ReadAllAsync(cancellationToken);
        var doomed = alarms
            .Select(a => a.AlarmName)
            .OfType<string>()
            .Where(names.IsMachineAlarm)
            .Where(name => remove(name[names.AlarmPrefix.Length..]))
            .Distinct()
            .ToList();
        foreach (var batch in doomed.Chunk(DeleteAlarmsRequest.MaxAlarmNames))
        {
            await cloudWatch.DeleteAlarmsAsync(new DeleteAlarmsRequest(batch), cancellationToken);
        }

        return doomed.Count;
    }
}

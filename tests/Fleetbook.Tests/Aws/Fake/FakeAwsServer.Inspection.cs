namespace Fleetbook.Tests.Aws.Fake;

/// <summary>What tests can look at and the failures they can inject while a run plays.</summary>
public sealed partial class FakeAwsServer
{
    /// <summary>
    /// Every resource that exists now (ECS clusters, services not INACTIVE, registered task definitions, tasks not
    /// STOPPED, fleets not cancelled, instances not terminated, launch templates, log groups, alarms, dashboards)
    /// with its tags: e.g. to check that everything a run creates carries the run's tag.
    /// </summary>
    public IReadOnlyList<FakeResource> Inventory()
    {
        lock (Gate)
        {
            return [.. Ecs.Inventory(), .. Ec2.Inventory(), .. Logs.Inventory(), .. CloudWatch.Inventory()];
        }
    }

    /// <summary>Every ECS task so far (stopped ones too), with its process, log file and environment.</summary>
    public IReadOnlyList<FakeEcsTask> EcsTasks()
    {
        lock (Gate)
        {
            return Ecs.Snapshot();
        }
    }

    /// <summary>Every EC2 instance so far (terminated ones too).</summary>
    public IReadOnlyList<FakeEc2Instance> Ec2Instances()
    {
        lock (Gate)
        {
            return Ec2.Snapshot();
        }
    }

    /// <summary>The history of a Spot Fleet request or EC2 Fleet, oldest first.</summary>
    public IReadOnlyList<FakeFleetHistoryRecord> FleetHistory(string fleetId)
    {
        lock (Gate)
        {
            return Ec2.History(fleetId);
        }
    }

    /// <summary>The events of a log group (optionally only streams with a prefix), oldest first.</summary>
    public IReadOnlyList<(string Stream, long Timestamp, string Message)> LogEvents(string logGroup, string? streamPrefix = null)
    {
        lock (Gate)
        {
            return Logs.Events(logGroup, streamPrefix);
        }
    }

    public IReadOnlyList<string> LogGroupNames()
    {
        lock (Gate)
        {
            return Logs.GroupNames();
        }
    }

    public IReadOnlyList<string> AlarmNames()
    {
        lock (Gate)
        {
            return CloudWatch.AlarmNames();
        }
    }

    /// <summary>Interrupts a Spot instance: it shuts down (its ECS tasks get SIGTERM) and a maintain fleet replaces it. False when no such live instance.</summary>
    public bool InterruptInstance(string instanceId)
    {
        lock (Gate)
        {
            return Ec2.Interrupt(instanceId);
        }
    }

    /// <summary>Stops one ECS task as a Fargate Spot interruption (or instance notice) would: SIGTERM, then STOPPED; its service replaces it.</summary>
    public bool InterruptTask(string taskArnOrId)
    {
        lock (Gate)
        {
            return Ecs.Interrupt(taskArnOrId);
        }
    }
}

/// <summary>A resource of the fake account: its service ("ECS", "EC2", "Logs", "CloudWatch"), kind, id (name or ARN), state and tags.</summary>
public sealed record FakeResource(string Service, string Kind, string Id, string State, IReadOnlyDictionary<string, string> Tags)
{
    public override string ToString() => $"{Service} {Kind} {Id} ({State})";
}

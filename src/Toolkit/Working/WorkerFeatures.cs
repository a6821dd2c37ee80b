using System.Diagnostics.CodeAnalysis;

namespace Fleetbook.Working;

/// <summary>
/// What a build of fleetbook-worker can do. The native build for local runs (src/Worker, <c>-p:NativeWorker=true</c>)
/// turns AWS off: the AWS protocol layer serializes its records by reflection, which a native (ahead-of-time compiled)
/// program cannot do, and leaving it out is what lets that build start in milliseconds in a third of the memory.
/// </summary>
public static class WorkerFeatures
{
    public const string AwsSwitch = "Fleetbook.Worker.Aws";

    /// <summary>Whether this build can work on SQS queues. On unless the build turned it off; a constant the trimmer removes AWS with.</summary>
    [FeatureSwitchDefinition(AwsSwitch)]
    public static bool Aws => !AppContext.TryGetSwitch(AwsSwitch, out var on) || on;
}

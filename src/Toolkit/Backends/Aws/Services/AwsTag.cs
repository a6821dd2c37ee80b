namespace Fleetbook.Backends.Aws.Services;

/// <summary>
/// A resource tag as ECS, EC2 and CloudWatch model it (<c>key</c>/<c>value</c> in ECS, <c>Key</c>/<c>Value</c> in EC2
/// and CloudWatch). CloudWatch Logs takes tags as a map instead.
/// </summary>
public sealed record AwsTag(string Key, string Value)
{
    /// <summary>The tag key every resource of a run carries: <c>fleetbook:run</c>.</summary>
    public const string RunKey = "fleetbook:run";

    /// <summary>The run tag, <c>fleetbook:run=&lt;app&gt;</c>.</summary>
    public static AwsTag Run(string appName) => new(RunKey, appName);
}

using Amazon.Runtime;

namespace Fleetbook.Backends.Aws.Run;

/// <summary>How the AWS backend reaches AWS and how patiently it waits; the defaults suit real AWS.</summary>
public sealed record AwsBackendOptions
{
    /// <summary>Where endpoint overrides (AWS_ENDPOINT_URL_&lt;SERVICE&gt;) and the credential chain's variables are read.</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>Explicit credentials; null uses the default chain (environment, profile, SSO, instance role).</summary>
    public AWSCredentials? Credentials { get; init; }

    /// <summary>Between looks at the fleet while start waits for capacity (Distributed-Something: 20 s).</summary>
    public TimeSpan CapacityPollInterval { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Between looks while cleanup waits for machines to leave the cluster and for log exports.</summary>
    public TimeSpan CleanupPollInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long cleanup waits for the cluster's machines to deregister before leaving the cluster for a later cleanup.</summary>
    public TimeSpan ClusterDrainLimit { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long cleanup waits for each log export to S3.</summary>
    public TimeSpan LogExportLimit { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How often monitor lowers the fleet to the jobs in flight once nothing is visible (Distributed-Something: 10 min).</summary>
    public TimeSpan DownscaleInterval { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How often monitor removes the alarms of machines that are gone (Distributed-Something: hourly).</summary>
    public TimeSpan AlarmSweepInterval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Cheapest mode: after this long the fleet's target drops to one machine (Distributed-Something: 15 min).</summary>
    public TimeSpan CheapestAfter { get; init; } = TimeSpan.FromMinutes(15);
}

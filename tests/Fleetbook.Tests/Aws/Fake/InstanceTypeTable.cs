namespace Fleetbook.Tests.Aws.Fake;

/// <summary>An instance type the fake can launch: its size (for ECS placement) and a fixed Spot price in USD per hour.</summary>
public sealed record InstanceTypeInfo(string Name, int VCpus, int MemoryMiB, decimal SpotPrice, decimal OnDemandPrice);

/// <summary>The instance types the fake knows (sizes as AWS publishes them; prices are round, plausible, fixed).</summary>
public static class InstanceTypeTable
{
    public static Dictionary<string, InstanceTypeInfo> Default() =>
        new InstanceTypeInfo[]
        {
            new("t3.micro", 2, 1024, 0.0031m, 0.0104m),
            new("t3.small", 2, 2048, 0.0062m, 0.0208m),
            new("t3.medium", 2, 4096, 0.0125m, 0.0416m),
            new("t3.large", 2, 8192, 0.0250m, 0.0832m),
            new("t3.xlarge", 4, 16384, 0.0500m, 0.1664m),
            new("m4.large", 2, 8192, 0.0300m, 0.1000m),
            new("m4.xlarge", 4, 16384, 0.0600m, 0.2000m),
            new("m5.large", 2, 8192, 0.0350m, 0.0960m),
            new("m5.xlarge", 4, 16384, 0.0700m, 0.1920m),
            new("m5.2xlarge", 8, 32768, 0.1400m, 0.3840m),
            new("m5.4xlarge", 16, 65536, 0.2800m, 0.7680m),
            new("m6i.large", 2, 8192, 0.0380m, 0.0960m),
            new("m6i.xlarge", 4, 16384, 0.0760m, 0.1920m),
            new("c4.large", 2, 3840, 0.0300m, 0.1000m),
            new("c4.xlarge", 4, 7680, 0.0600m, 0.1990m),
            new("c5.large", 2, 4096, 0.0320m, 0.0850m),
            new("c5.xlarge", 4, 8192, 0.0640m, 0.1700m),
            new("c5.2xlarge", 8, 16384, 0.1280m, 0.3400m),
            new("c5.4xlarge", 16, 32768, 0.2560m, 0.6800m),
            new("c6i.xlarge", 4, 8192, 0.0680m, 0.1700m),
            new("r5.large", 2, 16384, 0.0450m, 0.1260m),
            new("r5.xlarge", 4, 32768, 0.0900m, 0.2520m),
            new("r5.2xlarge", 8, 65536, 0.1800m, 0.5040m),
        }.ToDictionary(t => t.Name, StringComparer.Ordinal);
}

using System.Text.Json.Serialization;

namespace Fleetbook.Backends.Aws.Services.Ec2;

/// <summary>DescribeInstanceTypes: vCPUs and memory of instance types (up to 100 named, or by filter).</summary>
public sealed record DescribeInstanceTypesRequest(IReadOnlyList<string>? InstanceTypes = null, IReadOnlyList<Ec2Filter>? Filters = null, string? NextToken = null, int? MaxResults = null);

public sealed record DescribeInstanceTypesResponse
{
    public IReadOnlyList<InstanceTypeInfo> InstanceTypes { get; init; } = [];

    public string? NextToken { get; init; }
}

/// <summary>What an instance type offers: vCPUs, memory, CPU architectures, and whether it can run as spot.</summary>
public sealed record InstanceTypeInfo
{
    public string? InstanceType { get; init; }

    public bool CurrentGeneration { get; init; }

    /// <summary>on-demand, spot, capacity-block.</summary>
    public IReadOnlyList<string> SupportedUsageClasses { get; init; } = [];

    public VCpuInfo? VCpuInfo { get; init; }

    public MemoryInfo? MemoryInfo { get; init; }

    public ProcessorInfo? ProcessorInfo { get; init; }

    /// <summary>The default vCPU count, 0 when EC2 did not say.</summary>
    [JsonIgnore]
    public int VCpus => VCpuInfo?.DefaultVCpus ?? 0;

    /// <summary>The memory in MiB, 0 when EC2 did not say.</summary>
    [JsonIgnore]
    public long MemoryMiB => MemoryInfo?.SizeInMiB ?? 0;
}

public sealed record VCpuInfo
{
    public int DefaultVCpus { get; init; }

    public int DefaultCores { get; init; }
}

public sealed record MemoryInfo
{
    public long SizeInMiB { get; init; }
}

public sealed record ProcessorInfo
{
    /// <summary>x86_64, arm64…</summary>
    public IReadOnlyList<string> SupportedArchitectures { get; init; } = [];
}

/// <summary>DescribeSpotPriceHistory: recent spot prices per instance type and zone (e.g. product description <c>Linux/UNIX</c>).</summary>
public sealed record DescribeSpotPriceHistoryRequest(
    IReadOnlyList<string>? InstanceTypes = null,
    IReadOnlyList<string>? ProductDescriptions = null,
    DateTimeOffset? StartTime = null,
    DateTimeOffset? EndTime = null,
    string? AvailabilityZone = null,
    IReadOnlyList<Ec2Filter>? Filters = null,
    string? NextToken = null,
    int? MaxResults = null);

public sealed record DescribeSpotPriceHistoryResponse
{
    public IReadOnlyList<SpotPriceHistoryEntry> SpotPriceHistory { get; init; } = [];

    public string? NextToken { get; init; }
}

/// <summary>One spot price (model shape <c>SpotPrice</c>): dollars per hour as EC2 writes it, e.g. "0.0412".</summary>
public sealed record SpotPriceHistoryEntry
{
    public string? InstanceType { get; init; }

    public string? AvailabilityZone { get; init; }

    public string? ProductDescription { get; init; }

    public string? SpotPrice { get; init; }

    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>The price as a number, or null when EC2's text is not one.</summary>
    [JsonIgnore]
    public decimal? PricePerHour => decimal.TryParse(SpotPrice, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var price) ? price : null;
}

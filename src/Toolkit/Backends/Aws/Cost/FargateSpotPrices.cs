namespace Fleetbook.Backends.Aws.Cost;

/// <summary>Fargate Spot's price per vCPU-hour and per GB-hour (Linux, x86).</summary>
public sealed record FargatePrice(decimal PerVcpuHour, decimal PerGbHour);

/// <summary>
/// Fargate Spot list prices per region, as published on aws.amazon.com/fargate/pricing (Linux/x86). AWS moves these
/// prices slowly with supply and demand and offers no API for them, so the table carries its date and the estimate
/// says which row it used.
/// </summary>
public static class FargateSpotPrices
{
    public const string AsOf = "2023";
    public const string FallbackRegion = "us-east-1";

    public static IReadOnlyDictionary<string, FargatePrice> Table { get; } = new Dictionary<string, FargatePrice>(StringComparer.Ordinal)
    {
        ["us-east-1"] = new(0.01246518m, 0.00136895m),
        ["eu-west-1"] = new(0.01334053m, 0.00146489m),
    };

    /// <summary>The region's row; us-east-1's when the table has none, with a note saying so.</summary>
    public static (FargatePrice Price, string? Note) For(string region) =>
        Table.TryGetValue(region, out var price) ? (price, null) : (Table[FallbackRegion], $"no {region} row in the table, so {FallbackRegion}'s prices");
}

using Fleetbook.Backends.Aws.Services.Ec2;

namespace Fleetbook.Backends.Aws.Cost;

/// <summary>A spot price of one instance type in one zone, and when EC2 set it.</summary>
internal sealed record ZonePrice(string Zone, decimal PerHour, DateTimeOffset? Since);

/// <summary>What EC2 said about one instance type's spot prices, and when it was asked.</summary>
internal sealed record TypePrices(IReadOnlyList<ZonePrice> Zones, DateTimeOffset FetchedAt, string? Failure);

/// <summary>
/// Latest Linux/UNIX spot price per instance type and zone, asked again at most hourly (a failed look-up is retried
/// after a few minutes), so that a monitor polling every minute does not call DescribeSpotPriceHistory each time.
/// </summary>
internal sealed class SpotPriceCache(Ec2Client ec2, TimeProvider time)
{
    public static readonly TimeSpan Refresh = TimeSpan.FromHours(1);
    public static readonly TimeSpan RetryAfterFailure = TimeSpan.FromMinutes(5);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, TypePrices> _prices = new(StringComparer.Ordinal);

    public async Task<IReadOnlyDictionary<string, TypePrices>> GetAsync(IReadOnlyCollection<string> instanceTypes, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        List<string> stale;
        lock (_gate)
        {
            stale = instanceTypes.Where(t => !_prices.TryGetValue(t, out var known) || now - known.FetchedAt >= (known.Failure is null ? Refresh : RetryAfterFailure)).ToList();
        }

        if (stale.Count > 0)
        {
            var fetched = await FetchAsync(stale, now, cancellationToken).ConfigureAwait(false);
            lock (_gate)
            {
                foreach (var (type, prices) in fetched)
                {
                    _prices[type] = prices;
                }
            }
        }

        lock (_gate)
        {
            return instanceTypes.Where(_prices.ContainsKey).ToDictionary(t => t, t => _prices[t], StringComparer.Ordinal);
        }
    }

    private async Task<Dictionary<string, TypePrices>> FetchAsync(List<string> types, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            // With a start time of now, EC2 answers the price in effect now in each zone.
            var history = await ec2.DescribeSpotPriceHistoryAllAsync(new DescribeSpotPriceHistoryRequest(types, ["Linux/UNIX"], StartTime: now), cancellationToken)
                .ReadAllAsync(cancellationToken).ConfigureAwait(false);
            return types.ToDictionary(t => t, t => new TypePrices(Latest(history, t), now, null), StringComparer.Ordinal);
        }
        catch (AwsServiceException error)
        {
            return types.ToDictionary(t => t, _ => new TypePrices([], now, error.Code), StringComparer.Ordinal);
        }
    }

    private static List<ZonePrice> Latest(IReadOnlyList<SpotPriceHistoryEntry> history, string type) =>
        history.Where(h => h.InstanceType == type && h.AvailabilityZone is not null && h.PricePerHour is not null)
            .GroupBy(h => h.AvailabilityZone!, StringComparer.Ordinal)
            .Select(g => g.OrderByDescending(h => h.Timestamp ?? DateTimeOffset.MinValue).First())
            .Select(h => new ZonePrice(h.AvailabilityZone!, h.PricePerHour!.Value, h.Timestamp))
            .OrderBy(z => z.Zone, StringComparer.Ordinal)
            .ToList();
}

using System.Globalization;
using Fleetbook.Backends.Aws.Services.Ec2;
using Fleetbook.Steps;

namespace Fleetbook.Backends.Aws.Cost;

/// <summary>
/// What a run on AWS has cost and will cost: machine-hours at the current spot price of each type and zone
/// (DescribeSpotPriceHistory, cached for an hour), Fargate Spot vCPU- and GB-hours at the published list prices.
/// <see cref="RunCost.ToCompletion"/> is the further cost until the queue drains: what runs now, for the remaining time.
/// Compute only; EBS volumes, public IPv4 addresses, alarms, dashboards and data transfer are not counted.
/// </summary>
public sealed class CostEstimator
{
    private readonly SpotPriceCache _spotPrices;
    private readonly TimeProvider _time;

    public CostEstimator(Ec2Client ec2, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(ec2);
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _spotPrices = new SpotPriceCache(ec2, time);
    }

    public async Task<RunCost> EstimateAsync(CostInputs inputs, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var now = _time.GetUtcNow();
        var types = inputs.Machines.Select(m => m.InstanceType).Distinct(StringComparer.Ordinal).ToList();
        var prices = types.Count == 0 ? new Dictionary<string, TypePrices>() : await _spotPrices.GetAsync(types, ct).ConfigureAwait(false);

        var soFar = 0m;
        var perHourNow = 0m;
        var parts = new List<string>();

        foreach (var group in inputs.Machines.Select(m => (Machine: m, Price: PriceOf(m, prices, inputs.FallbackHourlyPrice))).GroupBy(p => (p.Machine.InstanceType, p.Price)))
        {
            var hours = group.Sum(p => Hours(p.Machine.Start, p.Machine.End, now));
            soFar += hours * group.Key.Price.PerHour;
            perHourNow += group.Count(p => p.Machine.End is null) * group.Key.Price.PerHour;
            parts.Add($"{Number(hours)} {group.Key.InstanceType} machine-hours × {Dollars(group.Key.Price.PerHour)} {group.Key.Price.Source}");
        }

        if (inputs.FargateTasks.Count > 0)
        {
            var (price, note) = FargateSpotPrices.For(inputs.Region);
            var vcpuHours = inputs.FargateTasks.Sum(t => (decimal)t.Vcpu * Hours(t.Start, t.End, now));
            var gbHours = inputs.FargateTasks.Sum(t => (decimal)t.MemoryGb * Hours(t.Start, t.End, now));
            soFar += vcpuHours * price.PerVcpuHour + gbHours * price.PerGbHour;
            perHourNow += inputs.FargateTasks.Where(t => t.End is null).Sum(t => (decimal)t.Vcpu * price.PerVcpuHour + (decimal)t.MemoryGb * price.PerGbHour);
            parts.Add($"{Number(vcpuHours)} Fargate Spot vCPU-hours × {Dollars(price.PerVcpuHour)} + {Number(gbHours)} GB-hours × {Dollars(price.PerGbHour)} ({note ?? inputs.Region + " list prices"} as of {FargateSpotPrices.AsOf})");
        }

        decimal? toCompletion = inputs.Remaining is { } remaining ? Math.Round(perHourNow * (decimal)Math.Max(0, remaining.TotalHours), 4) : null;
        var basis = parts.Count == 0 ? "Nothing has run yet" : string.Join(" + ", parts);
        if (toCompletion is not null)
        {
            var hoursLeft = Number((decimal)inputs.Remaining!.Value.TotalHours);
            basis += $"; to completion, {hoursLeft} more {(hoursLeft == "1" ? "hour" : "hours")} at {Dollars(perHourNow)} an hour";
        }

        return new RunCost(Math.Round(soFar, 4), toCompletion, basis + ".");
    }

    /// <summary>The time left if the remaining jobs go as fast as the done ones did; null until a job is done.</summary>
    public static TimeSpan? RemainingAtPace(long remainingJobs, long doneJobs, TimeSpan elapsed)
    {
        if (remainingJobs <= 0)
        {
            return TimeSpan.Zero;
        }

        if (doneJobs <= 0 || elapsed <= TimeSpan.Zero)
        {
            return null;
        }

        var ticks = elapsed.Ticks * (double)remainingJobs / doneJobs;
        return ticks >= TimeSpan.MaxValue.Ticks ? null : TimeSpan.FromTicks((long)ticks);
    }

    private sealed record HourlyPrice(decimal PerHour, string Source);

    private static HourlyPrice PriceOf(MachineUsage machine, IReadOnlyDictionary<string, TypePrices> prices, decimal fallback)
    {
        var known = prices.GetValueOrDefault(machine.InstanceType);
        var zones = known?.Zones ?? [];
        if (machine.AvailabilityZone is { } zone && zones.FirstOrDefault(z => z.Zone == zone) is { } exact)
        {
            return new HourlyPrice(exact.PerHour, $"spot ({exact.Zone}{Date(exact.Since)})");
        }

        if (zones.Count > 0)
        {
            // Zone unknown: the dearest zone, so the estimate errs high rather than low.
            var dearest = zones.MaxBy(z => z.PerHour)!;
            return new HourlyPrice(dearest.PerHour, $"spot (the highest of {string.Join(", ", zones.Select(z => z.Zone))}{Date(dearest.Since)})");
        }

        var why = known?.Failure is { } failure ? $"the spot price look-up failed with {failure}" : "EC2 gave no spot price";
        return new HourlyPrice(fallback, $"(MACHINE_PRICE, as {why})");
    }

    private static decimal Hours(DateTimeOffset start, DateTimeOffset? end, DateTimeOffset now) =>
        (decimal)Math.Max(0, ((end ?? now) - start).TotalHours);

    private static string Date(DateTimeOffset? since) => since is { } at ? ", " + at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "";

    private static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Dollars(decimal value) => "$" + value.ToString("0.00######", CultureInfo.InvariantCulture);
}

using Fleetbook.Backends.Aws.Services.Ec2;

namespace Fleetbook.Backends.Aws.Capacity;

/// <summary>A fleet's active instances as <see cref="FleetMachine"/>s, with the availability zone the cost estimate prices them by.</summary>
internal static class MachineLookup
{
    /// <summary>EC2 takes at most 200 values per filter.</summary>
    private const int FilterValues = 200;

    public static async Task<IReadOnlyList<FleetMachine>> OfAsync(Ec2Client ec2, IReadOnlyList<ActiveInstance> active, CancellationToken cancellationToken)
    {
        var ids = active.Select(i => i.InstanceId).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var zones = new Dictionary<string, string?>(StringComparer.Ordinal);
        try
        {
            // A filter rather than InstanceIds: an id EC2 has only just launched must not fail the whole look-up.
            foreach (var chunk in ids.Chunk(FilterValues))
            {
                var reservations = await ec2.DescribeInstancesAllAsync(new DescribeInstancesRequest(Filters: [new Ec2Filter("instance-id", chunk)]), cancellationToken)
                    .ReadAllAsync(cancellationToken).ConfigureAwait(false);
                foreach (var instance in reservations.SelectMany(r => r.Instances))
                {
                    if (instance.InstanceId is { } id)
                    {
                        zones[id] = instance.Placement?.AvailabilityZone;
                    }
                }
            }
        }
        catch (AwsServiceException exception) when (exception.Code == "UnauthorizedOperation")
        {
            // Without ec2:DescribeInstances the machines are still counted, only without their zone.
        }

        return [.. active.Where(i => i.InstanceId is not null).Select(i => new FleetMachine(i.InstanceId!, i.InstanceType ?? "", zones.GetValueOrDefault(i.InstanceId!)))];
    }
}

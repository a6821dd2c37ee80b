using Fleetbook.Backends.Aws.Capacity;
using Fleetbook.Configuration;
using Fleetbook.Fleet;

namespace Fleetbook.Backends.Aws.Run;

public sealed partial class AwsBackend
{
    private static IMachineCapacity Capacities(FleetMode mode, AwsClients aws, TimeProvider time) => throw new NotImplementedException();

    public Task<IReadOnlyList<Steps.PreflightCheck>> PreflightAsync(FleetFileContents? fleetFile, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Steps.PreflightCheck>>([]);
}

using System.Text.Json.Nodes;
using Fleetbook.Backends.Aws.Services.Ec2;
using Fleetbook.Configuration;

namespace Fleetbook.Backends.Aws.Capacity;

/// <summary>Machines from a Spot Fleet request: the user's Distributed-Something fleet file merged with the config, as startCluster does.</summary>
public sealed class SpotFleetLaunch(Ec2Client ec2) : IMachineCapacity
{
    private const string NotFound = "InvalidSpotFleetRequestId.NotFound";

    public FleetMode Mode => FleetMode.SpotFleet;

    /// <summary>
    /// The request config start sends: the fleet file with ValidFrom/ValidUntil (now, a year on), TargetCapacity,
    /// SpotPrice, and per launch specification the user data, the EBS size, the instance type and ASSIGN_IP; tagged.
    /// </summary>
    public static JsonObject Merge(CapacityRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var config = FleetFileJson.ToJsonObject(request.FleetFile.Root);
        config["ValidFrom"] = LaunchSpecs.Iso(request.Now);
        config["ValidUntil"] = LaunchSpecs.Iso(request.Now.AddDays(365));
        config["TargetCapacity"] = request.Machines;
        config["SpotPrice"] = LaunchSpecs.Price(request.Config);

        var specs = LaunchSpecs.WithTypes(LaunchSpecs.Of(config), request.Config.MachineTypes);
        LaunchSpecs.SetVolumeSizes(specs.Select(s => (s.Spec, s.Source)), request.Config, request.FleetFile);
        var userData = ClusterUserData.Base64(request.Cluster);
        foreach (var (spec, _, instanceType) in specs)
        {
            spec["UserData"] = userData;
            spec["InstanceType"] = instanceType;
            LaunchSpecs.SetPublicIp(spec, request.Config.AssignIp);
        }

        config["LaunchSpecifications"] = new JsonArray([.. specs.Select(s => (JsonNode)s.Spec)]);
        return SpotFleetConfigs.WithTags(config, request.Tags);
    }

    public async Task<LaunchedCapacity> LaunchAsync(CapacityRequest request, CancellationToken cancellationToken)
    {
        var config = Merge(request);
        RequestSpotFleetResponse response;
        try
        {
            response = await ec2.RequestSpotFleetAsync(new RequestSpotFleetRequest(config), cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException exception) when (FleetProblems.IsRequestProblem(exception))
        {
            throw FleetProblems.Rejected(request.FleetFile.Path, [FleetProblems.Sentence(exception.Code, exception.ServiceMessage)], "nothing was launched");
        }

        var types = LaunchSpecs.Of(config).Select(s => LaunchSpecs.Str(s, "InstanceType")).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        return new LaunchedCapacity(Mode, response.SpotFleetRequestId, null, request.Machines, request.Now, types, request.FleetFile.Path);
    }

    public async Task<CapacitySnapshot> DescribeAsync(LaunchedCapacity launched, CancellationToken cancellationToken)
    {
        var id = FleetId(launched);
        SpotFleetRequest? fleet;
        try
        {
            var described = await ec2.DescribeSpotFleetRequestsAsync(new DescribeSpotFleetRequestsRequest([id]), cancellationToken).ConfigureAwait(false);
            fleet = described.SpotFleetRequestConfigs.FirstOrDefault();
        }
        catch (AwsServiceException exception) when (exception.Code == NotFound)
        {
            fleet = null;
        }

        if (fleet is null)
        {
            return new CapacitySnapshot(0, [], [], CapacityStates.NotFound, false);
        }

        var active = await ec2.DescribeSpotFleetInstancesAllAsync(new DescribeSpotFleetInstancesRequest(id), cancellationToken).ReadAllAsync(cancellationToken).ConfigureAwait(false);
        var history = await ec2.DescribeSpotFleetRequestHistoryAllAsync(
            new DescribeSpotFleetRequestHistoryRequest(id, launched.StartedAt - TimeSpan.FromMinutes(1), SpotFleetEventType.Error), cancellationToken)
            .ReadAllAsync(cancellationToken).ConfigureAwait(false);
        var errors = history.Select(r => FleetProblems.Sentence(r.EventInformation?.EventSubType, r.EventInformation?.EventDescription)).Distinct(StringComparer.Ordinal).ToList();
        var machines = await MachineLookup.OfAsync(ec2, active, cancellationToken).ConfigureAwait(false);
        var fulfilled = fleet.SpotFleetRequestConfig?.FulfilledCapacity ?? 0;
        return new CapacitySnapshot(
            fleet.SpotFleetRequestConfig?.TargetCapacity ?? 0,
            machines,
            errors,
            fleet.SpotFleetRequestState ?? "unknown",
            FleetProblems.Unusable(errors, fulfilled, machines.Count));
    }

    public async Task SetTargetAsync(LaunchedCapacity launched, int machines, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(machines);
        await ec2.ModifySpotFleetRequestAsync(
            new ModifySpotFleetRequestRequest(FleetId(launched), TargetCapacity: machines, ExcessCapacityTerminationPolicy: ExcessCapacityTerminationPolicy.NoTermination),
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<string>> RemoveAsync(LaunchedCapacity launched, CancellationToken cancellationToken)
    {
        if (launched.FleetId is not { } id)
        {
            return [];
        }

        var response = await ec2.CancelSpotFleetRequestsAsync(new CancelSpotFleetRequestsRequest([id], TerminateInstances: true), cancellationToken).ConfigureAwait(false);
        if (response.SuccessfulFleetRequests.Any(f => f.SpotFleetRequestId == id))
        {
            return [$"Cancelled Spot Fleet request {id} and terminated its machines."];
        }

        var error = response.UnsuccessfulFleetRequests.FirstOrDefault(f => f.SpotFleetRequestId == id)?.Error;
        return error?.Code switch
        {
            "fleetRequestNotInCancellableState" => [$"Spot Fleet request {id} was already cancelled."],
            "fleetRequestIdDoesNotExist" => [$"Spot Fleet request {id} no longer exists; nothing to cancel."],
            _ => throw new AwsServiceException(AwsService.Ec2, "CancelSpotFleetRequests", error?.Code ?? "unexpectedError", error?.Message ?? $"{id} was not cancelled", null, null,
                "Cancel it in the EC2 console (Spot Requests), or run cleanup again."),
        };
    }

    private static string FleetId(LaunchedCapacity launched) =>
        launched.FleetId ?? throw new ArgumentException("The launched capacity has no fleet id.", nameof(launched));
}
